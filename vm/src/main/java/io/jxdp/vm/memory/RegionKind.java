package io.jxdp.vm.memory;

/** What a region of the eBPF address space holds; see ARCHITECTURE.md, "Memory model". */
public enum RegionKind {
    STACK("stack"),
    CONTEXT("xdp_md context"),
    PACKET("packet"),
    MEMORY("memory"),
    MAP_VALUE("map value");

    private final String description;

    RegionKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}

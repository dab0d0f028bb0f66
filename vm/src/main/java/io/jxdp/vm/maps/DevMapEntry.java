package io.jxdp.vm.maps;

/**
 * One DEVMAP or DEVMAP_HASH entry, as the kernel's {@code bpf_dtab_netdev}: the key, the device
 * frames go out of, and the program to run before they do (0 for none). Every update makes a new
 * entry. The runtime hangs its per-device state (the emulated device's sink) on it with {@link #attach}.
 */
public final class DevMapEntry {
    private final int key;
    private final int ifindex;
    private final int progId;
    private volatile Object attachment;

    DevMapEntry(int key, int ifindex, int progId) {
        this.key = key;
        this.ifindex = ifindex;
        this.progId = progId;
    }

    public int key() {
        return key;
    }

    /** The target device. */
    public int ifindex() {
        return ifindex;
    }

    /** The devmap program, 0 for none. */
    public int progId() {
        return progId;
    }

    public Object attachment() {
        return attachment;
    }

    public void attach(Object state) {
        this.attachment = state;
    }

    @Override
    public String toString() {
        return "devmap entry " + key + " {ifindex " + ifindex + (progId != 0 ? ", prog " + progId : "") + "}";
    }
}

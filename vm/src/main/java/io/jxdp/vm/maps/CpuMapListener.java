package io.jxdp.vm.maps;

/**
 * Told of every change to a CPUMAP's entries, after the change is visible to {@code
 * bpf_redirect_map}. Calls come one at a time in the order of the changes (under the map's update
 * lock: a listener must not update the same map).
 */
public interface CpuMapListener {
    /**
     * A new entry is in place.
     *
     * @param replaced the entry it replaced, whose queue must still drain, or null
     */
    void entryUpdated(CpuMapEntry entry, CpuMapEntry replaced);

    /** The entry is gone (a delete, or an update with qsize 0); its queue must still drain. */
    void entryDeleted(CpuMapEntry removed);
}

package io.jxdp.vm.maps;

/**
 * Told of every change to a DEVMAP's or DEVMAP_HASH's entries, after the change is visible to
 * {@code bpf_redirect_map}; one call at a time, in order, under the map's update lock.
 */
public interface DevMapListener {
    /** A new entry is in place; {@code replaced} is the one it replaced, or null. */
    void entryUpdated(DevMapEntry entry, DevMapEntry replaced);

    void entryDeleted(DevMapEntry removed);
}

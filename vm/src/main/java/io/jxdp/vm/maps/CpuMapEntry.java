package io.jxdp.vm.maps;

/**
 * One CPUMAP entry as the kernel's {@code bpf_cpu_map_entry} holds it: the target CPU (the key),
 * the ring size and the id of the program to run on the remote CPU (0 for none). Every update
 * makes a new entry, as the kernel allocates a new ring and kthread for each: a redirect that
 * looked up the old entry still delivers to it, and its queue must drain before it goes away.
 *
 * <p>The runtime hangs its per-entry state (ring, consumer) on the entry with {@link #attach}.
 */
public final class CpuMapEntry {
    private final int key;
    private final int qsize;
    private final int progId;
    private volatile Object attachment;

    CpuMapEntry(int key, int qsize, int progId) {
        this.key = key;
        this.qsize = qsize;
        this.progId = progId;
    }

    /** The CPU frames redirected to this entry go to. */
    public int key() {
        return key;
    }

    /** The ring's size, 1 to 16384. */
    public int qsize() {
        return qsize;
    }

    /** The program to run on the remote CPU, 0 for none. */
    public int progId() {
        return progId;
    }

    /** What the runtime attached, or null. */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object state) {
        this.attachment = state;
    }

    @Override
    public String toString() {
        return "cpumap entry " + key + " {qsize " + qsize + (progId != 0 ? ", prog " + progId : "") + "}";
    }
}

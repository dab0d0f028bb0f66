package io.jxdp;

import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.XdpTestRun;
import io.jxdp.vm.maps.BpfMap;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A loaded XDP program with its maps. {@link #run} gives it a packet as {@code BPF_PROG_TEST_RUN}
 * ({@code bpftool prog run}) does; {@link #map} reads and writes its maps, whose entries persist
 * from run to run; {@link Datapath} puts it in the emulated XDP datapath.
 *
 * <p>Runs on one program are serialised (each uses CPU 0's per-CPU values); maps may be used from
 * any thread at any time.
 */
public final class XdpProgram {
    private final String name;
    private final LoadedProgram loaded;
    private final ProgramMaps maps;
    private final Verification verification;
    private final Cpu cpu;
    private final Map<String, XdpMap> mapViews = new LinkedHashMap<>();

    XdpProgram(String name, LoadedProgram loaded, ProgramMaps maps, Verification verification) {
        this.name = name;
        this.loaded = loaded;
        this.maps = maps;
        this.verification = verification;
        this.cpu = new Cpu(0, maps.space());
        for (BpfMap m : maps.all()) {
            mapViews.put(m.def().name(), new XdpMap(m));
        }
    }

    /** The name it was loaded under (the file name, or the name given with the bytes). */
    public String name() {
        return name;
    }

    /** The engine that runs it. */
    public EngineKind engine() {
        return loaded.engine();
    }

    /** What the verifier said (accepted, or skipped when loaded with verification off). */
    public Verification verification() {
        return verification;
    }

    /** Runs the program once on {@code packet} (an Ethernet frame, 14 to 3,520 bytes). */
    public RunResult run(byte[] packet) {
        return run(packet, RunOptions.defaults());
    }

    /** Runs the program once on the remaining bytes of {@code packet}, leaving its position as it is. */
    public RunResult run(ByteBuffer packet) {
        byte[] bytes = new byte[packet.remaining()];
        packet.duplicate().get(bytes);
        return run(bytes, RunOptions.defaults());
    }

    /**
     * Runs the program on {@code input} (metadata, then the packet) as {@code options} say. The input
     * is copied into a fresh 4,096-byte frame with the kernel's 256 bytes of headroom, so the
     * program may grow the packet with {@code bpf_xdp_adjust_head}/{@code _tail} as in the kernel.
     *
     * @throws io.jxdp.vm.ErrnoException {@code -EINVAL} for a packet shorter than 14 or longer than
     *     3,520 bytes, or metadata the kernel would refuse
     * @throws io.jxdp.vm.VmFault if the program faults (naming pc, instruction and address)
     */
    public synchronized RunResult run(byte[] input, RunOptions options) {
        XdpTestRun.Result r = XdpTestRun.run(
                loaded,
                cpu,
                input.clone(),
                XdpTestRun.Options.defaults()
                        .withRepeat(options.repeat())
                        .withIngress(options.ingressIfindex(), options.rxQueueIndex())
                        .withMetaLength(options.metadataLength()));
        return RunResult.of(r, Redirect.of(cpu.redirect()));
    }

    /**
     * The map the program calls {@code mapName}.
     *
     * @throws NoSuchElementException naming the maps there are
     */
    public XdpMap map(String mapName) {
        XdpMap m = mapViews.get(mapName);
        if (m == null) {
            throw new NoSuchElementException(name + " has no map named '" + mapName + "'"
                    + (mapViews.isEmpty()
                            ? " (it has no maps)"
                            : " (maps: " + String.join(", ", mapViews.keySet()) + ")"));
        }
        return m;
    }

    /** Every map, by name, in the order the program (or its object file) declares them. */
    public Map<String, XdpMap> maps() {
        return java.util.Collections.unmodifiableMap(mapViews);
    }

    LoadedProgram loaded() {
        return loaded;
    }

    ProgramMaps programMaps() {
        return maps;
    }

    /** {@code "prog.bpf (jit, 2 maps)"}. */
    @Override
    public String toString() {
        return name + " (" + engine().cliName() + ", " + mapViews.size() + " maps)";
    }
}

package io.jxdp.vm;

import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Memory;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One emulated CPU: the per-run state a program needs, so that one loaded program can run on any
 * number of Cpus at once (one thread each). It holds the Cpu's view of memory (its stack, the
 * packet it is processing, the shared maps), the helpers' per-CPU state, and the run's budget.
 */
public final class Cpu {
    private final int id;
    private final Memory memory;
    private Environment environment = Environment.real();
    private Consumer<String> trace = line -> {};
    private long randomState;
    private final RedirectInfo redirect = new RedirectInfo();

    /** The pc of the helper call in progress, so a helper's fault can name it. */
    public int pc;
    /** What the run may still spend: backward jumps and calls. */
    public long budget;
    /** The budget a run starts with. */
    public long budgetPerRun;
    /** The current bpf-to-bpf call depth (0 in the entry function). */
    public int depth;
    /**
     * The interpreter's register file (r0-r10), kept from run to run: allocating it per run cost
     * a fifth of a short program's time. A run takes it (leaving null, so a run nested on the same
     * Cpu makes its own) and puts it back when it exits normally.
     */
    public long[] registers = new long[11];

    public Cpu(int id, AddressSpace space) {
        this.id = id;
        this.memory = new Memory(id, space);
        seedRandom(0x9E3779B97F4A7C15L * (id + 1));
    }

    /** The CPU number {@code bpf_get_smp_processor_id} returns. */
    public int id() {
        return id;
    }

    public Memory memory() {
        return memory;
    }

    /** Where the last {@code bpf_redirect}/{@code bpf_redirect_map} of a program on this Cpu points. */
    public RedirectInfo redirect() {
        return redirect;
    }

    /** Forgets the redirect target, as the runtime does before each run (and xdp_do_redirect after one). */
    public void clearRedirect() {
        redirect.clear();
    }

    /** The clocks and devices helpers see; the real ones unless the run's owner gives others. */
    public Environment environment() {
        return environment;
    }

    public Cpu environment(Environment env) {
        this.environment = java.util.Objects.requireNonNull(env, "env");
        return this;
    }

    /** Pins the monotonic clock {@code bpf_ktime_get_ns} reads (a virtual environment around it). */
    public Cpu clock(LongSupplier newClock) {
        this.environment = Environment.withClock(newClock);
        return this;
    }

    /** Where {@code bpf_trace_printk} and {@code bpf_trace_vprintk} lines go. */
    public Consumer<String> trace() {
        return trace;
    }

    public Cpu trace(Consumer<String> sink) {
        this.trace = sink;
        return this;
    }

    public void seedRandom(long seed) {
        this.randomState = seed == 0 ? 0x2545F4914F6CDD1DL : seed;
    }

    /** The next value of this Cpu's xorshift64* generator (bpf_get_prandom_u32 takes the high half). */
    public long nextRandom() {
        long x = randomState;
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        randomState = x;
        return x * 0x2545F4914F6CDD1DL;
    }
}

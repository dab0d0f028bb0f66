package io.jxdp;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The entry point for Java applications:
 *
 * <pre>{@code
 * XdpProgram prog = Jxdp.load(Path.of("xdp_prog.o"));     // verified, on the JIT
 * RunResult r = prog.run(packet);                          // BPF_PROG_TEST_RUN
 * long hits = prog.map("counters").lookupLong(0).orElse(0);
 * }</pre>
 *
 * {@link #loader()} sets what differs from the defaults: engine, verification, syntax, the
 * program of an ELF object, custom helpers.
 */
public final class Jxdp {
    private Jxdp() {}

    /**
     * Loads, verifies and prepares the program in {@code file} with the defaults (see {@link
     * Loader#load(Path)} for what it reads and throws).
     */
    public static XdpProgram load(Path file) throws IOException {
        return loader().load(file);
    }

    /** A loader with the defaults: JIT, verified, syntax per file. */
    public static Loader loader() {
        return new Loader();
    }
}

package io.jxdp.verifier.testing;

import io.jxdp.isa.Program;
import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierOptions;

/** Developer tool: {@code SeedLog SEED}: level-2 logs of jxdp and the kernel for one random program. */
public final class SeedLog {
    private SeedLog() {}

    public static void main(String[] args) {
        Program p = RandomPrograms.generate(Long.parseLong(args[0]));
        System.out.println("-- jxdp:\n"
                + Verifier.verify(p, VerifierOptions.defaults().withLogLevel(2)).log());
        System.out.println("-- kernel:\n" + KernelOracle.load(p, 2, 0).log());
    }
}

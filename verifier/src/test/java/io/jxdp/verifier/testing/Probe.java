package io.jxdp.verifier.testing;

import io.jxdp.isa.Program;
import io.jxdp.verifier.ProgramType;
import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierOptions;
import io.jxdp.verifier.VerifierResult;
import java.nio.file.Files;
import java.nio.file.Path;

/** Developer tool: {@code Probe FILE... [-l level]} prints jxdp's and the running kernel's verdict and log. */
public final class Probe {
    private Probe() {}

    public static void main(String[] args) throws Exception {
        int level = 1;
        boolean quiet = false;
        for (String a : args) {
            if (a.startsWith("-l")) {
                level = Integer.parseInt(a.substring(2));
            }
            if (a.equals("-q")) {
                quiet = true;
            }
        }
        for (String file : args) {
            if (file.startsWith("-")) {
                continue;
            }
            String text = Files.readString(Path.of(file));
            Program p = Asm.llvm(text, file);
            int attach = text.contains("type: cpumap") ? 1 : text.contains("type: devmap") ? 2 : 0;
            ProgramType type =
                    attach == 1 ? ProgramType.xdpCpumap() : attach == 2 ? ProgramType.xdpDevmap() : ProgramType.xdp();
            VerifierResult ours = Verifier.verify(
                    p, VerifierOptions.defaults().withLogLevel(level).withProgramType(type));
            KernelOracle.Verdict k = KernelOracle.available() ? KernelOracle.load(p, level, attach) : null;
            boolean agree = k == null || k.accepted() == ours.accepted();
            System.out.println("== " + file + ": jxdp " + (ours.accepted() ? "accept" : "reject") + ", kernel "
                    + (k == null ? "n/a" : k.accepted() ? "accept" : "reject") + (agree ? "" : "   <<< MISMATCH"));
            if (quiet) {
                if (k != null && !k.accepted() && !ours.accepted()) {
                    String kl = FillHeaders.errorLine(k.log());
                    String[] ol = ours.error().get().kernelMessage().lines().toArray(String[]::new);
                    String ourLine = ol[ol.length - 1];
                    if (kl.startsWith("infinite loop")) {
                        ourLine = ol[0];
                    }
                    if (!kl.equals(ourLine.trim())) {
                        System.out.println("   kernel: " + kl + "\n   jxdp:   " + ourLine);
                    }
                }
                continue;
            }
            System.out.println("-- jxdp:");
            System.out.print(ours.log());
            if (k != null) {
                System.out.println("-- kernel:");
                System.out.print(k.log());
            }
            ours.error().ifPresent(e -> System.out.println("-- explain:\n" + e.explain()));
        }
    }
}

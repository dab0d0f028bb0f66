package io.jxdp.verifier.testing;

import io.jxdp.isa.Program;
import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierOptions;
import io.jxdp.verifier.VerifierResult;

/** Developer tool: {@code FuzzDiff FROM COUNT} compares jxdp's verdicts with the kernel's on random programs. */
public final class FuzzDiff {
    private FuzzDiff() {}

    public static void main(String[] args) {
        long from = Long.parseLong(args[0]);
        int count = Integer.parseInt(args[1]);
        int mismatches = 0;
        int accepted = 0;
        int msgDiff = 0;
        for (long seed = from; seed < from + count; seed++) {
            Program p = RandomPrograms.generate(seed);
            VerifierResult ours = Verifier.verify(p, VerifierOptions.defaults().withLogLevel(1));
            KernelOracle.Verdict k = KernelOracle.load(p, 1, 0);
            if (ours.accepted()) {
                accepted++;
            }
            if (k.accepted() == ours.accepted() && !k.accepted()) {
                String kl = FillHeaders.errorLine(k.log());
                boolean loops = kl.startsWith("infinite loop detected")
                        && ours.error().get().kernelMessage().startsWith("infinite loop detected");
                if (!loops && !ours.error().get().kernelMessage().contains(kl)) {
                    msgDiff++;
                    if (msgDiff <= 5) {
                        System.out.println("   seed " + seed + " kernel: " + kl + "\n   jxdp: "
                                + ours.error().get().kernelMessage());
                    }
                }
            }
            if (k.accepted() != ours.accepted()) {
                mismatches++;
                System.out.println("== seed " + seed + ": jxdp " + (ours.accepted() ? "accept" : "reject") + ", kernel "
                        + (k.accepted() ? "accept" : "reject"));
                if (mismatches <= 3) {
                    System.out.println("-- jxdp:\n" + ours.log() + "-- kernel:\n" + k.log());
                }
            }
        }
        System.out.println(count + " programs, " + accepted + " accepted by jxdp, " + mismatches
                + " verdict mismatches, " + msgDiff + " error text differences");
    }
}

package io.jxdp.verifier.testing;

import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierResult;

/** Developer tool: {@code LogDiff LEVEL [-v]} compares jxdp's log with the kernel's for every privileged corpus program. */
public final class LogDiff {
    private LogDiff() {}

    /** Drops what jxdp does not model (liveness debug output, map addresses). */
    public static String normalize(String log) {
        StringBuilder sb = new StringBuilder();
        boolean inLive = false;
        for (String line : log.split("\n", -1)) {
            if (line.startsWith("Live regs before insn:")) {
                inLive = true;
                continue;
            }
            if (inLive && line.matches(" +\\d+: .*")) {
                continue;
            }
            inLive = false;
            if (line.startsWith("func#")
                    || line.startsWith("(0) ")
                    || line.startsWith("(1) ")
                    || line.contains("live stack update done")) {
                continue;
            }
            sb.append(line.replaceAll("= 0xffff[0-9a-f]{12} *;", "= MAP ;")
                            .replaceAll("= map\\[id:\\d+\\] *;", "= MAP ;")
                            .replaceAll("= 0xffff[0-9a-f]{12}", "= MAP")
                            .replaceAll("= map\\[id:\\d+\\]", "= MAP"))
                    .append('\n');
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        int level = Integer.parseInt(args[0]);
        boolean verbose = args.length > 1;
        int same = 0;
        int total = 0;
        for (CorpusEntry e : CorpusEntry.all()) {
            if (e.unprivileged()) {
                continue;
            }
            total++;
            VerifierResult ours = Verifier.verify(e.program(), e.options(level));
            String k = normalize(
                    KernelOracle.load(e.program(), level, e.attachType()).log());
            String o = normalize(ours.log());
            if (k.equals(o)) {
                same++;
            } else {
                System.out.println("== " + e.name());
                if (verbose) {
                    String[] kl = k.lines().toArray(String[]::new);
                    String[] ol = o.lines().toArray(String[]::new);
                    for (int i = 0; i < Math.max(kl.length, ol.length); i++) {
                        String a = i < kl.length ? kl[i] : "<none>";
                        String b = i < ol.length ? ol[i] : "<none>";
                        if (!a.equals(b)) {
                            System.out.println("  kernel: " + a + "\n  jxdp:   " + b);
                            break;
                        }
                    }
                }
            }
        }
        System.out.println("level " + level + ": " + same + " of " + total + " logs identical");
    }
}

package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.Program;
import io.jxdp.isa.text.Dialect;
import io.jxdp.isa.text.Disassembler;
import io.jxdp.verifier.testing.FillHeaders;
import io.jxdp.verifier.testing.KernelOracle;
import io.jxdp.verifier.testing.KernelRelease;
import io.jxdp.verifier.testing.KernelReport;
import io.jxdp.verifier.testing.RandomPrograms;
import io.jxdp.verifier.testing.RecordedVerdicts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Live ({@code -Pkernel}): the random programs of {@link RandomPrograms} (the seeds of the recording)
 * are loaded into the running kernel; jxdp must give the same verdict and, for rejections, the same
 * error line. A program on which they differ is added to the recorded corpus
 * ({@code corpus/random/seed-N.bpf}, with the kernel's answer and release in its header) so that the
 * default build keeps checking it; with {@code -Djxdp.record=true} the recording of every seed is
 * rewritten from this kernel.
 */
@Tag("kernel")
class KernelDifferentialTest {
    @Test
    void randomProgramsGetTheKernelsVerdict() throws IOException {
        KernelOracle.requireOrSkip();
        List<RecordedVerdicts.Verdict> recorded = RecordedVerdicts.read();
        List<RecordedVerdicts.Verdict> fresh = new ArrayList<>();
        List<String> diffs = new ArrayList<>();
        List<String> recordingDiffs = new ArrayList<>();
        int rejects = 0;
        int sameText = 0;
        String release = KernelRelease.current();
        for (RecordedVerdicts.Verdict r : recorded) {
            long seed = r.seed();
            Program p = RandomPrograms.generate(seed);
            VerifierResult ours = Verifier.verify(p, VerifierOptions.defaults());
            KernelOracle.Verdict k = KernelOracle.load(p, 1, 0);
            String kernelError = k.accepted() ? "" : FillHeaders.errorLine(k.log());
            fresh.add(
                    new RecordedVerdicts.Verdict(seed, RecordedVerdicts.digest(p), k.accepted(), kernelError, release));
            if (k.accepted() != r.accept() || !kernelError.equals(r.error())) {
                recordingDiffs.add("seed " + seed + ": recorded on " + r.kernel() + " '" + r.error()
                        + "', this kernel '" + kernelError + "'");
            }
            if (k.accepted() != ours.accepted()) {
                diffs.add("seed " + seed + ": kernel " + (k.accepted() ? "accept" : "reject") + ", jxdp the opposite; "
                        + record(seed, p, k.accepted(), kernelError, release));
                continue;
            }
            if (!k.accepted()) {
                rejects++;
                String mine = ours.error().orElseThrow().kernelMessage();
                if (sameError(kernelError, mine)) {
                    sameText++;
                } else {
                    diffs.add("seed " + seed + ": kernel says '" + kernelError + "', jxdp '" + mine + "'; "
                            + record(seed, p, false, kernelError, release));
                }
            }
        }
        if (Boolean.getBoolean("jxdp.record")) {
            System.out.println("recorded " + fresh.size() + " verdicts in " + RecordedVerdicts.write(fresh));
        }
        new KernelReport("random programs")
                .row(
                        "seeds " + recorded.get(0).seed() + "-"
                                + recorded.get(recorded.size() - 1).seed(),
                        recorded.size(),
                        recorded.size()
                                - (int) diffs.stream()
                                        .filter(d -> d.contains("the opposite"))
                                        .count(),
                        sameText,
                        rejects)
                .print(System.out);
        recordingDiffs.forEach(d -> System.out.println("  the recording differs from this kernel: " + d));
        assertTrue(diffs.isEmpty(), () -> diffs.size() + " differences:\n" + String.join("\n", diffs));
        assertTrue(
                recordingDiffs.isEmpty() || Boolean.getBoolean("jxdp.record"),
                () -> "the recording is not this kernel's; re-record with" + " -Djxdp.record=true:\n"
                        + String.join("\n", recordingDiffs));
    }

    /** Writes the program into the recorded corpus with the kernel's answer; says where. */
    private static String record(long seed, Program p, boolean accept, String error, String release)
            throws IOException {
        Path file = RecordedVerdicts.sourceDir().resolve("src/test/resources/corpus/random/seed-" + seed + ".bpf");
        if (Files.exists(file)) {
            return "already in the corpus as " + file.getFileName();
        }
        String header = "# RandomPrograms seed " + seed
                + ", added by KernelDifferentialTest where jxdp and the kernel differed\n"
                + "# verdict: " + (accept ? "accept" : "reject") + "\n" + (accept ? "" : "# error: " + error + "\n")
                + "# kernel: " + release + "\n";
        Files.createDirectories(file.getParent());
        Files.writeString(
                file, header + Disassembler.of(Dialect.LLVM).withLabels(true).print(p));
        return "added " + file;
    }

    /**
     * The same error: the same text, except that an infinite loop may be caught at another insn of
     * the loop (which checkpoint repeats first depends on where states were stored).
     */
    static boolean sameError(String kernel, String ours) {
        if (kernel.startsWith("infinite loop detected at insn ")) {
            return ours.startsWith("infinite loop detected at insn ");
        }
        return ours.contains(kernel);
    }
}

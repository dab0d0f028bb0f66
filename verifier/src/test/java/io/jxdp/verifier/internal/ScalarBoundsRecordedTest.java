package io.jxdp.verifier.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * jxdp's scalar domain against the kernel's recorded answers (kernel-verdicts/scalar-bounds.tsv): for
 * each crafted case, the registers the kernel had before the operation go through jxdp's own code
 * (is_branch_taken and reg_set_min_max in {@link BranchBounds}, adjust_scalar_min_max_vals in
 * {@link Scalars}), and what comes out must print exactly as the kernel's registers did after it.
 */
class ScalarBoundsRecordedTest {
    static final String RESOURCE = "/kernel-verdicts/scalar-bounds.tsv";

    /** A recorded line: the case, the kernel's answer and the release that gave it. */
    record Recorded(BoundsCase bcase, BoundsAnswer answer, String release) {}

    static List<Recorded> recorded() throws IOException {
        List<Recorded> out = new ArrayList<>();
        try (InputStream in = ScalarBoundsRecordedTest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                out.add(new Recorded(BoundsCase.ofKey(cols), BoundsAnswer.ofColumns(cols, 5), cols[12]));
            }
        }
        return out;
    }

    static Stream<Arguments> cases() throws IOException {
        return recorded().stream().map(r -> Arguments.of(r.bcase().key().replace('\t', ' '), r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void jxdpRefinesAsTheKernelDid(String name, Recorded r) {
        assertEquals(
                r.answer().columns(), jxdp(r.bcase(), r.answer()).columns(), name + " (kernel " + r.release() + ")");
    }

    @Test
    void everyCraftedCaseIsRecorded() throws IOException {
        List<String> keys = recorded().stream().map(r -> r.bcase().key()).toList();
        assertEquals(BoundsCases.all().stream().map(BoundsCase::key).toList(), keys);
    }

    /** jxdp's answer, from the kernel's registers before the operation. */
    static BoundsAnswer jxdp(BoundsCase c, BoundsAnswer kernel) {
        Reg dst = ScalarText.parse(kernel.dstBefore());
        Reg src;
        if (c.immSrc()) {
            src = new Reg();
            src.markKnown(c.imm());
        } else {
            src = ScalarText.parse(kernel.srcBefore());
        }
        String none = BoundsAnswer.NONE;
        if (c.kind() == BoundsCase.Kind.ALU) {
            Scalars.adjust(c.aluOp(), c.is32(), dst, src);
            return new BoundsAnswer(
                    kernel.dstBefore(), kernel.srcBefore(), "alu", List.of(ScalarText.print(dst), none, none, none));
        }
        int pred = BranchBounds.isBranchTaken(dst, src, c.jmpOp(), c.is32());
        if (pred >= 0) {
            return new BoundsAnswer(
                    kernel.dstBefore(),
                    kernel.srcBefore(),
                    pred == 1 ? "always" : "never",
                    List.of(none, none, none, none));
        }
        Reg true1 = dst.copy();
        Reg true2 = src.copy();
        Reg false1 = dst.copy();
        Reg false2 = src.copy();
        BranchBounds.regSetMinMax(true1, true2, false1, false2, c.jmpOp(), c.is32());
        return new BoundsAnswer(
                kernel.dstBefore(),
                kernel.srcBefore(),
                "split",
                List.of(
                        ScalarText.print(false1),
                        c.immSrc() ? none : ScalarText.print(false2),
                        ScalarText.print(true1),
                        c.immSrc() ? none : ScalarText.print(true2)));
    }
}

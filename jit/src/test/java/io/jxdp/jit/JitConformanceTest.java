package io.jxdp.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jxdp.asm.data.ConformanceJudge.Verdict;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.testing.ConformanceSuite;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of the conformance suite on the JIT (default options: no verifier facts, as `jxdp conformance` runs it): tests/ must pass, negative/ must fail. */
class JitConformanceTest {
    static Stream<Arguments> positive() {
        return ConformanceSuite.cases("tests");
    }

    static Stream<Arguments> negative() {
        return ConformanceSuite.cases("negative");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positive")
    void passes(String name, Path file) {
        assertEquals(new Verdict(true, ""), ConformanceSuite.judge(file, EngineKind.JIT), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negative")
    void fails(String name, Path file) {
        Verdict v = ConformanceSuite.judge(file, EngineKind.JIT);
        assertFalse(v.passed(), name);
        assertFalse(v.reason().isBlank(), name + " failed without a reason");
    }

    @Test
    void theWholeSuiteIsThere() {
        assumeTrue(ConformanceSuite.dir().isPresent(), "the conformance suite is not beside the repository");
        assertEquals(
                ConformanceSuite.POSITIVE_CASES, ConformanceSuite.files("tests").size());
        assertEquals(
                ConformanceSuite.NEGATIVE_CASES,
                ConformanceSuite.files("negative").size());
    }
}

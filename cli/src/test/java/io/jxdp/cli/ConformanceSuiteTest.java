package io.jxdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jxdp.vm.EngineKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every conformance case on every engine: tests/ must pass, negative/ must fail. */
class ConformanceSuiteTest {
    static Stream<Arguments> cases(String dir) throws Exception {
        if (!Conformance.present()) {
            return Stream.of();
        }
        List<Arguments> all = new ArrayList<>();
        for (Path f : ConformanceRunner.files(List.of(Conformance.dir().resolve(dir)))) {
            for (EngineKind e : EngineKind.values()) {
                all.add(Arguments.of(f.getFileName() + "[" + e.cliName() + "]", f, e));
            }
        }
        return all.stream();
    }

    static Stream<Arguments> positive() throws Exception {
        return cases("tests");
    }

    static Stream<Arguments> negative() throws Exception {
        return cases("negative");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positive")
    void passes(String name, Path file, EngineKind engine) {
        ConformanceRunner.Outcome o = ConformanceRunner.run(file, engine);
        assertTrue(o.passed(), o.line());
        assertEquals("PASS " + file.getFileName() + " [" + engine.cliName() + "]", o.line());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negative")
    void fails(String name, Path file, EngineKind engine) {
        ConformanceRunner.Outcome o = ConformanceRunner.run(file, engine);
        assertFalse(o.passed(), o.line());
    }

    @Test
    void theWholeSuiteIsThere() throws Exception {
        assumeTrue(Conformance.present(), "the conformance suite is not beside the project");
        assertEquals(
                313,
                ConformanceRunner.files(List.of(Conformance.dir().resolve("tests")))
                        .size());
        assertEquals(
                60,
                ConformanceRunner.files(List.of(Conformance.dir().resolve("negative")))
                        .size());
    }
}

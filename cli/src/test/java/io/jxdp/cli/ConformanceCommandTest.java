package io.jxdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class ConformanceCommandTest {
    @Test
    void runsTheSuiteAndCountsLast() {
        assumeTrue(Conformance.present());
        CliTest r =
                CliTest.run("conformance", Conformance.dir().resolve("tests").toString(), "--engine", "interpreter");
        assertEquals(0, r.exit, r.out);
        assertTrue(r.out.contains("PASS add.data [interpreter]\n"), r.out);
        assertEquals(
                "313 passed, 0 failed",
                r.out.strip().lines().reduce((a, b) -> b).orElse(""));
    }

    @Test
    void theNegativeSuitePassesOnlyWithExpectFail() {
        assumeTrue(Conformance.present());
        String dir = Conformance.dir().resolve("negative").toString();
        CliTest plain = CliTest.run("conformance", dir, "--engine", "interpreter");
        assertEquals(1, plain.exit);
        assertTrue(plain.out.strip().endsWith("0 passed, 60 failed"), plain.out);
        CliTest expect = CliTest.run("conformance", dir, "--engine", "interpreter", "--expect-fail");
        assertEquals(0, expect.exit, expect.out);
        assertTrue(expect.out.strip().endsWith("60 passed, 0 failed"), expect.out);
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        CliTest.run("conformance").badInput("missing PATH");
        CliTest.run("conformance", "/nonexistent/x.data").badInput("/nonexistent/x.data: no such file");
        CliTest.run("conformance", ".", "--engine", "gpu")
                .badInput("--engine must be one of interpreter, jit, all, got 'gpu'");
        CliTest.run("conformance", ".", "--bogus").badInput("Unrecognized option: --bogus");
    }
}

package io.jxdp.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.verifier.testing.CorpusEntry;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every corpus program and checks the verdict and the kernel's error text in its header. */
class CorpusTest {
    static List<CorpusEntry> corpus() {
        return CorpusEntry.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void verdictAndErrorMatchTheHeader(CorpusEntry entry) {
        VerifierResult r = Verifier.verify(entry.program(), entry.options(1));
        assertEquals(entry.accept(), r.accepted(), () -> entry.name() + "\n" + r.log());
        if (!entry.accept()) {
            VerifierError e = r.error().orElseThrow();
            assertTrue(
                    e.kernelMessage().contains(entry.error()),
                    () -> entry.name() + ": expected '" + entry.error() + "' in\n" + e.kernelMessage() + "\nlog:\n"
                            + r.log());
            assertTrue(r.log().contains(entry.error()), () -> "the log carries the error text\n" + r.log());
            assertTrue(r.log().endsWith(r.stats().line() + "\n"), r::log);
        }
    }

    @Test
    void everyEntrySaysWhichKernelReleaseAnswered() {
        List<String> missing = corpus().stream()
                .filter(e -> e.kernel().isEmpty())
                .map(CorpusEntry::name)
                .toList();
        assertEquals(List.of(), missing, "entries without a '# kernel:' header");
        List<String> unprivilegedWithARelease = corpus().stream()
                .filter(e -> e.unprivileged() && !e.kernel().startsWith("none"))
                .map(CorpusEntry::name)
                .toList();
        assertEquals(
                List.of(),
                unprivilegedWithARelease,
                "the kernel loads no XDP program without CAP_BPF, so none answered these");
    }

    @Test
    void theCorpusCoversEveryFamilyWithAtLeast200Programs() {
        List<CorpusEntry> all = corpus();
        assertTrue(all.size() >= 200, "corpus has " + all.size());
        var families = all.stream()
                .map(e -> e.name().substring(0, e.name().indexOf('/')))
                .collect(Collectors.toSet());
        assertEquals(
                java.util.Set.of(
                        "packet", "ctx", "null", "stack", "uninit", "cfg", "helpers", "ptrarith", "div", "calls"),
                families);
    }
}

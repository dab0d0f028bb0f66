package io.jxdp.vm.testing;

import io.jxdp.asm.data.ConformanceJudge;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.memory.AddressSpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The public BPF conformance suite, read where it lives (beside the repository, never copied into it)
 * and judged by {@link ConformanceJudge}, the judge {@code jxdp conformance} uses, so an engine's own
 * build runs every case the CLI runs.
 */
public final class ConformanceSuite {
    /** How many cases the suite has: a case that goes missing must not pass silently. */
    public static final int POSITIVE_CASES = 313;

    public static final int NEGATIVE_CASES = 60;

    private ConformanceSuite() {}

    /**
     * The suite's root: {@code -Djxdp.conformance.dir} (the parent pom sets it to the repository root's
     * {@code ../shared/conformance}), else {@code shared/conformance} beside the nearest ancestor of the
     * working directory that has one, so a test started from a module's directory finds it too.
     */
    public static Optional<Path> dir() {
        String configured = System.getProperty("jxdp.conformance.dir");
        if (configured != null && isSuite(Path.of(configured))) {
            return Optional.of(Path.of(configured).toAbsolutePath().normalize());
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolveSibling("shared").resolve("conformance");
            if (isSuite(candidate)) {
                return Optional.of(candidate.normalize());
            }
        }
        return Optional.empty();
    }

    private static boolean isSuite(Path p) {
        return Files.isDirectory(p.resolve("tests")) && Files.isDirectory(p.resolve("negative"));
    }

    /** The sorted {@code .data} files of {@code tests} or {@code negative}; none when the suite is absent. */
    public static List<Path> files(String sub) {
        if (dir().isEmpty()) {
            return List.of();
        }
        try {
            return ConformanceJudge.files(List.of(dir().get().resolve(sub)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JUnit arguments (file name, path) for a parameterised test over {@code tests} or {@code negative}. */
    public static Stream<Arguments> cases(String sub) {
        return files(sub).stream().map(f -> Arguments.of(f.getFileName().toString(), f));
    }

    /** Judges one case on an engine loaded with the default options, as {@code jxdp conformance} does. */
    public static ConformanceJudge.Verdict judge(Path file, EngineKind engine) {
        VmOptions options = VmOptions.defaults().withEngine(engine);
        return ConformanceJudge.judge(
                file,
                (program, memory) ->
                        Vm.runWithMemory(Vm.load(program, options), new Cpu(0, new AddressSpace()), memory));
    }
}

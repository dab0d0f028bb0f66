package io.jxdp.asm.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where clang and the libbpf headers are installed, compiles the fixture sources afresh, as
 * build.sh does, and checks each object loads: to exactly the committed fixture's programs, maps
 * and line info when the clang version is the one that built the fixtures, else at least to the
 * same program and map names (another clang may schedule instructions differently).
 */
class ElfFixturesCompileTest {
    private static final Pattern CLANG_VERSION = Pattern.compile("clang version (\\d+\\.\\d+\\.\\d+)");
    private static String clangVersion;
    private static Path archIncludes;

    @BeforeAll
    static void findClang() throws Exception {
        clangVersion = null;
        try {
            Process p = new ProcessBuilder("clang", "--version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                Matcher m = CLANG_VERSION.matcher(out);
                clangVersion = m.find() ? m.group(1) : "unknown";
            }
        } catch (IOException noClang) {
            return;
        }
        try (Stream<Path> dirs = Files.list(Path.of("/usr/include"))) {
            archIncludes = dirs.filter(d -> Files.exists(d.resolve("asm/types.h")))
                    .findFirst()
                    .orElse(null);
        }
    }

    private static void assumeToolchain() {
        assumeTrue(clangVersion != null, "clang is not installed");
        assumeTrue(Files.exists(Path.of("/usr/include/bpf/bpf_helpers.h")), "the libbpf headers are not installed");
        assumeTrue(archIncludes != null, "no /usr/include/<arch>-linux-gnu/asm/types.h");
    }

    private static String fixtureClangVersion(byte[] object) {
        Matcher m = CLANG_VERSION.matcher(new String(object, StandardCharsets.ISO_8859_1));
        return m.find() ? m.group(1) : "";
    }

    private static Path compile(Path dir, String source, String... flags) throws Exception {
        Files.write(dir.resolve(source), Fixtures.bytes(source));
        String object = source.replace(".c", ".o");
        List<String> cmd = new ArrayList<>(List.of(
                "clang",
                "-O2",
                "-target",
                "bpf",
                "-I" + archIncludes,
                "-fdebug-prefix-map=" + dir + "=.",
                "-c",
                source,
                "-o",
                object));
        cmd.addAll(List.of(flags));
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, p.waitFor(60, TimeUnit.SECONDS), "clang took too long on " + source);
        assertEquals(0, p.exitValue(), "clang failed on " + source + ":\n" + out);
        return dir.resolve(object);
    }

    @Test
    void freshObjectsLoadAsTheCommittedOnes(@TempDir Path dir) throws Exception {
        assumeToolchain();
        for (String fixture : Fixtures.OBJECTS) {
            ElfObject committed = Fixtures.load(fixture);
            ElfObject fresh = ElfLoader.load(compile(dir, fixture.replace(".o", ".c"), "-g"));
            assertEquals(names(committed), names(fresh), fixture);
            assertEquals(
                    committed.maps().stream().map(m -> m.name()).toList(),
                    fresh.maps().stream().map(m -> m.name()).toList(),
                    fixture);
            if (clangVersion.equals(fixtureClangVersion(Fixtures.bytes(fixture)))) {
                assertEquals(committed.maps(), fresh.maps(), fixture);
                for (int i = 0; i < committed.programs().size(); i++) {
                    ElfProgram a = committed.programs().get(i);
                    ElfProgram b = fresh.programs().get(i);
                    assertEquals(a.program(), b.program(), fixture + " " + a.functionName());
                    assertEquals(a.program().labels(), b.program().labels(), fixture + " " + a.functionName());
                    assertEquals(a.lines(), b.lines(), fixture + " " + a.functionName());
                }
            }
        }
    }

    @Test
    void refusedSourcesCompileAndAreRefused(@TempDir Path dir) throws Exception {
        assumeToolchain();
        for (String source : List.of("refused_kconfig.c")) {
            Path object = compile(dir, source, "-g");
            String expected = assertThrows(ElfFormatException.class, () -> Fixtures.load(source.replace(".c", ".o")))
                    .reason();
            String actual = assertThrows(ElfFormatException.class, () -> ElfLoader.load(object))
                    .reason();
            assertEquals(expected, actual, source);
        }
    }

    @Test
    void everyCpuVersionLoads(@TempDir Path dir) throws Exception {
        assumeToolchain();
        for (String cpu : List.of("v1", "v2", "v3")) {
            for (String fixture : Fixtures.OBJECTS) {
                ElfObject fresh = ElfLoader.load(compile(dir, fixture.replace(".o", ".c"), "-g", "-mcpu=" + cpu));
                assertEquals(names(Fixtures.load(fixture)), names(fresh), fixture + " -mcpu=" + cpu);
            }
        }
    }

    @Test
    void withoutDebugInfoOnlyBtfDefinedMapsAreLost(@TempDir Path dir) throws Exception {
        assumeToolchain();
        // no -g, no .BTF: global data and legacy maps need none
        for (String fixture : List.of("global_data.o", "legacy_maps.o", "callback.o")) {
            ElfObject fresh = ElfLoader.load(compile(dir, fixture.replace(".o", ".c")));
            ElfObject committed = Fixtures.load(fixture);
            assertEquals(committed.maps(), fresh.maps(), fixture);
            assertEquals(
                    committed.programs().get(0).program(),
                    fresh.programs().get(0).program(),
                    fixture);
            assertEquals(true, fresh.programs().get(0).lines().isEmpty(), fixture);
        }
        Path maps = compile(dir, "maps_btf.c");
        assertEquals(
                maps + ": section .maps: BTF-defined maps need a .BTF section to describe them",
                assertThrows(ElfFormatException.class, () -> ElfLoader.load(maps))
                        .getMessage());
    }

    private static List<String> names(ElfObject o) {
        return o.programs().stream()
                .map(p -> p.sectionName() + "/" + p.functionName())
                .toList();
    }
}

package io.jxdp.cli;

import io.jxdp.asm.data.DataFile;
import io.jxdp.isa.JxdpException;
import io.jxdp.isa.Program;
import io.jxdp.isa.codec.Decoder;
import io.jxdp.isa.codec.Encoder;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.EngineKind;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.memory.AddressSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs the BPF conformance suite's {@code .data} files (format: the suite's README) on an engine:
 * assemble the {@code -- asm} section or decode the {@code -- raw} one (both must agree when both
 * are there), run with r1 = the {@code -- mem} bytes and r2 = their length, and compare r0 with
 * {@code -- result} (all 64 bits). As the upstream runner judges them: an {@code -- asm} section
 * that does not assemble fails the case; a program refused by the loader or faulting passes only
 * if {@code -- error} is there and its text appears in jxdp's message (case-insensitive; an empty
 * {@code -- error} matches nothing, which is what the suite's negative cases rely on).
 */
public final class ConformanceRunner {
    private ConformanceRunner() {}

    /** One case's outcome: passed, or failed with a reason. */
    public record Outcome(String name, EngineKind engine, boolean passed, String reason) {
        /** The outcome seen from {@code --expect-fail}: a failure is what the negative suite wants. */
        public Outcome expectingFailure() {
            return passed
                    ? new Outcome(name, engine, false, "expected a failure, but it passed")
                    : new Outcome(name, engine, true, "failed as expected: " + reason);
        }

        /** The line the CLI prints. */
        public String line() {
            return (passed ? "PASS " : "FAIL ") + name + " [" + engine.cliName() + "]" + (passed ? "" : ": " + reason);
        }
    }

    /** The {@code .data} files under the given files and directories, each directory sorted by name. */
    public static List<Path> files(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> f.toString().endsWith(".data") && Files.isRegularFile(f))
                            .sorted()
                            .forEach(out::add);
                }
            } else if (Files.exists(p)) {
                out.add(p);
            } else {
                throw new java.nio.file.NoSuchFileException(p.toString());
            }
        }
        return out;
    }

    /** Runs one file on one engine. Never throws for a bad case: every problem is a failed outcome. */
    public static Outcome run(Path file, EngineKind engine) {
        String name = file.getFileName().toString();
        try {
            return run(DataFile.read(file), name, engine);
        } catch (java.nio.charset.CharacterCodingException e) {
            return new Outcome(name, engine, false, "cannot read: not UTF-8 text");
        } catch (java.nio.file.NoSuchFileException e) {
            return new Outcome(name, engine, false, "cannot read: no such file");
        } catch (IOException e) {
            return new Outcome(
                    name, engine, false, "cannot read (" + e.getClass().getSimpleName() + ")");
        } catch (JxdpException e) {
            return new Outcome(name, engine, false, e.getMessage());
        }
    }

    static Outcome run(DataFile data, String name, EngineKind engine) {
        Optional<Program> asm;
        try {
            asm = data.assembleAsm();
        } catch (JxdpException e) {
            return new Outcome(name, engine, false, "does not assemble: " + e.getMessage());
        }
        String expectedError = data.error().map(String::strip).orElse(null);
        long r0;
        try {
            Program program = program(asm, data);
            LoadedProgram loaded = Vm.load(program, VmOptions.defaults().withEngine(engine));
            byte[] mem = data.mem().map(byte[]::clone).orElse(null);
            r0 = Vm.runWithMemory(loaded, new Cpu(0, new AddressSpace()), mem);
        } catch (JxdpException e) {
            // as bpf_conformance judges it: a refusal passes only if it says what -- error expects,
            // and an empty -- error expects no particular failure, so nothing matches it
            String message = e.getMessage();
            if (expectedError != null
                    && !expectedError.isEmpty()
                    && message.toLowerCase(Locale.ROOT).contains(expectedError.toLowerCase(Locale.ROOT))) {
                return new Outcome(name, engine, true, "");
            }
            return new Outcome(
                    name,
                    engine,
                    false,
                    message
                            + (expectedError != null && !expectedError.isEmpty()
                                    ? " (expected an error saying '" + expectedError + "')"
                                    : ""));
        }
        if (expectedError != null) {
            return new Outcome(
                    name,
                    engine,
                    false,
                    "expected an error" + (expectedError.isEmpty() ? "" : " saying '" + expectedError + "'")
                            + ", but it returned 0x" + Long.toHexString(r0));
        }
        if (data.result().isEmpty()) {
            return new Outcome(name, engine, false, "the file has neither -- result nor -- error");
        }
        long expected = data.result().getAsLong();
        return expected == r0
                ? new Outcome(name, engine, true, "")
                : new Outcome(
                        name,
                        engine,
                        false,
                        "expected 0x" + Long.toHexString(expected) + ", got 0x" + Long.toHexString(r0));
    }

    private static Program program(Optional<Program> asm, DataFile data) {
        Optional<byte[]> raw = data.raw();
        if (asm.isPresent() && raw.isPresent() && !Arrays.equals(Encoder.encode(asm.get()), raw.get())) {
            throw new JxdpException("the -- asm and -- raw sections encode different programs");
        }
        if (asm.isPresent()) {
            return asm.get();
        }
        if (raw.isPresent()) {
            return Decoder.decode(raw.get());
        }
        throw new JxdpException("the file has no program (no -- asm or -- raw section)");
    }
}

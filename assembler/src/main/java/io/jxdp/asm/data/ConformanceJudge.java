package io.jxdp.asm.data;

import io.jxdp.isa.JxdpException;
import io.jxdp.isa.Program;
import io.jxdp.isa.codec.Decoder;
import io.jxdp.isa.codec.Encoder;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How a BPF conformance suite {@code .data} case (format: the suite's README) is judged, written once
 * for the CLI's {@code jxdp conformance} and for the engines' own test suites. The engine is given:
 * this class assembles the {@code -- asm} section or decodes the {@code -- raw} one (both must agree
 * when both are there), hands the program and a copy of the {@code -- mem} bytes to the engine, and
 * compares r0 with {@code -- result} (all 64 bits). As the upstream runner judges: an {@code -- asm}
 * section that does not assemble fails the case; a program refused by the loader or faulting passes
 * only if {@code -- error} is there and its text appears in the engine's message (case-insensitive;
 * an empty {@code -- error} matches nothing, which is what the suite's negative cases rely on).
 */
public final class ConformanceJudge {
    private ConformanceJudge() {}

    /** Loads and runs a program with r1 = the memory (or NULL when none), r2 = its length; gives r0. */
    @FunctionalInterface
    public interface Engine {
        /** Any refusal or fault is a {@link JxdpException} whose message the judge compares. */
        long run(Program program, byte[] memory);
    }

    /** A case's verdict: passed, or failed with the reason (empty when it passed). */
    public record Verdict(boolean passed, String reason) {
        static final Verdict PASS = new Verdict(true, "");

        static Verdict fail(String reason) {
            return new Verdict(false, reason);
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
                throw new NoSuchFileException(p.toString());
            }
        }
        return out;
    }

    /** Judges one file on one engine. Never throws for a bad case: every problem is a failed verdict. */
    public static Verdict judge(Path file, Engine engine) {
        try {
            return judge(DataFile.read(file), engine);
        } catch (CharacterCodingException e) {
            return Verdict.fail("cannot read: not UTF-8 text");
        } catch (NoSuchFileException e) {
            return Verdict.fail("cannot read: no such file");
        } catch (IOException e) {
            return Verdict.fail("cannot read (" + e.getClass().getSimpleName() + ")");
        } catch (JxdpException e) {
            return Verdict.fail(e.getMessage());
        }
    }

    /** Judges one parsed case on one engine. */
    public static Verdict judge(DataFile data, Engine engine) {
        Optional<Program> asm;
        try {
            asm = data.assembleAsm();
        } catch (JxdpException e) {
            return Verdict.fail("does not assemble: " + e.getMessage());
        }
        String expectedError = data.error().map(String::strip).orElse(null);
        boolean namesAnError = expectedError != null && !expectedError.isEmpty();
        long r0;
        try {
            byte[] mem = data.mem().map(byte[]::clone).orElse(null);
            r0 = engine.run(program(asm, data), mem);
        } catch (JxdpException e) {
            // as bpf_conformance judges it: a refusal passes only if it says what -- error expects,
            // and an empty -- error expects no particular failure, so nothing matches it
            String message = e.getMessage();
            if (namesAnError && lower(message).contains(lower(expectedError))) {
                return Verdict.PASS;
            }
            return Verdict.fail(message + (namesAnError ? " (expected an error saying '" + expectedError + "')" : ""));
        }
        if (expectedError != null) {
            return Verdict.fail("expected an error" + (namesAnError ? " saying '" + expectedError + "'" : "")
                    + ", but it returned 0x" + Long.toHexString(r0));
        }
        if (data.result().isEmpty()) {
            return Verdict.fail("the file has neither -- result nor -- error");
        }
        long expected = data.result().getAsLong();
        return expected == r0
                ? Verdict.PASS
                : Verdict.fail("expected 0x" + Long.toHexString(expected) + ", got 0x" + Long.toHexString(r0));
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
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

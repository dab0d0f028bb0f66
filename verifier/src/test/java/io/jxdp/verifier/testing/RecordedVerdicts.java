package io.jxdp.verifier.testing;

import io.jxdp.isa.Program;
import io.jxdp.isa.codec.Encoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The kernel's verdicts on the random programs of {@link RandomPrograms}, recorded by a live run
 * ({@code KernelDifferentialTest} with {@code -Djxdp.record=true}) in
 * {@code src/test/resources/kernel-verdicts/random-programs.tsv}, so that the default build compares
 * jxdp with the kernel without asking it. Each line names the kernel release that answered and a
 * digest of the program, so a change of the generator shows as a stale recording, not as a wrong
 * verdict.
 */
public final class RecordedVerdicts {
    /** Where the recording lives in the source tree (for writing) and on the class path (for reading). */
    public static final String RESOURCE = "kernel-verdicts/random-programs.tsv";

    /** One recorded answer. {@code error} is the kernel's error line, empty for an accept. */
    public record Verdict(long seed, String digest, boolean accept, String error, String kernel) {
        String line() {
            return seed + "\t" + digest + "\t" + (accept ? "accept" : "reject") + "\t" + error + "\t" + kernel;
        }
    }

    private RecordedVerdicts() {}

    /** The first 16 hex digits of the SHA-256 of the program's bytes and map definitions. */
    public static String digest(Program p) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(Encoder.encode(p));
            md.update(p.maps().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Verdict> read() {
        try (InputStream in = RecordedVerdicts.class.getResourceAsStream("/" + RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test resources");
            }
            List<Verdict> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 5) {
                    throw new IllegalStateException(RESOURCE + ": not 5 fields: " + line);
                }
                out.add(new Verdict(Long.parseLong(f[0]), f[1], f[2].equals("accept"), f[3], f[4]));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites the recording in the source tree ({@code jxdp.source.dir}, set by the build). */
    public static Path write(List<Verdict> verdicts) throws IOException {
        Path file = sourceDir().resolve("src/test/resources").resolve(RESOURCE);
        StringBuilder s = new StringBuilder();
        s.append("# The running kernel's verdicts on testing.RandomPrograms.generate(seed), recorded by\n");
        s.append(
                "# KernelDifferentialTest; columns: seed, program digest, verdict, the kernel's error line, kernel release.\n");
        s.append("# Re-record as root: mvn -B verify -Pkernel -pl verifier -am -Djxdp.record=true "
                + "-Dtest=KernelDifferentialTest -Dsurefire.failIfNoSpecifiedTests=false\n");
        for (Verdict v : verdicts) {
            s.append(v.line()).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, s);
        return file;
    }

    /** The module's directory in the source tree, where live runs add what they find. */
    public static Path sourceDir() {
        String dir = System.getProperty("jxdp.source.dir");
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.dir"));
    }
}

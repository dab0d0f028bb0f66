package io.jxdp.verifier.testing;

import io.jxdp.isa.Program;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tiny programs that call each helper id 0-212, and the kernel's recorded verdicts on them
 * ({@code src/test/resources/kernel-verdicts/helpers.tsv}, written by {@code HelperKernelTest}
 * with {@code -Djxdp.record=true}). Four variants per id:
 *
 * <ul>
 *   <li>{@code bare}: {@code call N; exit} (R1 is the context, R2-R5 unset): is the helper offered, and
 *       what does its first argument take?
 *   <li>{@code zero}: R1-R5 = 0 first: which argument refuses a scalar, with the kernel's list of types;
 *   <li>{@code ctx}: R1 the context, R2-R5 = 0;
 *   <li>{@code args} (helpers the kernel offers XDP): each argument as its prototype asks (a map of a
 *       type the helper works with, 64 zeroed bytes of stack for memory, size 8, the context, a
 *       callback that returns 0), then {@code r0 = 0; exit}: the call as a program would make it.
 * </ul>
 */
public final class HelperCallCases {
    public static final String RESOURCE = "kernel-verdicts/helpers.tsv";

    public static final List<String> VARIANTS = List.of("bare", "zero", "ctx", "args");

    /** One recorded answer; {@code error} is the kernel's error line, empty for an accept. */
    public record Verdict(int id, String variant, String digest, boolean accept, String error, String kernel) {
        String line() {
            return id + "\t" + variant + "\t" + digest + "\t" + (accept ? "accept" : "reject") + "\t" + error + "\t"
                    + kernel;
        }
    }

    /**
     * What each argument of a helper is given in the {@code args} variant, one letter per argument:
     * a anything (0), m the map, k stack memory (keys, values, buffers), c the context, s size 8,
     * f a callback, z zero (kinds no tiny program can make: BTF objects, sockets, ring buffer
     * records, locks, timers, dynptrs, strings in read-only maps). Written from the prototypes in
     * the kernel's sources, independently of jxdp's table.
     */
    private static final Map<Integer, String> ARGS = Map.ofEntries(
            Map.entry(1, "mk"),
            Map.entry(2, "mkka"),
            Map.entry(3, "mk"),
            Map.entry(5, ""),
            Map.entry(6, "ks"),
            Map.entry(7, ""),
            Map.entry(8, ""),
            Map.entry(12, "cma"),
            Map.entry(14, ""),
            Map.entry(15, ""),
            Map.entry(16, "ks"),
            Map.entry(17, ""),
            Map.entry(22, "ma"),
            Map.entry(23, "aa"),
            Map.entry(25, "cmaks"),
            Map.entry(28, "ksksa"),
            Map.entry(35, ""),
            Map.entry(37, "ma"),
            Map.entry(42, ""),
            Map.entry(44, "ca"),
            Map.entry(51, "maa"),
            Map.entry(54, "ca"),
            Map.entry(55, "maks"),
            Map.entry(65, "ca"),
            Map.entry(69, "cksa"),
            Map.entry(80, ""),
            Map.entry(84, "cksaa"),
            Map.entry(85, "cksaa"),
            Map.entry(86, "z"),
            Map.entry(87, "mka"),
            Map.entry(88, "mk"),
            Map.entry(89, "mk"),
            Map.entry(93, "z"),
            Map.entry(94, "z"),
            Map.entry(99, "cksaa"),
            Map.entry(100, "zksks"),
            Map.entry(105, "ksak"),
            Map.entry(106, "ksak"),
            Map.entry(109, "a"),
            Map.entry(110, "zksks"),
            Map.entry(112, "ksa"),
            Map.entry(113, "ksa"),
            Map.entry(114, "ksa"),
            Map.entry(115, "ksa"),
            Map.entry(117, "a"),
            Map.entry(118, ""),
            Map.entry(120, "aaks"),
            Map.entry(123, "a"),
            Map.entry(125, ""),
            Map.entry(130, "mksa"),
            Map.entry(131, "msa"),
            Map.entry(132, "za"),
            Map.entry(133, "za"),
            Map.entry(134, "ma"),
            Map.entry(136, "z"),
            Map.entry(137, "z"),
            Map.entry(138, "z"),
            Map.entry(139, "z"),
            Map.entry(140, "z"),
            Map.entry(141, "zksa"),
            Map.entry(148, "ksa"),
            Map.entry(149, "kskza"),
            Map.entry(153, "za"),
            Map.entry(154, "z"),
            Map.entry(156, "mzza"),
            Map.entry(157, "mz"),
            Map.entry(158, ""),
            Map.entry(160, ""),
            Map.entry(163, "cakaa"),
            Map.entry(164, "mfka"),
            Map.entry(165, "kszzs"),
            Map.entry(169, "zma"),
            Map.entry(170, "zf"),
            Map.entry(171, "zaa"),
            Map.entry(172, "z"),
            Map.entry(175, "z"),
            Map.entry(176, "ksa"),
            Map.entry(177, "kszs"),
            Map.entry(178, "z"),
            Map.entry(180, "zafka"),
            Map.entry(181, "afka"),
            Map.entry(182, "ksz"),
            Map.entry(188, "c"),
            Map.entry(189, "caks"),
            Map.entry(190, "caks"),
            Map.entry(191, "ksaza"),
            Map.entry(194, "zz"),
            Map.entry(195, "mka"),
            Map.entry(196, "z"),
            Map.entry(197, "ksaz"),
            Map.entry(198, "maaz"),
            Map.entry(199, "za"),
            Map.entry(200, "za"),
            Map.entry(201, "kszaa"),
            Map.entry(202, "zaksa"),
            Map.entry(203, "zas"),
            Map.entry(204, "kks"),
            Map.entry(205, "kks"),
            Map.entry(206, "kk"),
            Map.entry(207, "kk"),
            Map.entry(208, ""),
            Map.entry(209, "mfka"),
            Map.entry(210, "mzza"),
            Map.entry(211, "mz"));

    /** The map a helper's {@code args} variant passes: a type it works with (the kernel creates it without BTF). */
    private static String mapFor(int id) {
        return switch (id) {
            case 12 -> "type=prog_array key=4 value=4 max_entries=4";
            case 22, 25, 55 -> "type=perf_event_array key=4 value=4 max_entries=4";
            case 130, 131, 134, 198 -> "type=ringbuf key=0 value=0 max_entries=4096";
            case 209 -> "type=user_ringbuf key=0 value=0 max_entries=4096";
            case 37 -> "type=cgroup_array key=4 value=4 max_entries=4";
            case 51 -> "type=devmap key=4 value=4 max_entries=4";
            case 87, 88, 89 -> "type=queue key=0 value=8 max_entries=4";
            case 195 -> "type=percpu_array key=4 value=8 max_entries=4";
            default -> "type=hash key=4 value=8 max_entries=4";
        };
    }

    private HelperCallCases() {}

    /** The helpers with an {@code args} variant: those the kernel offers XDP whose map it can create. */
    public static boolean hasArgs(int id) {
        // task and cgroup storage maps need BTF, which the oracle's maps do not carry
        return ARGS.containsKey(id) && id != 156 && id != 157 && id != 210 && id != 211;
    }

    public static Program program(int id, String variant) {
        String name = "helper-" + id + "-" + variant;
        return switch (variant) {
            case "bare" -> Asm.llvm("call " + id + "\nexit\n", name);
            case "zero" -> Asm.llvm("r1 = 0\nr2 = 0\nr3 = 0\nr4 = 0\nr5 = 0\ncall " + id + "\nexit\n", name);
            case "ctx" -> Asm.llvm("r2 = 0\nr3 = 0\nr4 = 0\nr5 = 0\ncall " + id + "\nexit\n", name);
            case "args" -> Asm.llvm(argsText(id), name);
            default -> throw new IllegalArgumentException(variant);
        };
    }

    private static String argsText(int id) {
        String args = ARGS.get(id);
        StringBuilder s = new StringBuilder();
        if (args.indexOf('m') >= 0) {
            s.append(".map m ").append(mapFor(id)).append('\n');
        }
        s.append("r6 = r1\n");
        for (int off = 8; off <= 64; off += 8) {
            s.append("*(u64 *)(r10 - ").append(off).append(") = 0\n");
        }
        for (int i = 0; i < args.length(); i++) {
            String r = "r" + (i + 1);
            switch (args.charAt(i)) {
                case 'a', 'z' -> s.append(r).append(" = 0\n");
                case 'm' -> s.append(r).append(" = m ll\n");
                case 'k' -> s.append(r).append(" = r10\n").append(r).append(" += -64\n");
                case 'c' -> s.append(r).append(" = r6\n");
                case 's' -> s.append(r).append(" = 8\n");
                case 'f' -> s.append(r).append(" = callback ll\n");
                default -> throw new IllegalStateException(args);
            }
        }
        s.append("call ").append(id).append("\nr0 = 0\nexit\n");
        if (args.indexOf('f') >= 0) {
            s.append("callback:\nr0 = 0\nexit\n");
        }
        return s.toString();
    }

    /** Every (id, variant) the recording holds, in order. */
    public static List<String[]> cases() {
        List<String[]> out = new ArrayList<>();
        for (int id = 0; id <= 212; id++) {
            for (String v : VARIANTS) {
                if (!v.equals("args") || hasArgs(id)) {
                    out.add(new String[] {Integer.toString(id), v});
                }
            }
        }
        return out;
    }

    public static List<Verdict> read() {
        try (InputStream in = HelperCallCases.class.getResourceAsStream("/" + RESOURCE)) {
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
                if (f.length != 6) {
                    throw new IllegalStateException(RESOURCE + ": not 6 fields: " + line);
                }
                out.add(new Verdict(Integer.parseInt(f[0]), f[1], f[2], f[3].equals("accept"), f[4], f[5]));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(List<Verdict> verdicts) throws IOException {
        Path file = RecordedVerdicts.sourceDir().resolve("src/test/resources").resolve(RESOURCE);
        StringBuilder s = new StringBuilder();
        s.append(
                "# The running kernel's verdicts on testing.HelperCallCases.program(id, variant) (XDP, privileged, GPL),\n");
        s.append(
                "# recorded by HelperKernelTest; columns: helper id, variant, program digest, verdict, the kernel's\n");
        s.append("# error line, kernel release. Re-record as root: mvn -B verify -Pkernel -pl verifier -am\n");
        s.append("#   -Djxdp.record=true -Dtest=HelperKernelTest -Dsurefire.failIfNoSpecifiedTests=false\n");
        for (Verdict v : verdicts) {
            s.append(v.line()).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, s);
        return file;
    }
}

package io.jxdp.isa.btf;

import io.jxdp.isa.JxdpException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The functions of the kernel's BTF as a kfunc call from an XDP program meets them, recorded from
 * the Linux release jxdp follows ({@link #release()}) by {@code isa/kernel-funcs.sh}, which asked
 * that kernel about each one (which functions XDP may call is not written in BTF: the kfunc sets
 * live in the kernel image). libbpf resolves a {@code __ksym} function extern to the BTF id of the
 * function of that name ({@link #byName}); the verifier reads the id back ({@link #byId}).
 */
public final class KernelFuncs {
    private static final String RESOURCE = "vmlinux-funcs.txt.gz";

    private final String release;
    private final int typeCount;
    private final Map<Integer, KernelFunc> byId;
    private final Map<String, KernelFunc> byName;

    private KernelFuncs(String release, int typeCount, Map<Integer, KernelFunc> byId, Map<String, KernelFunc> byName) {
        this.release = release;
        this.typeCount = typeCount;
        this.byId = byId;
        this.byName = byName;
    }

    /** Read once, when a kfunc is first met: most programs call none. */
    private static final class Holder {
        static final KernelFuncs VMLINUX = read();
    }

    /** The recorded kernel's functions. */
    public static KernelFuncs vmlinux() {
        return Holder.VMLINUX;
    }

    /** The kernel release ({@code uname -r}) the table was recorded from. */
    public String release() {
        return release;
    }

    /** The number of types of that kernel's BTF (the highest type id). */
    public int typeCount() {
        return typeCount;
    }

    /** The function with this BTF id, if that id is a function. */
    public Optional<KernelFunc> byId(long btfId) {
        return btfId < 1 || btfId > Integer.MAX_VALUE ? Optional.empty() : Optional.ofNullable(byId.get((int) btfId));
    }

    /** The function of this name (the first, by id, as libbpf's {@code btf__find_by_name_kind}). */
    public Optional<KernelFunc> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every function, in no particular order. */
    public java.util.stream.Stream<KernelFunc> byIdStream() {
        return byId.values().stream();
    }

    /** How many functions the table holds. */
    public int size() {
        return byId.size();
    }

    private static KernelFuncs read() {
        try (InputStream raw = KernelFuncs.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new JxdpException("resource " + RESOURCE + " is missing from the jar");
            }
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KernelFuncs parse(BufferedReader in) throws IOException {
        String release = null;
        int types = 0;
        Map<Integer, KernelFunc> byId = new HashMap<>();
        Map<String, KernelFunc> byName = new HashMap<>();
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("release ")) {
                release = line.substring("release ".length());
                continue;
            }
            if (line.startsWith("types ")) {
                types = Integer.parseInt(line.substring("types ".length()));
                continue;
            }
            String[] f = line.split(" ", 4);
            if (f.length < 2) {
                throw new JxdpException(RESOURCE + ":" + n + ": expected 'id name [verdict [text]]'");
            }
            KernelFunc.Verdict verdict = f.length == 2 ? KernelFunc.Verdict.DENIED : verdict(f[2], n);
            KernelFunc fn = new KernelFunc(Integer.parseInt(f[0]), f[1], verdict, f.length == 4 ? f[3] : "");
            byId.put(fn.btfId(), fn);
            byName.putIfAbsent(fn.name(), fn);
        }
        if (release == null) {
            throw new JxdpException(RESOURCE + ": no release line");
        }
        return new KernelFuncs(release, types, Map.copyOf(byId), Map.copyOf(byName));
    }

    private static KernelFunc.Verdict verdict(String word, int line) {
        return switch (word) {
            case "noaddr" -> KernelFunc.Verdict.NO_ADDRESS;
            case "early" -> KernelFunc.Verdict.EARLY;
            case "xdp" -> KernelFunc.Verdict.XDP;
            case "devbound" -> KernelFunc.Verdict.DEV_BOUND;
            default -> throw new JxdpException(RESOURCE + ":" + line + ": unknown verdict '" + word + "'");
        };
    }
}

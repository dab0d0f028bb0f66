package io.jxdp.cli;

import io.jxdp.asm.elf.ElfLoader;
import io.jxdp.isa.JxdpException;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.MapException;
import io.jxdp.vm.maps.MapFlags;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code jxdp map show|dump|lookup|update|delete SOURCE [MAP] ...}: {@code bpftool map} on the maps
 * of a program (as it creates them: empty hashes, zeroed arrays, global data's initial contents) or
 * of a saved-maps file ({@code run --save-maps}). The output, plain and {@code -j}, is bpftool's;
 * keys and values are given as bpftool takes them ({@code key [hex] BYTES value [hex] BYTES
 * [any|noexist|exist]}). A failed operation prints bpftool's {@code Error: update failed: File
 * exists} and exits 1; bad input exits 2. {@code update} and {@code delete} write the maps back to
 * a saved-maps SOURCE only with {@code --force}, or to {@code --out FILE}.
 */
final class MapCommand implements Command {
    private static final String SYNTAX = "jxdp map show SOURCE [MAP]\n"
            + "       jxdp map dump SOURCE MAP\n"
            + "       jxdp map lookup SOURCE MAP key [hex] BYTES\n"
            + "       jxdp map update SOURCE MAP key [hex] BYTES value [hex] BYTES [any|noexist|exist] (--force | --out FILE)\n"
            + "       jxdp map delete SOURCE MAP key [hex] BYTES (--force | --out FILE)";

    @Override
    public String name() {
        return "map";
    }

    @Override
    public String summary() {
        return "show, dump, look up, update and delete map entries of a program or a saved-maps file, as bpftool map";
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        Options options = new Options();
        options.addOption(Option.builder("j")
                .longOpt("json")
                .desc("print JSON, as bpftool -j")
                .get());
        options.addOption(Option.builder("o")
                .longOpt("out")
                .hasArg()
                .argName("FILE")
                .desc("update, delete: write the maps to FILE (a saved-maps file)")
                .get());
        options.addOption(Option.builder("f")
                .longOpt("force")
                .desc("update, delete: write back to SOURCE (a saved-maps file), or replace --out FILE")
                .get());
        options.addOption(Option.builder()
                .longOpt("cpus")
                .hasArg()
                .argName("N")
                .desc("a program's per-CPU maps keep N values per key (default: this machine's CPUs)")
                .get());
        options.addOption(Option.builder("p")
                .longOpt("prog")
                .hasArg()
                .argName("NAME")
                .desc("the program of an ELF object (its maps are the object's in any case)")
                .get());
        options.addOption(
                Option.builder().longOpt("raw").desc("SOURCE is raw bytecode").get());
        options.addOption(Option.builder("s")
                .longOpt("syntax")
                .hasArg()
                .argName("SYNTAX")
                .desc("ubpf, llvm or auto")
                .get());
        Args args = Args.parse(name(), options, argv);
        if (args.help()) {
            Args.printHelp(
                    out,
                    SYNTAX,
                    "SOURCE is a saved-maps file (run/test-run --save-maps FILE) or a program (its maps as it creates them).\n"
                            + "MAP is NAME, name NAME or id N (the id map show prints). Output as bpftool map prints it.\n"
                            + "Examples: jxdp map dump after.json counters\n"
                            + "          jxdp map update maps.json blocklist key hex 0a 00 00 01 value 1 0 0 0 noexist --force\n"
                            + "Exit 0 done, 1 the operation failed (bpftool's 'Error: update failed: File exists'), 2 a usage or input error.",
                    options);
            return 0;
        }
        List<String> words = new ArrayList<>(Arrays.asList(args.positional()));
        if (words.isEmpty()) {
            throw new UsageException(name(), "missing the operation: show, dump, lookup, update or delete");
        }
        String op = words.remove(0);
        if (!List.of("show", "list", "dump", "lookup", "update", "delete").contains(op)) {
            throw new UsageException(name(), "unknown operation '" + op + "' (show, dump, lookup, update or delete)");
        }
        if (words.isEmpty()) {
            throw new UsageException(name(), "missing SOURCE (a saved-maps file or a program)");
        }
        Path source = Path.of(words.remove(0));
        boolean json = args.has("json");
        boolean writes = op.equals("update") || op.equals("delete");
        if (!writes && (args.has("out") || args.has("force"))) {
            throw new UsageException(name(), op + " writes nothing: --out and --force go with update and delete");
        }
        int cpus = args.intValue("cpus", Math.max(1, Runtime.getRuntime().availableProcessors()), 1, 4096);
        Loaded loaded = load(source, args, cpus);
        if (args.has("cpus") && loaded.saved() != null) {
            throw new UsageException(name(), "--cpus is for a program's maps; " + source + " keeps " + loaded.cpus());
        }
        Path target = writes ? target(source, loaded, args) : null;

        if (op.equals("show") || op.equals("list")) {
            if (words.isEmpty()) {
                List<String> all = new ArrayList<>();
                for (BpfMap m : loaded.maps().values()) {
                    all.add(json ? BpftoolFormat.showJson(m) : BpftoolFormat.show(m));
                }
                out.print(json ? "[" + String.join(",", all) + "]\n" : String.join("", all));
                return 0;
            }
            BpfMap m = select(words, loaded);
            noMore(words);
            out.print(json ? BpftoolFormat.showJson(m) + "\n" : BpftoolFormat.show(m));
            return 0;
        }
        BpfMap m = select(words, loaded);
        if (op.equals("dump")) {
            noMore(words);
            return dump(m, json, out, err);
        }
        if (m.type().isKeyless()) {
            throw new UsageException(
                    name(), m.describe() + " has no keys: " + op + " needs a keyed map (map dump shows its values)");
        }
        ElemArgs elem = ElemArgs.parse(words, m, op.equals("update"));
        try {
            switch (op) {
                case "lookup" -> {
                    byte[] value;
                    try {
                        value = m.lookup(elem.key());
                    } catch (MapException e) {
                        if (e.errno() != io.jxdp.vm.Errno.ENOENT) {
                            throw e;
                        }
                        out.print(json ? "null\n" : BpftoolFormat.notFound(m, elem.key()));
                        return Main.REJECTED;
                    }
                    out.print(
                            json
                                    ? BpftoolFormat.entryJson(m, elem.key(), value) + "\n"
                                    : BpftoolFormat.entry(m, elem.key(), value));
                    return 0;
                }
                case "update" -> m.update(elem.key(), elem.userValue(m), elem.flags());
                default -> m.delete(elem.key());
            }
        } catch (MapException e) {
            String failure = BpftoolFormat.failure(op, e.errno());
            if (json) {
                out.println("{\"error\":\"" + Json.escape(failure) + "\"}");
            } else {
                err.println("Error: " + failure);
            }
            return Main.REJECTED;
        }
        OutputFile.write(
                target,
                SavedMaps.write(loaded.maps().values(), loaded.cpus()).getBytes(StandardCharsets.UTF_8),
                true, // checked before the operation, with --force as given
                List.of());
        if (json) {
            out.println("null");
        }
        return 0;
    }

    /** The maps of SOURCE and where they came from. */
    private record Loaded(Map<String, BpfMap> maps, int cpus, SavedMaps saved) {}

    private Loaded load(Path source, Args args, int cpus) {
        byte[] bytes = InputFile.read(source);
        if (SavedMaps.looksSaved(bytes)) {
            SavedMaps saved = SavedMaps.read(source);
            return new Loaded(saved.create(new io.jxdp.vm.memory.AddressSpace()), saved.cpus(), saved);
        }
        List<MapDef> defs;
        if (ProgramSource.isElf(bytes)) {
            defs = ElfLoader.load(source.toString(), bytes).maps(); // every map of the object, whichever program
        } else {
            defs = ProgramSource.load(source, ProgramSource.syntax(args), args.has("raw"), args.get("prog"))
                    .objectMaps();
        }
        MapSet set;
        try {
            set = new MapSet(defs, cpus);
        } catch (MapException e) {
            throw new JxdpException(source + ": " + e.getMessage());
        }
        return new Loaded(set.byName(), cpus, null);
    }

    /** Where update and delete write: --out FILE, or a saved-maps SOURCE itself with --force. */
    private Path target(Path source, Loaded loaded, Args args) {
        boolean force = args.has("force");
        if (args.has("out")) {
            Path out = Path.of(args.get("out"));
            OutputFile.check(out, force, force ? List.of() : List.of(source));
            return out;
        }
        if (loaded.saved() == null) {
            throw new UsageException(
                    name(), source + " is a program: write its maps to a saved-maps file with --out FILE");
        }
        if (!force) {
            throw new UsageException(
                    name(),
                    "this changes " + source + ": pass --force to write it back, or --out FILE to write elsewhere");
        }
        OutputFile.check(source, true, List.of());
        return source;
    }

    /** MAP: {@code NAME}, {@code name NAME} or {@code id N}, taken from the front of {@code words}. */
    private BpfMap select(List<String> words, Loaded loaded) {
        if (words.isEmpty()) {
            throw new UsageException(name(), "missing MAP (NAME, name NAME or id N)");
        }
        String w = words.remove(0);
        if (w.equals("id") || w.equals("name")) {
            if (words.isEmpty()) {
                throw new UsageException(name(), "'" + w + "' needs a value");
            }
            String v = words.remove(0);
            if (w.equals("id")) {
                for (BpfMap m : loaded.maps().values()) {
                    if (Integer.toString(m.id()).equals(v)) {
                        return m;
                    }
                }
                throw new UsageException(name(), "no map with id " + v + " (" + ids(loaded) + ")");
            }
            w = v;
        }
        BpfMap m = loaded.maps().get(w);
        if (m == null) {
            throw new UsageException(
                    name(),
                    "no map named '" + w + "' ("
                            + (loaded.maps().isEmpty() ? "there are no maps" : "maps: " + ids(loaded)) + ")");
        }
        return m;
    }

    private static String ids(Loaded loaded) {
        List<String> s = new ArrayList<>();
        loaded.maps().values().forEach(m -> s.add(m.id() + " " + m.def().name()));
        return s.isEmpty() ? "there are no maps" : String.join(", ", s);
    }

    private void noMore(List<String> words) {
        if (!words.isEmpty()) {
            throw new UsageException(name(), "unexpected '" + words.get(0) + "'");
        }
    }

    /** bpftool map dump: every entry (every index of an array), then {@code Found N elements}. */
    private int dump(BpfMap m, boolean json, PrintStream out, PrintStream err) {
        List<String> shown = new ArrayList<>();
        if (m.type() == MapType.BLOOM_FILTER || (m.def().flags() & MapFlags.WRONLY) != 0) {
            String failure = BpftoolFormat.failure(
                    "dump", m.type() == MapType.BLOOM_FILTER ? io.jxdp.vm.Errno.EOPNOTSUPP : io.jxdp.vm.Errno.EPERM);
            if (json) {
                out.println("{\"error\":\"" + Json.escape(failure) + "\"}");
            } else {
                err.println("Error: " + failure);
            }
            return Main.REJECTED;
        }
        if (m.type().isKeyless()) {
            for (byte[] v : SavedMaps.queueValues(m)) {
                shown.add(json ? BpftoolFormat.entryJson(m, null, v) : BpftoolFormat.entry(m, null, v));
            }
        } else {
            for (byte[] key : m.keys()) {
                byte[] value = m.lookup(key);
                shown.add(json ? BpftoolFormat.entryJson(m, key, value) : BpftoolFormat.entry(m, key, value));
            }
        }
        if (json) {
            out.println("[" + String.join(",", shown) + "]");
        } else {
            out.print(String.join("", shown));
            out.print(BpftoolFormat.found(shown.size()));
        }
        return 0;
    }
}

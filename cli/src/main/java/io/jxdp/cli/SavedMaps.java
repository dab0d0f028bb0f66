package io.jxdp.cli;

import io.jxdp.isa.JxdpException;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.MapException;
import io.jxdp.vm.maps.MapFlags;
import io.jxdp.vm.maps.Maps;
import io.jxdp.vm.memory.AddressSpace;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The saved-maps file ({@code run --save-maps}, {@code test-run --save-maps}, read by {@code
 * --load-maps} and {@code jxdp map}): every map of a program with its definition and its entries,
 * keys and values in hex. The format is documented in the README ("Maps: save, load, inspect"):
 *
 * <pre>{@code
 * {
 *   "format": "jxdp-maps/1",
 *   "cpus": 2,
 *   "maps": [
 *     {
 *       "name": "counters", "type": "percpu_array", "bytes_key": 4, "bytes_value": 8,
 *       "max_entries": 4, "flags": 0,
 *       "entries": [
 *         {"key": "01 00 00 00", "values": [{"cpu": 0, "value": "05 00 00 00 00 00 00 00"}]}
 *       ]
 *     }
 *   ]
 * }
 * }</pre>
 *
 * An entry is {@code {"key", "value"}}, {@code {"key", "values": [{"cpu", "value"}, ...]}} for a
 * per-CPU map (a CPU not listed holds zeros), or {@code {"value"}} for a queue, stack or bloom
 * filter (queues and stacks in the order a pop returns them). Arrays list the indexes whose value
 * is not all zeros (an index not listed keeps what the program starts it with). {@code "entries":
 * null} means the contents could not be read (a bloom filter answers only membership; a
 * BPF_F_WRONLY map refuses reads); loading such a map leaves it as the program creates it.
 */
final class SavedMaps {
    static final String FORMAT = "jxdp-maps/1";
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private static final Set<String> TOP = Set.of("format", "cpus", "maps");
    private static final Set<String> MAP =
            Set.of("name", "type", "bytes_key", "bytes_value", "max_entries", "flags", "entries");

    /** One entry; {@code key} null for keyless maps, {@code perCpu} non-null for per-CPU maps. */
    @SuppressWarnings("ArrayRecordComponent") // read once and stored: never compared or hashed
    record Entry(byte[] key, byte[] value, Map<Integer, byte[]> perCpu, String where) {}

    /** One map: its definition and entries (null: not saved). */
    record Saved(MapDef def, List<Entry> entries, String where) {}

    private final String file;
    private final int cpus;
    private final List<Saved> maps;

    private SavedMaps(String file, int cpus, List<Saved> maps) {
        this.file = file;
        this.cpus = cpus;
        this.maps = maps;
    }

    String file() {
        return file;
    }

    int cpus() {
        return cpus;
    }

    List<Saved> maps() {
        return maps;
    }

    /** True if {@code bytes} look like a saved-maps file rather than a program: JSON text, an object. */
    static boolean looksSaved(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b == '{';
            }
        }
        return false;
    }

    // ---- writing -----------------------------------------------------------------------------

    /** The file's text for {@code maps}, read through the user face after the run. */
    static String write(Collection<BpfMap> maps, int cpus) {
        StringBuilder s = new StringBuilder();
        s.append("{\n  \"format\": \"")
                .append(FORMAT)
                .append("\",\n  \"cpus\": ")
                .append(cpus);
        s.append(",\n  \"maps\": [");
        boolean firstMap = true;
        for (BpfMap m : maps) {
            s.append(firstMap ? "\n" : ",\n");
            firstMap = false;
            s.append("    {\n      \"name\": \"").append(Json.escape(m.def().name()));
            s.append("\", \"type\": \"").append(m.type().bpftoolName());
            s.append("\", \"bytes_key\": ").append(m.keySize());
            s.append(", \"bytes_value\": ").append(m.valueSize());
            s.append(",\n      \"max_entries\": ").append(m.def().maxEntries());
            s.append(", \"flags\": ").append(m.def().flags());
            List<String> entries = entries(m);
            if (entries == null) {
                s.append(",\n      \"entries\": null\n    }");
            } else if (entries.isEmpty()) {
                s.append(",\n      \"entries\": []\n    }");
            } else {
                s.append(",\n      \"entries\": [\n        ");
                s.append(String.join(",\n        ", entries));
                s.append("\n      ]\n    }");
            }
        }
        s.append(firstMap ? "]\n}\n" : "\n  ]\n}\n");
        return s.toString();
    }

    /** Each entry's JSON, or null when user space cannot read the map's contents. */
    private static List<String> entries(BpfMap m) {
        List<String> out = new ArrayList<>();
        if (m.type() == MapType.BLOOM_FILTER || (m.def().flags() & MapFlags.WRONLY) != 0) {
            return null;
        }
        if (m.type().isKeyless()) {
            for (byte[] v : queueValues(m)) {
                out.add("{\"value\": \"" + HEX.formatHex(v) + "\"}");
            }
            return out;
        }
        boolean array = m.type() == MapType.ARRAY || m.type() == MapType.PERCPU_ARRAY;
        for (byte[] key : m.keys()) {
            byte[] value;
            try {
                value = m.lookup(key);
            } catch (MapException gone) {
                continue; // deleted between keys() and lookup()
            }
            if (array && m.def().initialValue() == null && allZero(value)) {
                continue; // arrays start zeroed: an index not listed is zero
            }
            String k = "{\"key\": \"" + HEX.formatHex(key) + "\", ";
            if (!m.type().isPerCpu()) {
                out.add(k + "\"value\": \"" + HEX.formatHex(value) + "\"}");
            } else {
                int step = BpftoolFormat.roundUp8(m.valueSize());
                List<String> perCpu = new ArrayList<>();
                for (int cpu = 0; cpu < m.nCpus(); cpu++) {
                    perCpu.add("{\"cpu\": " + cpu + ", \"value\": \""
                            + HEX.formatHex(value, cpu * step, cpu * step + m.valueSize()) + "\"}");
                }
                out.add(k + "\"values\": [" + String.join(", ", perCpu) + "]}");
            }
        }
        return out;
    }

    /**
     * A queue's or stack's values in pop order, read by popping them all and pushing them back (the
     * syscall has no other way to read past the head); only done once nothing runs.
     */
    static List<byte[]> queueValues(BpfMap m) {
        List<byte[]> values = new ArrayList<>();
        while (true) {
            try {
                values.add(m.pop());
            } catch (MapException empty) {
                break;
            }
        }
        restore(m, values);
        return values;
    }

    /** Pushes values listed in pop order so that pops return them in that order again. */
    private static void restore(BpfMap m, List<byte[]> popOrder) {
        List<byte[]> push = new ArrayList<>(popOrder);
        if (m.type() == MapType.STACK) {
            java.util.Collections.reverse(push); // a stack pops the last pushed first
        }
        for (byte[] v : push) {
            m.push(v, MapFlags.ANY);
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    // ---- reading -----------------------------------------------------------------------------

    /** Reads and checks a saved-maps file on its own (syntax, members, hex lengths against its sizes). */
    static SavedMaps read(Path path) {
        String file = path.toString();
        byte[] bytes = InputFile.read(path);
        if (bytes.length == 0) {
            throw new JxdpException(file + ": is empty (a saved-maps file is JSON, written by --save-maps)");
        }
        if (!looksSaved(bytes)) {
            throw new JxdpException(
                    file + ": not a saved-maps file (JSON written by --save-maps; this does not start with '{')");
        }
        Object root = JsonReader.parse(new String(bytes, StandardCharsets.UTF_8), file);
        Map<String, Object> top = object(root, file, "the file");
        if (!FORMAT.equals(top.get("format"))) {
            throw new JxdpException(file + ": not a jxdp saved-maps file (\"format\" is not \"" + FORMAT + "\")");
        }
        members(top, TOP, file, "the file");
        int cpus = integer(top.get("cpus"), 1, 4096, file, "\"cpus\"");
        List<Saved> maps = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        List<Object> list = list(top.get("maps"), file, "\"maps\"");
        for (int i = 0; i < list.size(); i++) {
            Saved s = map(list.get(i), file, cpus, "maps[" + i + "]");
            if (!names.add(s.def().name())) {
                throw new JxdpException(file + ": " + s.where() + ": a second map named '"
                        + s.def().name() + "'");
            }
            maps.add(s);
        }
        return new SavedMaps(file, cpus, maps);
    }

    private static Saved map(Object o, String file, int cpus, String at) {
        Map<String, Object> m = object(o, file, at);
        members(m, MAP, file, at);
        String name = string(m.get("name"), file, at + ".name");
        String where = at + " (" + name + ")";
        String typeName = string(m.get("type"), file, where + ".type");
        MapType type = MapType.ofName(typeName);
        if (type == null || !type.isSupported()) {
            throw new JxdpException(file + ": " + where + ": '" + typeName + "' is no map type jxdp emulates");
        }
        MapDef def = new MapDef(
                name,
                type,
                integer(m.get("bytes_key"), 0, Integer.MAX_VALUE, file, where + ".bytes_key"),
                integer(m.get("bytes_value"), 0, Integer.MAX_VALUE, file, where + ".bytes_value"),
                integer(m.get("max_entries"), 0, Integer.MAX_VALUE, file, where + ".max_entries"),
                integer(m.get("flags"), 0, Integer.MAX_VALUE, file, where + ".flags"),
                null);
        if (m.get("entries") == null) {
            return new Saved(def, null, where);
        }
        List<Object> list = list(m.get("entries"), file, where + ".entries");
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            entries.add(entry(list.get(i), def, cpus, file, where + " entries[" + i + "]"));
        }
        return new Saved(def, entries, where);
    }

    private static Entry entry(Object o, MapDef def, int cpus, String file, String at) {
        Map<String, Object> e = object(o, file, at);
        boolean keyless = def.type().isKeyless();
        boolean perCpu = def.type().isPerCpu();
        members(e, keyless ? Set.of("value") : perCpu ? Set.of("key", "values") : Set.of("key", "value"), file, at);
        byte[] key = keyless ? null : bytes(e.get("key"), def.keySize(), file, at + ".key");
        if (!perCpu) {
            return new Entry(key, bytes(e.get("value"), def.valueSize(), file, at + ".value"), null, at);
        }
        Map<Integer, byte[]> values = new LinkedHashMap<>();
        List<Object> list = list(e.get("values"), file, at + ".values");
        for (int i = 0; i < list.size(); i++) {
            String vat = at + ".values[" + i + "]";
            Map<String, Object> v = object(list.get(i), file, vat);
            members(v, Set.of("cpu", "value"), file, vat);
            int cpu = integer(v.get("cpu"), 0, cpus - 1, file, vat + ".cpu");
            if (values.put(cpu, bytes(v.get("value"), def.valueSize(), file, vat + ".value")) != null) {
                throw new JxdpException(file + ": " + vat + ": CPU " + cpu + " appears twice");
            }
        }
        return new Entry(key, null, values, at);
    }

    // ---- using -------------------------------------------------------------------------------

    /** The maps the file describes, created afresh in {@code space} and filled from the file. */
    Map<String, BpfMap> create(AddressSpace space) {
        Map<String, BpfMap> out = new LinkedHashMap<>();
        for (Saved s : maps) {
            BpfMap m;
            try {
                m = Maps.create(s.def(), space, cpus);
            } catch (MapException e) {
                throw new JxdpException(file + ": " + s.where() + ": " + e.getMessage());
            }
            out.put(s.def().name(), m);
        }
        applyTo(out);
        return out;
    }

    /**
     * Checks that every map of the file is one of {@code target}'s, defined alike, and that every
     * entry fits (applied to a scratch copy, so the kernel's own refusals count too); an error
     * names the file and the entry.
     */
    void check(MapSet target) {
        for (Saved s : maps) {
            BpfMap m = target.byName().get(s.def().name());
            if (m == null) {
                throw new JxdpException(file + ": " + s.where() + ": the program has no map named '"
                        + s.def().name() + "'"
                        + (target.byName().isEmpty()
                                ? ""
                                : " (maps: " + String.join(", ", target.byName().keySet()) + ")"));
            }
            MapDef d = m.def();
            List<String> diffs = new ArrayList<>();
            diff(diffs, "type", s.def().type().bpftoolName(), d.type().bpftoolName());
            diff(diffs, "bytes_key", s.def().keySize(), d.keySize());
            diff(diffs, "bytes_value", s.def().valueSize(), d.valueSize());
            diff(diffs, "max_entries", s.def().maxEntries(), d.maxEntries());
            diff(diffs, "flags", s.def().flags(), d.flags());
            if (!diffs.isEmpty()) {
                throw new JxdpException(
                        file + ": " + s.where() + ": does not match the program's map: " + String.join(", ", diffs));
            }
            for (Entry e : s.entries() == null ? List.<Entry>of() : s.entries()) {
                if (e.perCpu() != null) {
                    for (int cpu : e.perCpu().keySet()) {
                        if (cpu >= m.nCpus()) {
                            throw new JxdpException(file + ": " + e.where() + ": CPU " + cpu + " is beyond this run's "
                                    + m.nCpus() + " CPUs");
                        }
                    }
                }
            }
        }
        applyTo(target.emptyCopy().byName());
    }

    private static void diff(List<String> diffs, String what, Object file, Object program) {
        if (!file.equals(program)) {
            diffs.add(what + " " + file + " in the file, " + program + " in the program");
        }
    }

    /** Stores every entry into the maps of the same name; a refusal names the file and the entry. */
    void applyTo(Map<String, BpfMap> target) {
        for (Saved s : maps) {
            BpfMap m = target.get(s.def().name());
            if (m == null || s.entries() == null) {
                continue;
            }
            List<byte[]> keyless = new ArrayList<>();
            for (Entry e : s.entries()) {
                try {
                    if (e.key() == null) {
                        keyless.add(e.value());
                    } else if (e.perCpu() == null) {
                        m.update(e.key(), e.value(), MapFlags.ANY);
                    } else {
                        byte[] all = new byte[m.userValueSize()];
                        int step = BpftoolFormat.roundUp8(m.valueSize());
                        e.perCpu().forEach((cpu, v) -> System.arraycopy(v, 0, all, cpu * step, v.length));
                        m.update(e.key(), all, MapFlags.ANY);
                    }
                } catch (MapException x) {
                    throw new JxdpException(file + ": " + e.where() + ": " + x.getMessage());
                }
            }
            try {
                if (m.type() == MapType.BLOOM_FILTER) {
                    for (byte[] v : keyless) {
                        m.push(v, MapFlags.ANY);
                    }
                } else if (!keyless.isEmpty()) {
                    restore(m, keyless);
                }
            } catch (MapException x) {
                throw new JxdpException(file + ": " + s.where() + ": " + x.getMessage());
            }
        }
    }

    // ---- JSON shapes -------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object o, String file, String at) {
        if (!(o instanceof Map)) {
            throw new JxdpException(file + ": " + at + ": expected an object");
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o, String file, String at) {
        if (!(o instanceof List)) {
            throw new JxdpException(file + ": " + at + ": expected an array");
        }
        return (List<Object>) o;
    }

    private static void members(Map<String, Object> m, Set<String> allowed, String file, String at) {
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw new JxdpException(file + ": " + at + ": unknown member \"" + k + "\" (expected "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
        for (String k : allowed) {
            if (!m.containsKey(k)) {
                throw new JxdpException(file + ": " + at + ": missing \"" + k + "\"");
            }
        }
    }

    private static String string(Object o, String file, String at) {
        if (!(o instanceof String s)) {
            throw new JxdpException(file + ": " + at + ": expected a string");
        }
        return s;
    }

    private static int integer(Object o, long min, long max, String file, String at) {
        if (!(o instanceof BigDecimal n)) {
            throw new JxdpException(file + ": " + at + ": expected a number");
        }
        try {
            long v = n.longValueExact();
            if (v < min || v > max) {
                throw new JxdpException(file + ": " + at + ": " + v + " is not within " + min + ".." + max);
            }
            return (int) v;
        } catch (ArithmeticException e) {
            throw new JxdpException(file + ": " + at + ": " + n + " is not a whole number within " + min + ".." + max);
        }
    }

    private static byte[] bytes(Object o, int size, String file, String at) {
        byte[] b = Hex.decode(string(o, file, at), file + ": " + at);
        if (b.length != size) {
            throw new JxdpException(file + ": " + at + ": " + b.length + " bytes, the map's are " + size);
        }
        return b;
    }
}

package io.jxdp.asm.internal;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.isa.text.LabelNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code .map NAME type=TYPE key=N value=N max_entries=N [flags=N] [extra=N]}: TYPE is a bpftool
 * name ({@code cpumap}, {@code percpu_array}, {@code BPF_MAP_TYPE_HASH}) or a kernel id; the numbers
 * are decimal or hex; {@code extra} is the kernel's {@code map_extra} (a bloom filter's number of
 * hash functions). Maps are indexed in the order they are declared.
 */
final class MapDirective {
    private static final List<String> REQUIRED = List.of("type", "key", "value", "max_entries");
    private static final String USAGE = ".map NAME type=TYPE key=N value=N max_entries=N [flags=N] [extra=N]";
    private static final List<String> OPTIONAL = List.of("flags", "extra");

    private MapDirective() {}

    /** Parses the rest of the line after {@code .map}. */
    static MapDef parse(LineScanner s) {
        int nameAt = s.index();
        String name = s.ident();
        if (name == null || !LabelNames.isValidName(name)) {
            throw s.errorAt(nameAt, "expected a map name; usage: " + USAGE);
        }
        Map<String, Long> values = new HashMap<>();
        MapType type = null;
        while (!s.atEnd()) {
            int keyAt = s.index();
            String key = s.ident();
            if (key == null || !(REQUIRED.contains(key) || OPTIONAL.contains(key))) {
                throw s.errorAt(
                        keyAt, "unknown map attribute" + (key != null ? " '" + key + "'" : "") + "; usage: " + USAGE);
            }
            if (values.containsKey(key)) {
                throw s.errorAt(keyAt, "duplicate map attribute '" + key + "'");
            }
            s.expect("=");
            int valueAt = s.index();
            Literal lit = s.number();
            if (key.equals("type")) {
                String typeName = lit == null ? s.ident() : null;
                type = typeName != null
                        ? MapType.ofName(typeName)
                        : lit != null && lit.unsigned(Integer.MAX_VALUE) != null
                                ? MapType.ofId((int) lit.magnitude())
                                : null;
                if (type == null) {
                    throw s.errorAt(valueAt, "unknown map type" + (typeName != null ? " '" + typeName + "'" : ""));
                }
                values.put(key, (long) type.id());
                continue;
            }
            if (lit == null) {
                throw s.error("expected a number" + s.found());
            }
            long limit = key.equals("flags") ? 0xffff_ffffL : key.equals("extra") ? -1L : Integer.MAX_VALUE;
            Long v = lit.unsigned(limit);
            if (v == null) {
                throw s.errorAt(
                        valueAt,
                        key + " must be a number from 0 to "
                                + (key.equals("flags") ? "0xffffffff" : Long.toUnsignedString(limit)));
            }
            values.put(key, v);
        }
        for (String key : REQUIRED) {
            if (!values.containsKey(key)) {
                throw s.error("map '" + name + "' needs " + key + "=...; usage: " + USAGE);
            }
        }
        return new MapDef(
                name,
                type,
                (int) (long) values.get("key"),
                (int) (long) values.get("value"),
                (int) (long) values.get("max_entries"),
                (int) (long) values.getOrDefault("flags", 0L),
                null,
                values.getOrDefault("extra", 0L),
                null);
    }
}

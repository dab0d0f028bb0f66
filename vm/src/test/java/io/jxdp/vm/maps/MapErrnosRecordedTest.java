package io.jxdp.vm.maps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.vm.memory.AddressSpace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays map_errnos.expected, what Linux answered to map creations and element operations
 * (recorded with map_errnos.c by record_map_errnos.sh, the kernel release in its first line), on
 * jxdp's maps and requires the same answer for every line: the same errno, or success with the
 * same bytes.
 */
class MapErrnosRecordedTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void everyRecordedAnswerIsTheKernels() throws IOException {
        List<String> lines = recorded();
        assertTrue(lines.get(0).startsWith("# kernel 6.18"), lines.get(0));
        BpfMap map = null;
        int checked = 0;
        List<String> wrong = new ArrayList<>();
        for (String line : lines) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int arrow = line.lastIndexOf(" -> ");
            String op = line.substring(0, arrow);
            String expected = line.substring(arrow + 4);
            String[] f = op.split(" ", -1);
            String actual;
            try {
                if (f[0].equals("create")) {
                    map = null;
                    map = Maps.create(def(f), new AddressSpace(), 2);
                    actual = "OK";
                } else {
                    actual = apply(map, f);
                }
            } catch (MapException e) {
                actual = e.errno().signedName();
            }
            checked++;
            if (!actual.equals(expected)) {
                wrong.add(op + ": kernel " + expected + ", jxdp " + actual);
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(324, checked);
    }

    private static MapDef def(String[] f) {
        return new MapDef(
                "rec",
                MapType.ofId(Integer.parseInt(f[1])),
                Integer.parseInt(f[2]),
                Integer.parseInt(f[3]),
                Integer.parseInt(f[4]),
                Integer.parseInt(f[5]),
                null,
                Long.parseLong(f[6]),
                null);
    }

    private static String apply(BpfMap map, String[] f) {
        return switch (f[0]) {
            case "update" -> {
                map.update(bytes(f[1]), bytes(f[2]), Long.parseLong(f[3]));
                yield "OK";
            }
            case "lookup" -> {
                if (map instanceof BloomFilter bloom) {
                    yield bloom.mayContain(bytes(f[2])) ? "OK " + f[2] : "-ENOENT";
                }
                yield "OK " + HEX.formatHex(map.lookup(bytes(f[1])));
            }
            case "delete" -> {
                map.delete(bytes(f[1]));
                yield "OK";
            }
            case "next" -> {
                byte[] next = map.nextKey(f[1].equals("-") ? null : bytes(f[1]));
                yield next == null ? "-ENOENT" : "OK " + HEX.formatHex(next);
            }
            case "pop" -> "OK " + HEX.formatHex(map.pop());
            default -> throw new IllegalArgumentException("unknown operation " + f[0]);
        };
    }

    private static byte[] bytes(String hex) {
        return hex.equals("-") ? new byte[0] : HEX.parseHex(hex);
    }

    private static List<String> recorded() throws IOException {
        try (InputStream in = MapErrnosRecordedTest.class.getResourceAsStream("/maps/map_errnos.expected")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}

package io.jxdp.cli;

import io.jxdp.vm.maps.BpfMap;
import java.io.PrintStream;
import java.util.HexFormat;
import java.util.Map;

/** Map contents as {@code bpftool map dump} shows them: key and value bytes in hex. */
final class MapDump {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private MapDump() {}

    static void print(PrintStream out, Map<String, BpfMap> maps) {
        for (Map.Entry<String, BpfMap> e : maps.entrySet()) {
            BpfMap m = e.getValue();
            out.println("map " + e.getKey() + " (" + m.type().bpftoolName() + ", key " + m.keySize() + " value "
                    + m.valueSize() + " max_entries " + m.maxEntries() + "):");
            int shown = 0;
            for (byte[] key : m.keys()) {
                byte[] value;
                try {
                    value = m.lookup(key);
                } catch (io.jxdp.isa.JxdpException gone) {
                    continue; // deleted between keys() and lookup(): not there any more
                }
                if (isZero(value) && m.type().name().contains("ARRAY")) {
                    continue; // arrays hold every key; show the ones that changed
                }
                out.println("  key: " + HEX.formatHex(key) + "  value: " + HEX.formatHex(value));
                shown++;
            }
            if (shown == 0) {
                out.println("  (no entries" + (m.type().name().contains("ARRAY") ? " besides zeros" : "") + ")");
            }
        }
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}

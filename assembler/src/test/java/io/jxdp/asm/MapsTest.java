package io.jxdp.asm;

import static io.jxdp.asm.Asm.error;
import static io.jxdp.asm.Asm.llvm;
import static io.jxdp.asm.Asm.ubpf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.isa.MapDef;
import io.jxdp.isa.MapType;
import io.jxdp.isa.Program;
import io.jxdp.isa.PseudoSource;
import io.jxdp.isa.text.Dialect;
import io.jxdp.isa.text.Disassembler;
import java.util.List;
import org.junit.jupiter.api.Test;

class MapsTest {
    private static final String DECLS = """
            .map cpu_map type=cpumap key=4 value=4 max_entries=8
            .map stats type=BPF_MAP_TYPE_PERCPU_ARRAY key=4 value=0x10 max_entries=1 flags=0x80
            .map by_id type=1 key=8 value=8 max_entries=1024
            """;

    @Test
    void declarationsInOrder() {
        Program p = llvm(DECLS + "exit");
        assertEquals(
                List.of(
                        new MapDef("cpu_map", MapType.CPUMAP, 4, 4, 8),
                        new MapDef("stats", MapType.PERCPU_ARRAY, 4, 16, 1, 0x80, null),
                        new MapDef("by_id", MapType.HASH, 8, 8, 1024)),
                p.maps());
    }

    @Test
    void referencesInBothDialects() {
        Program l = llvm(DECLS + "r1 = stats ll\nr2 = map_value(by_id) + 8 ll\nr3 = map_value(cpu_map) ll\nexit");
        Program u = ubpf(DECLS + "lddw %r1, stats\nlddw %r2, map_value(by_id) + 8\nlddw %r3, map_value(cpu_map)\nexit");
        assertEquals(l, u);
        assertEquals(PseudoSource.MAP_IDX.code(), l.at(0).src());
        assertEquals(1, l.at(0).imm());
        assertEquals(PseudoSource.MAP_IDX_VALUE.code(), l.at(2).src());
        assertEquals(2 | 8L << 32, l.at(2).imm());
        assertEquals(0, l.at(4).imm());
        assertEquals("""
                .map cpu_map type=cpumap key=4 value=4 max_entries=8
                .map stats type=percpu_array key=4 value=16 max_entries=1 flags=0x80
                .map by_id type=hash key=8 value=8 max_entries=1024

                r1 = stats ll
                r2 = map_value(by_id) + 8 ll
                r3 = map_value(cpu_map) ll
                exit
                """, Disassembler.of(Dialect.LLVM).print(l));
    }

    @Test
    void rawPseudoForms() {
        Program p = llvm("r1 = map_fd(3) ll\nr1 = map_value(3) + 4 ll\nr1 = btf_id(9) ll\nr1 = map_idx(2) ll\n"
                + "r1 = map_idx_value(2) + 1 ll\nexit");
        int[] srcs = {1, 2, 3, 5, 6};
        for (int i = 0; i < srcs.length; i++) {
            assertEquals(srcs[i], p.instructions().get(i).src());
        }
        assertEquals(3 | 4L << 32, p.at(2).imm());
    }

    @Test
    void errors() {
        expect(
                ".map m type=hash key=4 value=4\nexit",
                1,
                31,
                "map 'm' needs max_entries=...; usage: "
                        + ".map NAME type=TYPE key=N value=N max_entries=N [flags=N] [extra=N]");
        expect(".map m type=trie key=4 value=4 max_entries=1", 1, 13, "unknown map type 'trie'");
        expect(".map m type=hash key=4 key=4", 1, 24, "duplicate map attribute 'key'");
        expect(
                ".map m type=hash size=4",
                1,
                18,
                "unknown map attribute 'size'; usage: "
                        + ".map NAME type=TYPE key=N value=N max_entries=N [flags=N] [extra=N]");
        expect(".map m type=hash key=-1 value=4 max_entries=1", 1, 22, "key must be a number from 0 to 2147483647");
        expect(
                ".map m type=hash key=4 value=4 max_entries=1\n.map m type=array key=4 value=4 max_entries=1",
                2,
                1,
                "duplicate map 'm' (first declared at line 1)");
        expect(".map m type=hash key=4 value=4 max_entries=1\nm: exit", 2, 1, "label 'm' has the name of a map");
        expect(
                "r1 = map_value(nope) ll",
                1,
                16,
                "unknown map 'nope' (declare it with .map nope type=... key=N value=N max_entries=N)");
        expect("r1 = map_fd(m) ll", 1, 13, "map_fd(...) takes a number, not a name");
    }

    private static void expect(String text, int line, int col, String reason) {
        AssemblerException e = error(text, Syntax.LLVM);
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(col, e.column(), e.getMessage());
    }
}

package io.jxdp.isa.sem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.Form;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.sem.SemanticsTable.Entry;
import io.jxdp.isa.sem.SemanticsTable.Jit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The add-an-opcode checklist, the parts that live in isa. */
class SemanticsTableTest {
    @Test
    void everyOpcodeIsInTheTableExactlyOnceAndItsPlaceIsItsKey() {
        List<Entry> entries = SemanticsTable.entries();
        assertEquals(Opcode.values().length, entries.size());
        Set<Opcode> seen = EnumSet.noneOf(Opcode.class);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            assertEquals(i, e.key(), e.opcode().name());
            assertTrue(seen.add(e.opcode()), e.opcode() + " twice");
            assertSame(e, SemanticsTable.of(e.opcode()));
            assertEquals(i, SemanticsTable.key(e.opcode()));
        }
    }

    @Test
    void sharedAndIntrinsicEntriesHaveTheirMethodAndReasonsSayWhy() {
        for (Entry e : SemanticsTable.entries()) {
            String name = e.opcode().name();
            if (e.jit() == Jit.SHARED) {
                assertEquals("", e.reason(), name);
            } else {
                assertFalse(e.reason().isBlank(), name + " needs a reason");
            }
            if (e.jit() != Jit.ENGINE || e.opcode().form() == Form.ATOMIC) {
                int expected = e.opcode().form() == Form.ALU_END ? 3 : 1;
                assertEquals(expected, e.methods().size(), name + ": " + e.methods());
            }
            for (Method m : e.methods()) {
                assertTrue(Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()), m.toString());
            }
        }
    }

    @Test
    void byteSwapsHaveAMethodPerWidth() {
        for (Opcode op : List.of(Opcode.LE, Opcode.BE, Opcode.BSWAP)) {
            Entry e = SemanticsTable.of(op);
            assertEquals("le16", SemanticsTable.of(Opcode.LE).method(16).getName());
            assertEquals(
                    List.of(16, 32, 64),
                    List.of(
                            e.method(16).getAnnotation(Semantics.class).width(),
                            e.method(32).getAnnotation(Semantics.class).width(),
                            e.method(64).getAnnotation(Semantics.class).width()));
        }
    }

    @Test
    void everyTaggedMethodNamesOnlyOpcodesWhoseEntryHasIt() {
        List<Method> tagged = SemanticsTable.taggedMethods();
        assertEquals(86, tagged.size());
        for (Method m : tagged) {
            for (Opcode op : m.getAnnotation(Semantics.class).value()) {
                assertTrue(SemanticsTable.of(op).methods().contains(m), op + " <- " + m);
            }
        }
    }

    @Test
    void noEngineEntryIsAnOperationOnValues() {
        List<Opcode> engine = new ArrayList<>();
        for (Entry e : SemanticsTable.entries()) {
            if (e.jit() == Jit.ENGINE && e.opcode().form() != Form.ATOMIC) {
                engine.add(e.opcode());
                assertEquals(List.of(), e.methods(), e.opcode().name());
            }
        }
        assertEquals(
                List.of(
                        Opcode.LDDW,
                        Opcode.JA,
                        Opcode.JA32,
                        Opcode.CALL,
                        Opcode.CALL_LOCAL,
                        Opcode.CALLX,
                        Opcode.EXIT,
                        Opcode.CALL_KFUNC,
                        Opcode.LDABSW,
                        Opcode.LDABSH,
                        Opcode.LDABSB,
                        Opcode.LDINDW,
                        Opcode.LDINDH,
                        Opcode.LDINDB,
                        Opcode.MALFORMED),
                engine);
    }

    @Test
    void mainPrintsOneRowPerOpcode() {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            SemanticsTable.main(new String[0]);
        } finally {
            System.setOut(old);
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertEquals(Opcode.values().length + 2, lines.length); // a header, the rows, the final newline
        assertTrue(lines[0].startsWith("key  opcode"), lines[0]);
        assertEquals(
                "0    ADD64_IMM            intrinsic  Alu64.add",
                lines[1].substring(0, "0    ADD64_IMM            intrinsic  Alu64.add".length()));
        assertTrue(lines[8].startsWith("7    DIV64_REG            shared     Alu64.div "), lines[8]);
    }
}

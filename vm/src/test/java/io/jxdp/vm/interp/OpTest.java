package io.jxdp.vm.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.Opcode;
import io.jxdp.isa.sem.SemanticsTable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The interpreter's switch labels: one per opcode, each the semantics table's key for the opcode of its name. */
class OpTest {
    @Test
    void everyLabelIsTheTablesKeyForItsOpcode() throws IllegalAccessException {
        Set<Opcode> labelled = EnumSet.noneOf(Opcode.class);
        for (Field f : Op.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                Opcode op = Opcode.valueOf(f.getName());
                assertEquals(SemanticsTable.key(op), f.getInt(null), f.getName());
                assertTrue(labelled.add(op), f.getName());
            }
        }
        assertEquals(EnumSet.allOf(Opcode.class), labelled, "one label per opcode");
    }
}

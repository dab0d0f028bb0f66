package io.jxdp.vm.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.isa.Opcode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The interpreter's dispatch keys: one per opcode, distinct, within 8 bits, and KEYS maps each opcode to its own. */
class OpTest {
    @Test
    void everyOpcodeHasItsOwnKey() throws IllegalAccessException {
        Set<Integer> keys = new HashSet<>();
        for (Field f : Op.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                int key = f.getInt(null);
                Opcode op = Opcode.valueOf(f.getName());
                assertEquals(key, Op.KEYS[op.ordinal()], f.getName());
                assertTrue(key >= 0 && key < 256, f.getName());
                assertTrue(keys.add(key), "two opcodes share key " + key);
            }
        }
        assertEquals(Opcode.values().length, keys.size(), "one key per opcode");
    }
}

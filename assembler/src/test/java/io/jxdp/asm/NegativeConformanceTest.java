package io.jxdp.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxdp.asm.data.DataFile;
import io.jxdp.asm.data.DataFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The negative conformance cases that are assembler errors fail with a file:line:col message. */
class NegativeConformanceTest {
    /** File, then the expected line, column and a phrase of the reason. */
    private static final Map<String, Object[]> EXPECTED = Map.ofEntries(
            Map.entry("invalid_imm32_dec_range.data", new Object[] {5, 12, "does not fit in 32 bits"}),
            Map.entry("invalid_imm32_hex_range.data", new Object[] {5, 12, "does not fit in 32 bits"}),
            Map.entry("invalid_label.data", new Object[] {4, 4, "unknown label 'NOT_A_LABEL'"}),
            Map.entry("invalid_lock.data", new Object[] {4, 17, "invalid number of operands for lock"}),
            Map.entry("invalid_lock2.data", new Object[] {4, 5, "invalid number of operands for lock"}),
            Map.entry("invalid_mnemonic.data", new Object[] {5, 1, "unknown mnemonic 'ldxq'"}),
            Map.entry("invalid_offset.data", new Object[] {4, 11, "expected a memory operand"}),
            Map.entry("invalid_offset_range.data", new Object[] {5, 16, "does not fit in 16 bits"}),
            Map.entry("invalid_operand_count.data", new Object[] {4, 9, "invalid number of operands for lddw"}),
            Map.entry("invalid_register.data", new Object[] {4, 9, "invalid register '%r50'"}));

    @TestFactory
    Stream<DynamicTest> invalidCasesAreAssemblerErrors() {
        return EXPECTED.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
                    Path file = ConformanceSuite.dir().resolve("negative").resolve(e.getKey());
                    DataFile f = ConformanceSuite.read(file);
                    AssemblerException ex = assertThrows(AssemblerException.class, f::assembleAsm);
                    Object[] want = e.getValue();
                    assertEquals(want[0], ex.line(), ex.getMessage());
                    assertEquals(want[1], ex.column(), ex.getMessage());
                    assertTrue(ex.reason().contains((String) want[2]), ex.getMessage());
                    assertEquals(file + ":" + want[0] + ":" + want[1] + ": " + ex.reason(), ex.getMessage());
                    assertTrue(ex.getMessage().lines().count() == 1, "one line");
                    assertEquals(java.nio.file.Files.readAllLines(file).get(ex.line() - 1), ex.sourceLine());
                }));
    }

    @Test
    void unknownSectionIsADataFileError() {
        Path file = ConformanceSuite.dir().resolve("negative/invalid_unknown_directive.data");
        DataFileException ex = assertThrows(DataFileException.class, () -> DataFile.read(file));
        assertEquals(4, ex.line());
        assertTrue(ex.reason().contains("unknown section '-- Unknown directive'"), ex.getMessage());
    }

    @Test
    void everyOtherNegativeFileParses() {
        for (Path p : ConformanceSuite.files("negative")) {
            if (!p.getFileName().toString().equals("invalid_unknown_directive.data")) {
                ConformanceSuite.read(p);
            }
        }
    }
}

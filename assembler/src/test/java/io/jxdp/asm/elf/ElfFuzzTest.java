package io.jxdp.asm.elf;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jxdp.asm.elf.internal.ElfFile;
import io.jxdp.asm.elf.internal.ElfInput;
import io.jxdp.asm.elf.internal.ElfSection;
import io.jxdp.isa.JxdpException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Broken objects: every fixture truncated, with bytes flipped, and with every header, symbol,
 * relocation and BTF field replaced by values that lie. The loader may accept a mutant or refuse it
 * with a {@link JxdpException}; anything else, or a slow case, fails the test.
 */
// A hang guard, not a speed target: every case is far under a millisecond; speed is measured by benchmarks.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ElfFuzzTest {

    private static final long[] LIES = {
        0,
        1,
        7,
        8,
        16,
        0xff,
        0xffff,
        0x7fff_ffffL,
        0x8000_0000L,
        0xffff_ffffL,
        0x7fff_ffff_ffff_ffffL,
        -1L,
        0x1_0000_0000L
    };
    /** Fewer lies for the many fields of symbols, relocations and BTF records. */
    private static final long[] FEW_LIES = {0, 1, 8, 0xffff, 0x7fff_ffffL, 0xffff_ffffL, -1L};

    private int cases;
    private int accepted;

    private void feed(String what, byte[] bytes) {
        cases++;
        try {
            ElfLoader.load("fuzz.o", bytes);
            accepted++;
        } catch (JxdpException expected) {
            assertTrue(expected.getMessage().startsWith("fuzz.o: "), what + ": " + expected.getMessage());
            assertTrue(expected.getMessage().indexOf('\n') < 0, what + ": " + expected.getMessage());
        } catch (Throwable t) {
            fail(what + ": " + t, t);
        }
    }

    private static long get(byte[] b, int off, int width) {
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            v = v << 8 | (b[off + i] & 0xff);
        }
        return v;
    }

    private static void put(byte[] b, int off, int width, long v) {
        for (int i = 0; i < width; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    /** Feeds copies of the fixture with the field at off replaced by every lie and near values. */
    private void lieAbout(String name, byte[] original, String field, int off, int width) {
        lieAbout(name, original, field, off, width, LIES);
    }

    private void lieAbout(String name, byte[] original, String field, int off, int width, long[] lies) {
        if (off < 0 || off + width > original.length) {
            return;
        }
        long was = get(original, off, width);
        List<Long> values = new ArrayList<>();
        for (long lie : lies) {
            values.add(lie);
        }
        values.add(was + 1);
        values.add(was - 1);
        if (lies == LIES) {
            values.add(was * 2);
            values.add((long) original.length);
            values.add(original.length - was);
        }
        for (long v : values) {
            byte[] b = original.clone();
            put(b, off, width, v);
            feed(name + ": " + field + " = 0x" + Long.toHexString(v), b);
        }
    }

    @Test
    void truncatedAtManyOffsets() {
        for (String name : Fixtures.OBJECTS) {
            byte[] b = Fixtures.bytes(name);
            // every offset in the ELF header and in the section header table at the end, some between
            for (int len = 0; len < b.length; len += len < 80 || len > b.length - 2048 ? 1 : 37) {
                feed(name + " truncated to " + len, java.util.Arrays.copyOf(b, len));
            }
        }
    }

    @Test
    void flippedBytes() {
        Random random = new Random(20241125);
        for (String name : Fixtures.OBJECTS) {
            byte[] original = Fixtures.bytes(name);
            for (int n = 0; n < 500; n++) {
                byte[] b = original.clone();
                int flips = 1 + random.nextInt(8);
                StringBuilder what = new StringBuilder(name).append(" flipped at");
                for (int i = 0; i < flips; i++) {
                    int at = random.nextInt(b.length);
                    b[at] ^= (byte) (1 + random.nextInt(255));
                    what.append(' ').append(at);
                }
                feed(what.toString(), b);
            }
        }
    }

    @Test
    void headersThatLie() {
        for (String name : Fixtures.OBJECTS) {
            byte[] b = Fixtures.bytes(name);
            lieAbout(name, b, "e_shoff", 0x28, 8);
            lieAbout(name, b, "e_shentsize", 0x3a, 2);
            lieAbout(name, b, "e_shnum", 0x3c, 2);
            lieAbout(name, b, "e_shstrndx", 0x3e, 2);
            ElfFile elf = ElfFile.parse(new ElfInput(name, b));
            int shoff = (int) get(b, 0x28, 8);
            for (ElfSection s : elf.sections()) {
                if (s.name().startsWith(".debug") || s.name().startsWith(".rel.debug")) {
                    continue; // the loader never reads them; sh_offset and sh_size are checked like any other's
                }
                int h = shoff + 64 * s.index();
                String sec = "section " + s.index() + " " + s.name();
                lieAbout(name, b, sec + " sh_name", h, 4, FEW_LIES);
                lieAbout(name, b, sec + " sh_type", h + 4, 4);
                lieAbout(name, b, sec + " sh_flags", h + 8, 8, FEW_LIES);
                lieAbout(name, b, sec + " sh_offset", h + 24, 8);
                lieAbout(name, b, sec + " sh_size", h + 32, 8);
                lieAbout(name, b, sec + " sh_link", h + 40, 4);
                lieAbout(name, b, sec + " sh_info", h + 44, 4);
                lieAbout(name, b, sec + " sh_entsize", h + 56, 8, FEW_LIES);
            }
        }
    }

    @Test
    void symbolsAndRelocationsThatLie() {
        for (String name : Fixtures.OBJECTS) {
            byte[] b = Fixtures.bytes(name);
            ElfFile elf = ElfFile.parse(new ElfInput(name, b));
            for (ElfSection s : elf.sections()) {
                if (s.type() == ElfSection.SHT_SYMTAB) {
                    for (int i = 0; i < s.size() / 24; i++) {
                        int e = (int) s.offset() + 24 * i;
                        String sym = "symbol " + i;
                        lieAbout(name, b, sym + " st_name", e, 4, FEW_LIES);
                        lieAbout(name, b, sym + " st_info", e + 4, 1, FEW_LIES);
                        lieAbout(name, b, sym + " st_shndx", e + 6, 2, FEW_LIES);
                        lieAbout(name, b, sym + " st_value", e + 8, 8, FEW_LIES);
                        lieAbout(name, b, sym + " st_size", e + 16, 8, FEW_LIES);
                    }
                }
                if (s.type() == ElfSection.SHT_REL
                        && elf.sections().get((int) s.info()).isCode()) {
                    for (int i = 0; i < s.size() / 16; i++) {
                        int e = (int) s.offset() + 16 * i;
                        String rel = s.name() + " relocation " + i;
                        lieAbout(name, b, rel + " r_offset", e, 8, FEW_LIES);
                        lieAbout(name, b, rel + " type", e + 8, 4, FEW_LIES);
                        lieAbout(name, b, rel + " symbol", e + 12, 4, FEW_LIES);
                    }
                }
            }
        }
    }

    @Test
    void btfThatLies() {
        List<String> objects = List.of("maps_btf.o", "global_data.o", "xdp_redirect_cpu.o", "btf_kinds.o");
        for (int k = 0; k < objects.size(); k++) {
            String name = objects.get(k);
            byte[] b = Fixtures.bytes(name);
            ElfFile elf = ElfFile.parse(new ElfInput(name, b));
            // every 32-bit word of the header, then every third of the type records, a different
            // third for each object (names are the string tests' job)
            ElfSection btf = elf.sectionNamed(".BTF");
            int types = (int) (get(b, (int) btf.offset() + 4, 4) + get(b, (int) btf.offset() + 8, 4));
            int typesEnd = types + (int) get(b, (int) btf.offset() + 12, 4);
            for (int off = 0; off < 24; off += 4) {
                lieAbout(name, b, ".BTF header word at " + off, (int) btf.offset() + off, 4, FEW_LIES);
            }
            for (int off = types + 4 * k; off < typesEnd; off += 12) {
                lieAbout(name, b, ".BTF word at " + off, (int) btf.offset() + off, 4, FEW_LIES);
            }
            // the .BTF.ext header and the start of its line info
            ElfSection ext = elf.sectionNamed(".BTF.ext");
            int lines = (int) (get(b, (int) ext.offset() + 4, 4) + get(b, (int) ext.offset() + 16, 4));
            for (int off = 0; off < lines + 256; off += off < 32 ? 4 : off < lines ? lines - off : 4) {
                lieAbout(name, b, ".BTF.ext word at " + off, (int) ext.offset() + off, 4, FEW_LIES);
            }
        }
    }

    @Test
    void theFixturesThemselvesLoad() {
        Fixtures.OBJECTS.forEach(n -> feed(n, Fixtures.bytes(n)));
        assertTrue(accepted == cases && cases == Fixtures.OBJECTS.size(), accepted + " of " + cases);
    }
}

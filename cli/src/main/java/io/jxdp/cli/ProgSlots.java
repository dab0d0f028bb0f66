package io.jxdp.cli;

import io.jxdp.asm.elf.ElfObject;
import io.jxdp.asm.elf.ElfProgram;
import io.jxdp.isa.JxdpException;
import io.jxdp.isa.Program;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.maps.MapException;
import io.jxdp.vm.maps.ProgArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * Fills the prog arrays of a run with programs, as libbpf and bpftool do before the first packet:
 * first the object's {@code values} initialisers ({@code bpf_object__init_prog_arrays}), then each
 * {@code --map-update MAP KEY PROG} on a prog array, whose value names a program of PROG's object
 * by function or section name (or, for text and bytecode, the file of another program, whose maps
 * are bound by name to the same instances). Every target is verified and loaded once, as the entry
 * program is ({@code loader}), and shares the run's maps.
 */
final class ProgSlots {
    private final String command;
    private final ProgramSource src;
    private final MapSet maps;
    private final Function<Program, LoadedProgram> loader;
    private final Map<String, LoadedProgram> loaded = new HashMap<>();
    private final Map<String, Integer> ids = new HashMap<>();

    private ProgSlots(String command, ProgramSource src, MapSet maps, Function<Program, LoadedProgram> loader) {
        this.command = command;
        this.src = src;
        this.maps = maps;
        this.loader = loader;
    }

    /** True if {@code --map-update MAP ...} names a prog array: its value is a program, not hex. */
    static boolean isProgArray(MapSet maps, String command, String map) {
        return maps.get(command, map) instanceof ProgArray;
    }

    /**
     * Fills the prog arrays of {@code maps}.
     *
     * @param updates the {@code --map-update} triples (those on other maps are skipped)
     * @param loader verifies and loads a target against {@code maps}
     * @throws JxdpException (exit 2) for a program name the object lacks or a slot past max_entries
     */
    static void fill(
            String command, ProgramSource src, MapSet maps, String[] updates, Function<Program, LoadedProgram> loader) {
        ProgSlots s = new ProgSlots(command, src, maps, loader);
        if (src.elf() != null) {
            s.initialise(src.elf());
        }
        for (int i = 0; i + 2 < updates.length; i += 3) {
            if (isProgArray(maps, command, updates[i])) {
                s.update(updates[i], updates[i + 1], updates[i + 2]);
            }
        }
    }

    private void initialise(ElfObject elf) {
        for (Map.Entry<String, SortedMap<Integer, String>> e :
                elf.initialSlots().entrySet()) {
            BpfMap m = maps.byName().get(e.getKey());
            if (!(m instanceof ProgArray array)) {
                continue; // a map-in-map's slots are maps, not programs
            }
            for (Map.Entry<Integer, String> slot : e.getValue().entrySet()) {
                String name = slot.getValue();
                int index = slot.getKey();
                LoadedProgram p = program(name);
                try {
                    array.set(index, ids.get(name), p);
                } catch (MapException x) {
                    throw new JxdpException(src.file() + ": map '" + e.getKey() + "': failed to initialize slot ["
                            + index + "] to prog '" + name + "': " + x.errno().signedName());
                }
            }
        }
    }

    private void update(String map, String keyText, String prog) {
        byte[] key = Hex.decode(keyText, "--map-update key");
        if (key.length != 4) {
            throw new UsageException(
                    command,
                    "--map-update " + map + " needs a key of 4 bytes (a prog array's index), got " + key.length);
        }
        int index = ByteBuffer.wrap(key).order(ByteOrder.LITTLE_ENDIAN).getInt();
        ProgArray array = (ProgArray) maps.get(command, map);
        LoadedProgram p = program(prog);
        try {
            array.set(index, ids.get(prog), p);
        } catch (MapException x) {
            throw new UsageException(
                    command, "--map-update " + map + " " + keyText + " " + prog + ": " + x.getMessage());
        }
    }

    /** The program a name means, loaded once: of PROG's object, or (text, bytecode) another file. */
    private LoadedProgram program(String name) {
        LoadedProgram p = loaded.get(name);
        if (p != null) {
            return p;
        }
        Program program;
        if (src.elf() != null) {
            ElfProgram ep = src.elf().select(name);
            program = ep.program();
            ids.put(name, src.elf().programs().indexOf(ep) + 1);
        } else {
            program = ProgramSource.load(Path.of(name), io.jxdp.asm.Syntax.AUTO, false, null)
                    .program();
            ids.put(name, ids.size() + 1);
        }
        p = loader.apply(program);
        loaded.put(name, p);
        return p;
    }
}

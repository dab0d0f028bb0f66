package io.jxdp.asm.internal;

import io.jxdp.asm.AssemblerException;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.isa.PseudoSource;
import io.jxdp.isa.text.LabelNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects a file's instructions, labels and maps in order, then resolves names and builds the
 * {@link Program}. Labels take the pc of the next instruction.
 */
public final class ProgramBuilder {
    /** A name definition and where it was written. */
    private record Definition(int value, SourceLine line, int index) {}

    /** One instruction with its position. */
    private record Statement(SourceLine line, int index, Instruction insn, Fixup fixup) {}

    private final String name;
    private final boolean implicitExitLabel;
    private final List<Statement> statements = new ArrayList<>();
    private final Map<String, Definition> labels = new LinkedHashMap<>();
    private final Map<String, Definition> mapNames = new HashMap<>();
    private final List<MapDef> maps = new ArrayList<>();
    private int pc;
    private int firstExit = -2;

    /**
     * @param name the program's name (the file name)
     * @param implicitExitLabel let {@code exit} name the first exit instruction when no label of that
     *     name exists, as the conformance suite's assembler does ({@code ja exit} in prime.data)
     */
    public ProgramBuilder(String name, boolean implicitExitLabel) {
        this.name = name;
        this.implicitExitLabel = implicitExitLabel;
    }

    /** Defines a label at the current pc. */
    public void label(String label, SourceLine line, int index) {
        if (!LabelNames.isValidName(label)) {
            throw line.error(index, "invalid label name '" + label + "'");
        }
        Definition previous = labels.putIfAbsent(label, new Definition(pc, line, index));
        if (previous != null) {
            throw line.error(
                    index,
                    "duplicate label '" + label + "' (first defined at line "
                            + previous.line().number() + ")");
        }
    }

    /** Declares a map; its index is the number of maps declared before it. */
    public void map(MapDef def, SourceLine line, int index) {
        Definition previous = mapNames.putIfAbsent(def.name(), new Definition(maps.size(), line, index));
        if (previous != null) {
            throw line.error(
                    index,
                    "duplicate map '" + def.name() + "' (first declared at line "
                            + previous.line().number() + ")");
        }
        maps.add(def);
    }

    void add(SourceLine line, int index, Parsed parsed) {
        statements.add(new Statement(line, index, parsed.insn(), parsed.fixup()));
        pc += parsed.insn().width();
    }

    /** Adds an instruction taken from raw bytes. */
    public void addRaw(SourceLine line, int index, Instruction insn) {
        add(line, index, new Parsed(insn, null));
    }

    /**
     * Applies an llvm-objdump {@code -r} relocation line to the instruction before it: an
     * {@code R_BPF_64_64} against a symbol makes the preceding {@code lddw} load that map or function.
     */
    public void relocate(SourceLine line, int index, String type, String symbol) {
        Statement last = statements.isEmpty() ? null : statements.get(statements.size() - 1);
        if (!type.equals("R_BPF_64_64") || last == null || last.insn().op() != Opcode.LDDW) {
            throw line.error(index, "unsupported relocation " + type + " (only R_BPF_64_64 on an lddw is understood)");
        }
        int dst = last.insn().dst();
        Fixup byName = (insn, at, names) -> {
            if (names.isMap(symbol)) {
                return Instruction.of(Opcode.LDDW, dst, PseudoSource.MAP_IDX.code(), 0, names.mapIndex(symbol, index));
            }
            if (!names.isLabel(symbol)) {
                throw names.error(
                        index, "relocation against '" + symbol + "', which is neither a declared map nor a label");
            }
            return Operands.toLabel(symbol, index)
                    .resolve(Instruction.of(Opcode.LDDW, dst, PseudoSource.FUNC.code(), 0, 0), at, names);
        };
        // errors about the symbol point at the relocation line, where the name is written
        statements.set(statements.size() - 1, new Statement(line, index, last.insn(), byName));
    }

    /** Resolves every name and builds the program (not checked: callers run ProgramCheck). */
    public Program build() {
        for (Map.Entry<String, Definition> e : labels.entrySet()) {
            if (mapNames.containsKey(e.getKey())) {
                Definition d = e.getValue();
                throw d.line().error(d.index(), "label '" + e.getKey() + "' has the name of a map");
            }
        }
        Map<Integer, String> byPc = new TreeMap<>();
        List<Instruction> out = new ArrayList<>(statements.size());
        int at = 0;
        boolean[] usedExit = new boolean[1];
        for (Statement st : statements) {
            Instruction insn =
                    st.fixup() == null ? st.insn() : st.fixup().resolve(st.insn(), at, resolver(st, usedExit));
            out.add(insn);
            at += insn.width();
        }
        for (Map.Entry<String, Definition> e : labels.entrySet()) {
            byPc.putIfAbsent(e.getValue().value(), e.getKey());
        }
        if (usedExit[0]) {
            byPc.putIfAbsent(firstExit(), "exit");
        }
        return Program.of(name, out, maps, byPc);
    }

    /** The pc of the first exit, or -1; computed once, as labels are resolved after all statements. */
    private int firstExit() {
        if (firstExit == -2) {
            firstExit = -1;
            int at = 0;
            for (Statement st : statements) {
                if (st.insn().op() == Opcode.EXIT) {
                    firstExit = at;
                    break;
                }
                at += st.insn().width();
            }
        }
        return firstExit;
    }

    private Resolver resolver(Statement st, boolean[] usedExit) {
        return new Resolver() {
            @Override
            public int labelPc(String label, int index) {
                Definition d = labels.get(label);
                if (d != null) {
                    return d.value();
                }
                if (implicitExitLabel && label.equals("exit") && firstExit() >= 0) {
                    usedExit[0] = true;
                    return firstExit();
                }
                throw error(index, "unknown label '" + label + "'");
            }

            @Override
            public boolean isLabel(String label) {
                return labels.containsKey(label) || (implicitExitLabel && label.equals("exit") && firstExit() >= 0);
            }

            @Override
            public int mapIndex(String map, int index) {
                Definition d = mapNames.get(map);
                if (d == null) {
                    throw error(
                            index,
                            "unknown map '" + map + "' (declare it with .map " + map
                                    + " type=... key=N value=N max_entries=N)");
                }
                return d.value();
            }

            @Override
            public boolean isMap(String map) {
                return mapNames.containsKey(map);
            }

            @Override
            public int slotCount() {
                return pc;
            }

            @Override
            public AssemblerException error(int index, String reason) {
                return st.line().error(index, reason);
            }
        };
    }
}

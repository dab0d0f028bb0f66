package io.jxdp.vm;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.InvalidProgramException;
import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.isa.ProgramCheck;
import io.jxdp.isa.PseudoSource;
import io.jxdp.vm.helpers.HelperFunction;
import io.jxdp.vm.helpers.HelperTable;
import io.jxdp.vm.maps.BpfMap;
import io.jxdp.vm.memory.Addresses;
import java.util.Arrays;
import java.util.List;

/**
 * A checked program bound to its maps and helpers: what every engine starts from. Linking runs
 * {@link ProgramCheck}, resolves each {@code lddw} to the value it loads (a constant, a map handle,
 * a map value address, a function pointer) and each helper call to its function, and refuses what
 * cannot run outside the kernel, each with the pc.
 */
public final class LinkedProgram {
    private final Program program;
    private final List<BpfMap> maps;
    private final long[] constants;
    private final HelperFunction[] helpers;
    private final int[] functionEntries;
    private final boolean[] isFunctionEntry;
    private final HelperTable helperTable;

    private LinkedProgram(Program program, List<BpfMap> maps, HelperTable helperTable) {
        this.program = program;
        this.maps = List.copyOf(maps);
        this.helperTable = helperTable;
        int slots = program.slotCount();
        this.constants = new long[slots];
        this.helpers = new HelperFunction[slots];
        this.functionEntries = program.functionEntries();
        this.isFunctionEntry = new boolean[slots];
        for (int entry : functionEntries) {
            isFunctionEntry[entry] = true;
        }
    }

    /**
     * Links a program.
     *
     * @param maps the maps backing {@code program.maps()}, in the same order
     * @throws InvalidProgramException if the program breaks a structural rule, calls an unknown
     *     helper, or uses what only the kernel has (kfuncs, BTF ids, legacy packet loads)
     */
    public static LinkedProgram link(Program program, List<BpfMap> maps, HelperTable helpers) {
        ProgramCheck.check(program);
        if (maps.size() != program.maps().size()) {
            throw new IllegalArgumentException(
                    "the program declares " + program.maps().size() + " maps, " + maps.size() + " given");
        }
        LinkedProgram linked = new LinkedProgram(program, maps, helpers);
        for (int i = 0; i < program.size(); i++) {
            linked.resolve(program.pcOf(i), program.instructions().get(i));
        }
        return linked;
    }

    private void resolve(int pc, Instruction insn) {
        Opcode op = insn.op();
        switch (op.form()) {
            case LDDW -> constants[pc] = lddwValue(pc, insn);
            case CALL_HELPER -> {
                HelperFunction f = helperTable.get(insn.imm());
                if (f == null) {
                    throw new InvalidProgramException(
                            pc, "call to unknown helper " + insn.imm() + " (jxdp offers " + helperIds() + ")");
                }
                helpers[pc] = f;
            }
            case CALL_KFUNC ->
                throw new InvalidProgramException(
                        pc, "kfunc calls (call by BTF id) need the kernel's BTF and cannot run in jxdp");
            case LD_ABS, LD_IND ->
                throw new InvalidProgramException(
                        pc,
                        "legacy packet loads (ld_abs, ld_ind) need a socket buffer; XDP and memory programs cannot use them");
            default -> {}
        }
    }

    private long lddwValue(int pc, Instruction insn) {
        PseudoSource source = insn.pseudoSource();
        return switch (source) {
            case IMM64 -> insn.imm();
            case MAP_FD, MAP_IDX -> maps.get(insn.mapIndex()).handle();
            case MAP_VALUE, MAP_IDX_VALUE -> {
                BpfMap map = maps.get(insn.mapIndex());
                long address = map.directValueAddress(insn.mapValueOffset());
                if (address == -1) {
                    throw new InvalidProgramException(
                            pc,
                            "map " + map.def().name() + " (" + map.def().type().bpftoolName()
                                    + ") has no direct value access; only array maps do");
                }
                yield address;
            }
            case FUNC -> Addresses.address(Addresses.FUNCTION, insn.target(pc));
            case BTF_ID ->
                throw new InvalidProgramException(
                        pc, "lddw of a BTF id (a kernel variable) cannot be resolved outside the kernel");
        };
    }

    private String helperIds() {
        return Arrays.toString(
                helperTable.all().stream().mapToInt(HelperFunction::id).toArray());
    }

    public Program program() {
        return program;
    }

    public List<BpfMap> maps() {
        return maps;
    }

    /** The value the {@code lddw} at pc loads. */
    public long constant(int pc) {
        return constants[pc];
    }

    /** The helper the {@code call} at pc calls. */
    public HelperFunction helper(int pc) {
        return helpers[pc];
    }

    public HelperTable helperTable() {
        return helperTable;
    }

    /** The pcs where local functions start, ascending; 0 is the entry. */
    public int[] functionEntries() {
        return functionEntries.clone();
    }

    public boolean isFunctionEntry(int pc) {
        return pc >= 0 && pc < isFunctionEntry.length && isFunctionEntry[pc];
    }
}

package io.jxdp.cli;

import io.jxdp.asm.elf.SourceLine;
import io.jxdp.isa.Form;
import io.jxdp.isa.Instruction;
import io.jxdp.isa.Program;
import io.jxdp.isa.text.InstructionPrinter;
import io.jxdp.isa.text.LabelNames;
import io.jxdp.verifier.Verifier;
import io.jxdp.verifier.VerifierResult;
import io.jxdp.vm.LinkedProgram;
import io.jxdp.vm.StepHook;
import io.jxdp.vm.helpers.HelperFunction;
import io.jxdp.vm.memory.Addresses;
import io.jxdp.vm.memory.Memory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Consumer;

/**
 * The interpreter's step hook that turns a run into {@link TraceStep}s. The hook sees the registers
 * before each instruction; what an instruction did is the difference between the state before it
 * and the state before the next one (or the run's end), so the engine itself records nothing. Memory
 * accesses are read from the instruction's operands before it runs and from memory after.
 */
final class Tracer implements StepHook {
    /** Thrown from the hook to end the run where the user asked; the run ends as a fault carrying it. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop(String why) {
            super(why, null, false, false);
        }
    }

    /** Decides, before each instruction, whether the run goes on: may block (a prompt) or throw {@link Stop}. */
    interface Control {
        void before(int step, int pc, long[] registers, int depth);
    }

    /** What a step needs from the state before it ran. */
    @SuppressWarnings("ArrayRecordComponent") // a snapshot of the registers, never compared
    private record Pending(
            int index,
            int pc,
            int depth,
            long[] regs,
            ValueNames.PacketView pkt,
            String source,
            List<TraceStep.Access> reads,
            long writeAt,
            int writeSize,
            String call) {}

    private final InstructionPrinter printer;
    private final NavigableMap<Integer, SourceLine> lines;
    private final VerifierResult verifier;
    private final Memory memory;
    private final Consumer<TraceStep> sink;
    private Program program;
    private LinkedProgram linked;
    private LabelNames labels;
    private ValueNames names;
    private Control control = (step, pc, r, depth) -> {};
    private Pending pending;
    /** The register file the hook saw last (the engine's live array), and the depth then. */
    private long[] lastRegs;

    private int lastDepth;
    private int steps;
    private SourceLine lastLine;

    /**
     * @param lines C source lines by pc (empty without BTF line info)
     * @param verifier the verifier's result at log level 2 for {@code --verifier-state}, or null
     * @param sink where each finished step goes
     */
    Tracer(
            InstructionPrinter printer,
            NavigableMap<Integer, SourceLine> lines,
            VerifierResult verifier,
            Memory memory,
            Consumer<TraceStep> sink) {
        this.printer = printer;
        this.lines = lines;
        this.verifier = verifier;
        this.memory = memory;
        this.sink = sink;
    }

    /** The program the hook was loaded with, before it runs. */
    void attach(LinkedProgram loaded) {
        this.linked = loaded;
        this.program = loaded.program();
        this.labels = LabelNames.of(program);
        this.names = new ValueNames(memory, loaded.maps());
    }

    void control(Control c) {
        this.control = c;
    }

    /** The registers as they were last seen (before the pending step), named: {@code r0=0 r1=ctx+0 ...}. */
    String registerLine() {
        if (lastRegs == null) {
            return "registers: (the program has not started)";
        }
        StringBuilder b = new StringBuilder("registers:");
        for (int i = 0; i < lastRegs.length; i++) {
            b.append(" r").append(i).append('=').append(name(lastRegs[i], lastDepth));
        }
        return b.toString();
    }

    /** Instructions executed so far. */
    int steps() {
        return steps;
    }

    @Override
    public void beforeStep(int pc, long[] r, int depth) {
        lastRegs = r;
        lastDepth = depth;
        if (pending != null) {
            sink.accept(finish(pending, r, depth, pc));
            pending = null;
        }
        control.before(steps + 1, pc, r, depth);
        steps++;
        pending = begin(steps, pc, r, depth);
    }

    /** The run returned: the last step (the entry function's exit) changed nothing. */
    void exited() {
        if (pending != null) {
            sink.accept(finish(pending, pending.regs(), pending.depth(), -1));
            pending = null;
        }
    }

    /** The run faulted in the pending step: it is shown as it was when it started. */
    void faulted() {
        exited();
    }

    /** The instruction at {@code pc} as the trace prints it. */
    String insnText(int pc) {
        return printer.format(program.at(pc), pc, labels);
    }

    /** {@code value} as the trace names it, seen from call depth {@code depth}. */
    String name(long value, int depth) {
        return names.name(value, depth, names.packet());
    }

    /** The address of the packet's first byte ({@code pkt+0}). */
    long packetData() {
        return Addresses.address(Addresses.PACKET, memory.xdp().data());
    }

    /** The bytes at {@code [addr, addr + size)}, or null where any cannot be read (a context field, no memory). */
    byte[] peek(long addr, int size) {
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            int b = memory.peek(addr + i);
            if (b < 0) {
                return null;
            }
            out[i] = (byte) b;
        }
        return out;
    }

    private Pending begin(int index, int pc, long[] r, int depth) {
        Instruction insn = program.at(pc);
        ValueNames.PacketView pkt = names.packet();
        List<TraceStep.Access> reads = new ArrayList<>();
        long writeAt = 0;
        int writeSize = 0;
        String call = null;
        Form form = insn.op().form();
        switch (form) {
            case LOAD -> {
                long addr = r[insn.src()] + insn.offset();
                int size = insn.op().size().bytes();
                reads.add(new TraceStep.Access("read", names.name(addr, depth, pkt), size, peek(addr, size)));
            }
            case STORE_IMM, STORE_REG -> {
                writeAt = r[insn.dst()] + insn.offset();
                writeSize = insn.op().size().bytes();
            }
            case ATOMIC -> {
                writeAt = r[insn.dst()] + insn.offset();
                writeSize = insn.op().size().bytes();
                reads.add(new TraceStep.Access(
                        "read", names.name(writeAt, depth, pkt), writeSize, peek(writeAt, writeSize)));
            }
            case CALL_HELPER -> call = helperCall(linked.helper(pc), insn.imm(), r, depth, pkt);
            case CALLX -> {
                if (Addresses.region(r[insn.dst()]) != Addresses.FUNCTION) {
                    long id = r[insn.dst()];
                    call = helperCall(linked.helperTable().get(id), id, r, depth, pkt);
                }
            }
            default -> {}
        }
        return new Pending(index, pc, depth, r.clone(), pkt, sourceAt(pc), reads, writeAt, writeSize, call);
    }

    private String helperCall(HelperFunction h, long id, long[] r, int depth, ValueNames.PacketView pkt) {
        int n = Verifier.helperArgCount((int) id);
        StringBuilder b = new StringBuilder(h == null ? "helper " + id : "bpf_" + h.name()).append('(');
        for (int i = 1; i <= (n < 0 ? 5 : n); i++) {
            b.append(i > 1 ? ", " : "").append(names.name(r[i], depth, pkt));
        }
        return b.append(')').toString();
    }

    /** The source line to print before pc: the one holding pc, when it is not the one printed last. */
    private String sourceAt(int pc) {
        Map.Entry<Integer, SourceLine> e = lines.floorEntry(pc);
        if (e == null || sameLine(e.getValue(), lastLine)) {
            return null;
        }
        lastLine = e.getValue();
        SourceLine l = lastLine;
        return "; " + l.text().strip() + " @ " + l.file() + ":" + l.line();
    }

    /** One statement: records of one line differ in their column only. */
    private static boolean sameLine(SourceLine a, SourceLine b) {
        return b != null
                && a.line() == b.line()
                && a.file().equals(b.file())
                && a.text().equals(b.text());
    }

    private TraceStep finish(Pending p, long[] r, int depth, int nextPc) {
        Instruction insn = program.at(p.pc());
        ValueNames.PacketView now = names.packet();
        List<TraceStep.Change> changes = new ArrayList<>();
        for (int i = 0; i < r.length; i++) {
            if (p.regs()[i] != r[i]) {
                String was = names.name(p.regs()[i], p.depth(), p.pkt());
                String is = names.name(r[i], depth, now);
                if (was.equals(is)) {
                    // r10 across a call or return: the same name in another frame
                    was += " (frame " + p.depth() + ")";
                    is += " (frame " + depth + ")";
                }
                changes.add(new TraceStep.Change(i, was, is, p.regs()[i], r[i]));
            }
        }
        List<TraceStep.Access> memoryAccesses = new ArrayList<>(p.reads());
        if (p.writeSize() > 0 && nextPc >= 0) {
            memoryAccesses.add(new TraceStep.Access(
                    "write",
                    names.name(p.writeAt(), p.depth(), p.pkt()),
                    p.writeSize(),
                    peek(p.writeAt(), p.writeSize())));
        }
        String effect = null;
        if (p.call() != null) {
            effect = nextPc < 0 ? p.call() : p.call() + " = " + names.name(r[0], depth, now);
        } else if (nextPc >= 0) {
            effect = switch (insn.op().form()) {
                case JUMP_IMM, JUMP_REG -> nextPc == p.pc() + 1 ? "not taken" : "taken";
                case CALL_LOCAL, CALLX -> "call pc " + nextPc + ", frame " + depth;
                case EXIT -> "return to pc " + nextPc + ", frame " + depth;
                default -> null;
            };
        }
        List<String> states = verifier == null ? List.of() : verifier.statesAt(p.pc());
        return new TraceStep(
                p.index(), p.pc(), p.depth(), insnText(p.pc()), p.source(), changes, memoryAccesses, effect, states);
    }
}

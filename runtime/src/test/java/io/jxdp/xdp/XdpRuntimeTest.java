package io.jxdp.xdp;

import static io.jxdp.vm.testing.Insns.exit;
import static io.jxdp.vm.testing.Insns.i;
import static io.jxdp.vm.testing.Insns.mov;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jxdp.isa.Opcode;
import io.jxdp.isa.Program;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.LoadedProgram;
import io.jxdp.vm.Vm;
import io.jxdp.vm.VmOptions;
import io.jxdp.vm.memory.AddressSpace;
import java.util.List;
import org.junit.jupiter.api.Test;

class XdpRuntimeTest {
    /** Packets whose first byte counts up from 0: the program passes odd ones and drops even ones. */
    static final class CountingFeed implements PacketFeed {
        private final long[] sent;
        private final long perQueue;

        CountingFeed(int queues, long perQueue) {
            this.sent = new long[queues];
            this.perQueue = perQueue;
        }

        @Override
        public int next(int queue, byte[] buffer, int offset, int max) {
            if (sent[queue] == perQueue) {
                return END;
            }
            java.util.Arrays.fill(buffer, offset, offset + 60, (byte) 0);
            buffer[offset] = (byte) sent[queue]++;
            return 60;
        }
    }

    /** r2 = data; r3 = data_end; if r2 + 1 > r3 drop; r0 = (*(u8 *)r2 & 1) + 1: DROP for even, PASS for odd. */
    static LoadedProgram passOdd() {
        Program p = Program.of(List.of(
                i(Opcode.LDXW, 2, 1, 0, 0),
                i(Opcode.LDXW, 3, 1, 4, 0),
                mov(0, 1),
                i(Opcode.MOV64_REG, 4, 2, 0, 0),
                i(Opcode.ADD64_IMM, 4, 0, 0, 1),
                i(Opcode.JGT_REG, 4, 3, 3, 0),
                i(Opcode.LDXB, 0, 2, 0, 0),
                i(Opcode.AND64_IMM, 0, 0, 0, 1),
                i(Opcode.ADD64_IMM, 0, 0, 0, 1),
                exit()));
        return Vm.load(p, VmOptions.defaults());
    }

    private static RuntimeStats run(XdpRuntime.Mode mode, int queues, long perQueue) throws InterruptedException {
        AddressSpace space = new AddressSpace();
        XdpRuntime rt = XdpRuntime.builder(passOdd(), new CountingFeed(queues, perQueue))
                .mode(mode)
                .rxQueues(queues)
                .cpus(id -> new Cpu(id, space))
                .build();
        rt.run();
        return rt.stats();
    }

    @Test
    void everyFrameIsAccountedForInBothModes() throws InterruptedException {
        for (XdpRuntime.Mode mode : XdpRuntime.Mode.values()) {
            RuntimeStats s = run(mode, 2, 1000);
            assertEquals(List.of(), s.violations(), mode.name());
            assertEquals(2000, s.rxTotal(RuntimeStats.Rx::received), mode.name());
            assertEquals(1000, s.rxTotal(RuntimeStats.Rx::pass), mode.name());
            assertEquals(1000, s.rxTotal(RuntimeStats.Rx::drop), mode.name());
            assertEquals(500, s.rx().get(1).pass(), mode.name());
        }
    }
}

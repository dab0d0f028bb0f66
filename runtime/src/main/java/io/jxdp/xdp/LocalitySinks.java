package io.jxdp.xdp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Counts where the network stack received each frame against where its application runs: a frame
 * passed on its application's CPU is local; one passed elsewhere needs a second hop (the kernel's
 * RPS/RFS after the SKB is built, or a cross-CPU wake-up of the application). RX queue {@code q}'s
 * stack ({@code pass-rxq}) runs on CPU {@code q}, a cpumap consumer's ({@code pass-cpuN}) on CPU
 * {@code N}. Wraps the sinks a runtime opens; each counting sink is used by one thread, and the
 * counts are read once the runtime has stopped.
 */
public final class LocalitySinks implements Function<String, PacketSink> {
    private final Function<String, PacketSink> inner;
    private final Applications apps;
    private final List<Counting> opened = new ArrayList<>();

    /** The frames one arm of the comparison passed to a stack, by where they landed. */
    public record Totals(long local, long secondHop, long unowned) {
        /** Every frame some stack received. */
        public long delivered() {
            return local + secondHop + unowned;
        }
    }

    public LocalitySinks(Function<String, PacketSink> inner, Applications apps) {
        this.inner = inner;
        this.apps = apps;
    }

    @Override
    public synchronized PacketSink apply(String name) {
        PacketSink sink = inner.apply(name);
        int cpu = stackCpu(name);
        if (cpu < 0) {
            return sink;
        }
        Counting c = new Counting(sink, cpu, apps);
        opened.add(c);
        return c;
    }

    /** The counts over every stack; exact once the runtime has stopped. */
    public synchronized Totals totals() {
        long local = 0;
        long secondHop = 0;
        long unowned = 0;
        for (Counting c : opened) {
            local += c.local;
            secondHop += c.secondHop;
            unowned += c.unowned;
        }
        return new Totals(local, secondHop, unowned);
    }

    /** The CPU whose network stack a sink is, or -1 for a TX, drop or device sink. */
    static int stackCpu(String name) {
        String digits = name.startsWith("pass-rx")
                ? name.substring("pass-rx".length())
                : name.startsWith("pass-cpu") ? name.substring("pass-cpu".length()) : "";
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(digits);
    }

    private static final class Counting implements PacketSink {
        private final PacketSink inner;
        private final int cpu;
        private final Applications apps;
        long local;
        long secondHop;
        long unowned;

        Counting(PacketSink inner, int cpu, Applications apps) {
            this.inner = inner;
            this.cpu = cpu;
            this.apps = apps;
        }

        @Override
        public void accept(byte[] buffer, int offset, int length, long timestampNanos) {
            int owner = apps.ownerOf(buffer, offset, length);
            if (owner < 0) {
                unowned++;
            } else if (owner == cpu) {
                local++;
            } else {
                secondHop++;
            }
            inner.accept(buffer, offset, length, timestampNanos);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}

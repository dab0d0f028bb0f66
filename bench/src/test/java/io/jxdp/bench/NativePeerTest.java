package io.jxdp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NativePeerTest {
    @Test
    void readsTheHarnessLinesAndIgnoresDpdkDiagnostics() {
        Map<String, NativePeer.Result> r = NativePeer.parse(List.of(
                "validate(0x7ffc49e4ed40) loops detected;",
                "loop at pc:12 --> pc:4;",
                "parse interpreter 168.7241 2.5000 5",
                "parse jit 20.2738 nan 1",
                "primes jit skip rte_bpf_load refused it (rte_errno 22)",
                "sum64 jit 12.x 1.0 5"));
        assertEquals(4, r.size(), r.toString());
        assertEquals(168.7241, r.get("parse/interpreter").ns());
        assertEquals(2.5, r.get("parse/interpreter").error());
        assertEquals(20.2738, r.get("parse/jit").ns());
        assertTrue(Double.isNaN(r.get("parse/jit").error()));
        assertEquals(
                "rte_bpf_load refused it (rte_errno 22)", r.get("primes/jit").skipped());
        assertEquals("unreadable line: sum64 jit 12.x 1.0 5", r.get("sum64/jit").skipped());
    }
}

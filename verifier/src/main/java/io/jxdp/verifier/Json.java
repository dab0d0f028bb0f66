package io.jxdp.verifier;

import java.util.Map;

/**
 * The JSON rendering of a {@link VerifierResult}, written by hand (jxdp takes no JSON library):
 * {@code {"program":..., "accepted":..., "mode":..., "type":..., "stats":{...}, "error":{...} | null,
 * "accesses":[...], "log":...}}.
 */
public final class Json {
    private final StringBuilder sb = new StringBuilder();
    private boolean needComma;

    private Json() {}

    static String of(VerifierResult r) {
        Json j = new Json();
        j.open('{');
        j.field("program").string(r.program().name());
        j.field("accepted").raw(Boolean.toString(r.accepted()));
        j.field("mode").string(r.options().privileged() ? "privileged" : "unprivileged");
        j.field("type").string(r.options().programType().toString());
        VerifierStats s = r.stats();
        j.field("stats").open('{');
        j.field("processed_insns").raw(Integer.toString(s.processedInsns()));
        j.field("insn_limit").raw(Integer.toString(s.insnLimit()));
        j.field("max_states_per_insn").raw(Integer.toString(s.maxStatesPerInsn()));
        j.field("total_states").raw(Integer.toString(s.totalStates()));
        j.field("peak_states").raw(Integer.toString(s.peakStates()));
        j.field("mark_read").raw(Integer.toString(s.markRead()));
        j.close('}');
        j.field("error");
        if (r.error().isEmpty()) {
            j.raw("null");
        } else {
            VerifierError e = r.error().get();
            j.open('{');
            j.field("code").string(e.code().name());
            j.field("category").string(e.category().name());
            j.field("pc").raw(Integer.toString(e.pc()));
            j.field("instruction").string(e.instruction());
            j.field("kernel_message").string(e.kernelMessage());
            j.field("register").raw(Integer.toString(e.register()));
            j.field("register_state").string(e.registerState());
            j.field("path").open('[');
            for (BranchStep b : e.path()) {
                j.comma();
                j.open('{');
                j.field("pc").raw(Integer.toString(b.pc()));
                j.field("target").raw(Integer.toString(b.target()));
                j.field("taken").raw(Boolean.toString(b.taken()));
                j.close('}');
            }
            j.close(']');
            j.field("fact").string(e.fact());
            j.field("hint").string(e.hint());
            j.close('}');
        }
        j.field("accesses").open('[');
        if (r.verified().isPresent()) {
            for (Map.Entry<Integer, AccessFact> en :
                    r.verified().get().accesses().entrySet()) {
                AccessFact f = en.getValue();
                j.comma();
                j.open('{');
                j.field("pc").raw(Integer.toString(f.pc()));
                j.field("region").string(f.region().name());
                j.field("map_index").raw(Integer.toString(f.mapIndex()));
                j.field("in_bounds").raw(Boolean.toString(f.inBounds()));
                j.field("min_off").raw(Long.toString(f.minOff()));
                j.field("max_off").raw(Long.toString(f.maxOff()));
                j.field("size").raw(Integer.toString(f.size()));
                j.field("write").raw(Boolean.toString(f.write()));
                j.close('}');
            }
        }
        j.close(']');
        j.field("log").string(r.log());
        j.close('}');
        return j.sb.toString();
    }

    private void comma() {
        if (needComma) {
            sb.append(',');
        }
        needComma = false;
    }

    private Json open(char c) {
        sb.append(c);
        needComma = false;
        return this;
    }

    private Json close(char c) {
        sb.append(c);
        needComma = true;
        return this;
    }

    private Json field(String name) {
        if (needComma) {
            sb.append(',');
        }
        quote(name);
        sb.append(':');
        needComma = false;
        return this;
    }

    private Json raw(String v) {
        sb.append(v);
        needComma = true;
        return this;
    }

    private Json string(String v) {
        quote(v);
        needComma = true;
        return this;
    }

    private void quote(String v) {
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}

package io.jxdp.verifier.internal;

/** enum bpf_reg_type, the part XDP and the memory calling convention use; names as log.c prints them. */
public enum RegType {
    NOT_INIT("?"),
    SCALAR("scalar"),
    PTR_TO_CTX("ctx"),
    CONST_PTR_TO_MAP("map_ptr"),
    PTR_TO_MAP_VALUE("map_value"),
    PTR_TO_STACK("fp"),
    PTR_TO_PACKET("pkt"),
    PTR_TO_PACKET_META("pkt_meta"),
    PTR_TO_PACKET_END("pkt_end"),
    PTR_TO_MEM("mem"),
    PTR_TO_FUNC("func");

    private final String logName;

    RegType(String logName) {
        this.logName = logName;
    }

    /** reg_type_str without the null suffix. */
    public String logName() {
        return logName;
    }

    /** reg_type_str: {@code map_value_or_null} for a maybe-null pointer. */
    public String logName(boolean maybeNull) {
        return maybeNull ? logName + "_or_null" : logName;
    }
}

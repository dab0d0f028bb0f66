package io.jxdp.verifier.internal;

import java.util.Map;

/**
 * The prototypes (struct bpf_func_proto) of the helpers the jxdp runtime offers to XDP programs,
 * as kernel/bpf/helpers.c, kernel/trace/bpf_trace.c and net/core/filter.c declare them.
 */
public final class HelperProtos {
    /** enum bpf_arg_type, the kinds these helpers use. */
    public enum Arg {
        DONTCARE,
        ANYTHING,
        CONST_MAP_PTR,
        PTR_TO_MAP_KEY,
        PTR_TO_MAP_VALUE,
        /** ARG_PTR_TO_MAP_VALUE | MEM_UNINIT | MEM_WRITE: the helper writes a value there. */
        PTR_TO_UNINIT_MAP_VALUE,
        PTR_TO_CTX,
        /** ARG_PTR_TO_MEM | MEM_RDONLY: initialized memory, the size in the next argument. */
        PTR_TO_MEM_RDONLY,
        /** ARG_PTR_TO_MEM | PTR_MAYBE_NULL | MEM_RDONLY. */
        PTR_TO_MEM_OR_NULL_RDONLY,
        CONST_SIZE,
        CONST_SIZE_OR_ZERO
    }

    /** enum bpf_return_type. */
    public enum Ret {
        INTEGER,
        /** RET_VOID: R0 is left uninitialized. */
        VOID,
        PTR_TO_MAP_VALUE_OR_NULL
    }

    /** One prototype. */
    @SuppressWarnings("ArrayRecordComponent") // prototypes are constants, never compared
    public record Proto(int id, String name, Ret ret, boolean changesPktData, boolean needsPerfmon, Arg... args) {
        public Arg arg(int i) {
            return i < args.length ? args[i] : Arg.DONTCARE;
        }
    }

    private static final Map<Integer, Proto> PROTOS = Map.ofEntries(
            proto(new Proto(
                    1,
                    "bpf_map_lookup_elem",
                    Ret.PTR_TO_MAP_VALUE_OR_NULL,
                    false,
                    false,
                    Arg.CONST_MAP_PTR,
                    Arg.PTR_TO_MAP_KEY)),
            proto(new Proto(
                    2,
                    "bpf_map_update_elem",
                    Ret.INTEGER,
                    false,
                    false,
                    Arg.CONST_MAP_PTR,
                    Arg.PTR_TO_MAP_KEY,
                    Arg.PTR_TO_MAP_VALUE,
                    Arg.ANYTHING)),
            proto(new Proto(
                    3, "bpf_map_delete_elem", Ret.INTEGER, false, false, Arg.CONST_MAP_PTR, Arg.PTR_TO_MAP_KEY)),
            proto(new Proto(5, "bpf_ktime_get_ns", Ret.INTEGER, false, false)),
            proto(new Proto(
                    12, "bpf_tail_call", Ret.VOID, false, false, Arg.PTR_TO_CTX, Arg.CONST_MAP_PTR, Arg.ANYTHING)),
            proto(new Proto(6, "bpf_trace_printk", Ret.INTEGER, false, true, Arg.PTR_TO_MEM_RDONLY, Arg.CONST_SIZE)),
            proto(new Proto(7, "bpf_get_prandom_u32", Ret.INTEGER, false, false)),
            proto(new Proto(8, "bpf_get_smp_processor_id", Ret.INTEGER, false, false)),
            proto(new Proto(23, "bpf_redirect", Ret.INTEGER, false, false, Arg.ANYTHING, Arg.ANYTHING)),
            proto(new Proto(
                    28,
                    "bpf_csum_diff",
                    Ret.INTEGER,
                    false,
                    false,
                    Arg.PTR_TO_MEM_OR_NULL_RDONLY,
                    Arg.CONST_SIZE_OR_ZERO,
                    Arg.PTR_TO_MEM_OR_NULL_RDONLY,
                    Arg.CONST_SIZE_OR_ZERO,
                    Arg.ANYTHING)),
            proto(new Proto(44, "bpf_xdp_adjust_head", Ret.INTEGER, true, false, Arg.PTR_TO_CTX, Arg.ANYTHING)),
            proto(new Proto(
                    51, "bpf_redirect_map", Ret.INTEGER, false, false, Arg.CONST_MAP_PTR, Arg.ANYTHING, Arg.ANYTHING)),
            proto(new Proto(54, "bpf_xdp_adjust_meta", Ret.INTEGER, true, false, Arg.PTR_TO_CTX, Arg.ANYTHING)),
            proto(new Proto(65, "bpf_xdp_adjust_tail", Ret.INTEGER, true, false, Arg.PTR_TO_CTX, Arg.ANYTHING)),
            proto(new Proto(
                    87,
                    "bpf_map_push_elem",
                    Ret.INTEGER,
                    false,
                    false,
                    Arg.CONST_MAP_PTR,
                    Arg.PTR_TO_MAP_VALUE,
                    Arg.ANYTHING)),
            proto(new Proto(
                    88, "bpf_map_pop_elem", Ret.INTEGER, false, false, Arg.CONST_MAP_PTR, Arg.PTR_TO_UNINIT_MAP_VALUE)),
            proto(new Proto(
                    89,
                    "bpf_map_peek_elem",
                    Ret.INTEGER,
                    false,
                    false,
                    Arg.CONST_MAP_PTR,
                    Arg.PTR_TO_UNINIT_MAP_VALUE)));

    /** Names of other kernel helpers, for the log (include/uapi/linux/bpf.h __BPF_FUNC_MAPPER). */
    private static final String[] NAMES = {
        "unspec",
        "map_lookup_elem",
        "map_update_elem",
        "map_delete_elem",
        "probe_read",
        "ktime_get_ns",
        "trace_printk",
        "get_prandom_u32",
        "get_smp_processor_id",
        "skb_store_bytes",
        "l3_csum_replace",
        "l4_csum_replace",
        "tail_call",
        "clone_redirect",
        "get_current_pid_tgid",
        "get_current_uid_gid",
        "get_current_comm",
        "get_cgroup_classid",
        "skb_vlan_push",
        "skb_vlan_pop",
        "skb_get_tunnel_key",
        "skb_set_tunnel_key",
        "perf_event_read",
        "redirect",
        "get_route_realm",
        "perf_event_output",
        "skb_load_bytes",
        "get_stackid",
        "csum_diff",
        "skb_get_tunnel_opt",
        "skb_set_tunnel_opt",
        "skb_change_proto",
        "skb_change_type",
        "skb_under_cgroup",
        "get_hash_recalc",
        "get_current_task",
        "probe_write_user",
        "current_task_under_cgroup",
        "skb_change_tail",
        "skb_pull_data",
        "csum_update",
        "set_hash_invalid",
        "get_numa_node_id",
        "skb_change_head",
        "xdp_adjust_head",
        "probe_read_str",
        "get_socket_cookie",
        "get_socket_uid",
        "set_hash",
        "setsockopt",
        "skb_adjust_room",
        "redirect_map",
        "sk_redirect_map",
        "sock_map_update",
        "xdp_adjust_meta",
        "perf_event_read_value",
        "perf_prog_read_value",
        "getsockopt",
        "override_return",
        "sock_ops_cb_flags_set",
        "msg_redirect_map",
        "msg_apply_bytes",
        "msg_cork_bytes",
        "msg_pull_data",
        "bind",
        "xdp_adjust_tail",
        "skb_get_xfrm_state",
        "get_stack",
        "skb_load_bytes_relative",
        "fib_lookup",
        "sock_hash_update",
        "msg_redirect_hash",
        "sk_redirect_hash",
        "lwt_push_encap",
        "lwt_seg6_store_bytes",
        "lwt_seg6_adjust_srh",
        "lwt_seg6_action",
        "rc_repeat",
        "rc_keydown",
        "skb_cgroup_id",
        "get_current_cgroup_id",
        "get_local_storage",
        "sk_select_reuseport",
        "skb_ancestor_cgroup_id",
        "sk_lookup_tcp",
        "sk_lookup_udp",
        "sk_release",
        "map_push_elem",
        "map_pop_elem",
        "map_peek_elem",
    };

    private static Map.Entry<Integer, Proto> proto(Proto p) {
        return Map.entry(p.id(), p);
    }

    private HelperProtos() {}

    /** The prototype, or null if jxdp does not offer this helper. */
    public static Proto of(int id) {
        return PROTOS.get(id);
    }

    /** The name the log prints: {@code bpf_map_lookup_elem}, or {@code unknown}. */
    public static String name(int id) {
        if (id >= 0 && id < NAMES.length) {
            return "bpf_" + NAMES[id];
        }
        return "unknown";
    }

    /** True if the kernel knows this id (so an unoffered one is "cannot use", not "unknown"). */
    public static boolean kernelKnows(int id) {
        return id > 0 && id < 212;
    }
}

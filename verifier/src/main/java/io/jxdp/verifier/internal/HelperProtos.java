package io.jxdp.verifier.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The prototypes (struct bpf_func_proto) of every helper Linux 6.18 gives a privileged XDP
 * program: xdp_func_proto (net/core/filter.c), falling through to bpf_sk_base_func_proto and
 * bpf_base_func_proto (kernel/bpf/helpers.c), with the types kernel/bpf/helpers.c,
 * kernel/trace/bpf_trace.c, net/core/filter.c and kernel/bpf/ringbuf.c declare. Which ids the
 * kernel offers is recorded from the running kernel (test resource kernel-verdicts/helpers.tsv).
 */
public final class HelperProtos {
    /** The memory types check_reg_type lists for every ARG_PTR_TO_MEM-like argument (mem_types). */
    private static final String MEM = "fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_";

    private static final String BTF_ID = "ptr_, trusted_ptr_, rcu_ptr_";

    /** enum bpf_arg_type with its flags, as the prototypes combine them; each with check_reg_type's list. */
    public enum Arg {
        DONTCARE(""),
        ANYTHING(""),
        CONST_MAP_PTR("map_ptr"),
        PTR_TO_MAP_KEY(MEM),
        PTR_TO_MAP_VALUE(MEM),
        /** ARG_PTR_TO_MAP_VALUE | MEM_UNINIT | MEM_WRITE: pop/peek write the value. */
        PTR_TO_UNINIT_MAP_VALUE(MEM),
        /** ARG_PTR_TO_MAP_VALUE | PTR_MAYBE_NULL. */
        PTR_TO_MAP_VALUE_OR_NULL(MEM),
        PTR_TO_CTX("ctx"),
        /** ARG_PTR_TO_MEM | MEM_RDONLY: initialized memory, the size in the next argument. */
        PTR_TO_MEM_RDONLY(MEM),
        /** ARG_PTR_TO_MEM | PTR_MAYBE_NULL | MEM_RDONLY. */
        PTR_TO_MEM_OR_NULL_RDONLY(MEM),
        /** ARG_PTR_TO_MEM | MEM_WRITE: initialized memory the helper reads and writes. */
        PTR_TO_MEM_WRITE(MEM),
        /** ARG_PTR_TO_MEM | PTR_MAYBE_NULL | MEM_WRITE. */
        PTR_TO_MEM_OR_NULL_WRITE(MEM),
        /** ARG_PTR_TO_UNINIT_MEM (ARG_PTR_TO_MEM | MEM_UNINIT | MEM_WRITE): written, never read. */
        PTR_TO_UNINIT_MEM(MEM),
        /** ARG_PTR_TO_FIXED_SIZE_MEM | MEM_RDONLY: the size is the prototype's arg_size. */
        PTR_TO_FIXED_SIZE_MEM_RDONLY(MEM),
        /** ARG_PTR_TO_FIXED_SIZE_MEM | MEM_WRITE. */
        PTR_TO_FIXED_SIZE_MEM_WRITE(MEM),
        /** ARG_PTR_TO_FIXED_SIZE_MEM | MEM_UNINIT | MEM_WRITE | MEM_ALIGNED. */
        PTR_TO_FIXED_SIZE_UNINIT_MEM_ALIGNED(MEM),
        CONST_SIZE("scalar"),
        CONST_SIZE_OR_ZERO("scalar"),
        CONST_ALLOC_SIZE_OR_ZERO("scalar"),
        /** ARG_PTR_TO_CONST_STR: a NUL-terminated string in a read-only map value. */
        PTR_TO_CONST_STR("map_value"),
        /** ARG_PTR_TO_FUNC: a callback. */
        PTR_TO_FUNC("func"),
        /** ARG_PTR_TO_STACK_OR_NULL: a callback's context. */
        PTR_TO_STACK_OR_NULL("fp"),
        PTR_TO_SPIN_LOCK("map_value, ptr_"),
        PTR_TO_TIMER("map_value"),
        KPTR_XCHG_DEST("map_value, ptr_"),
        PTR_TO_BTF_ID(BTF_ID),
        PTR_TO_BTF_ID_OR_NULL(BTF_ID),
        /** ARG_PTR_TO_BTF_ID_SOCK_COMMON (sk_release adds OBJ_RELEASE). */
        PTR_TO_BTF_ID_SOCK_COMMON("sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_"),
        PTR_TO_SOCK_COMMON("sock_common, sock, tcp_sock, xdp_sock"),
        PTR_TO_PERCPU_BTF_ID("percpu_ptr_, percpu_rcu_ptr_, percpu_trusted_ptr_"),
        PTR_TO_DYNPTR("fp, dynptr_ptr"),
        /** ARG_PTR_TO_RINGBUF_MEM | OBJ_RELEASE. */
        PTR_TO_RINGBUF_MEM("ringbuf_mem");

        private final String expected;

        Arg(String expected) {
            this.expected = expected;
        }

        /** The types check_reg_type prints after {@code expected=}. */
        public String expected() {
            return expected;
        }

        /** PTR_MAYBE_NULL: a NULL (scalar 0) passes without a type check. */
        public boolean mayBeNull() {
            return this == PTR_TO_MAP_VALUE_OR_NULL
                    || this == PTR_TO_MEM_OR_NULL_RDONLY
                    || this == PTR_TO_MEM_OR_NULL_WRITE
                    || this == PTR_TO_STACK_OR_NULL
                    || this == PTR_TO_BTF_ID_OR_NULL;
        }

        /** Memory whose size the next argument gives. */
        public boolean sizedByNext() {
            return this == PTR_TO_MEM_RDONLY
                    || this == PTR_TO_MEM_OR_NULL_RDONLY
                    || this == PTR_TO_MEM_WRITE
                    || this == PTR_TO_MEM_OR_NULL_WRITE
                    || this == PTR_TO_UNINIT_MEM;
        }

        /** Written by the helper (MEM_WRITE). */
        public boolean writes() {
            return this == PTR_TO_MEM_WRITE
                    || this == PTR_TO_MEM_OR_NULL_WRITE
                    || this == PTR_TO_UNINIT_MEM
                    || this == PTR_TO_FIXED_SIZE_MEM_WRITE
                    || this == PTR_TO_FIXED_SIZE_UNINIT_MEM_ALIGNED
                    || this == PTR_TO_UNINIT_MAP_VALUE;
        }

        /** MEM_UNINIT: the helper only writes, so the memory need not be initialized (raw mode). */
        public boolean uninit() {
            return this == PTR_TO_UNINIT_MEM
                    || this == PTR_TO_FIXED_SIZE_UNINIT_MEM_ALIGNED
                    || this == PTR_TO_UNINIT_MAP_VALUE;
        }
    }

    /** enum bpf_return_type, as these prototypes use it. */
    public enum Ret {
        INTEGER,
        VOID,
        PTR_TO_MAP_VALUE_OR_NULL,
        /** RET_PTR_TO_SOCKET | PTR_MAYBE_NULL, acquired: sk_lookup_tcp/udp. */
        PTR_TO_SOCKET_OR_NULL,
        /** RET_PTR_TO_SOCK_COMMON | PTR_MAYBE_NULL, acquired: skc_lookup_tcp. */
        PTR_TO_SOCK_COMMON_OR_NULL,
        /** RET_PTR_TO_RINGBUF_MEM | PTR_MAYBE_NULL, acquired: ringbuf_reserve. */
        PTR_TO_RINGBUF_MEM_OR_NULL,
        /** RET_PTR_TO_BTF_ID | PTR_MAYBE_NULL: the skc_to_* casts, kptr_xchg. */
        PTR_TO_BTF_ID_OR_NULL,
        /** RET_PTR_TO_BTF_ID_TRUSTED: get_current_task_btf, task_pt_regs. */
        PTR_TO_BTF_ID_TRUSTED,
        /** RET_PTR_TO_MEM_OR_BTF_ID | MEM_RDONLY (| PTR_MAYBE_NULL): per_cpu_ptr, this_cpu_ptr. */
        PTR_TO_MEM_OR_BTF_ID,
        /** RET_PTR_TO_DYNPTR_MEM_OR_NULL: dynptr_data. */
        PTR_TO_DYNPTR_MEM_OR_NULL
    }

    /** Who may call it: bpf_base_func_proto's sections (CAP_BPF, CAP_PERFMON) or anyone. */
    public enum Cap {
        NONE,
        BPF,
        PERFMON
    }

    /** Flags of a prototype. */
    static final int PKT = 1; // changes packet data (bpf_helper_changes_pkt_data)

    static final int SLEEPS = 2; // might_sleep: only sleepable programs, which XDP never is

    /** One prototype. */
    @SuppressWarnings("ArrayRecordComponent") // prototypes are constants, never compared
    public record Proto(int id, Ret ret, Cap cap, int flags, Arg[] args, int[] argSizes) {
        public String name() {
            return HelperNames.of(id);
        }

        public Arg arg(int i) {
            return i < args.length ? args[i] : Arg.DONTCARE;
        }

        /** arg_size of an ARG_PTR_TO_FIXED_SIZE_MEM argument. */
        public int argSize(int i) {
            return i < argSizes.length ? argSizes[i] : 0;
        }

        public boolean changesPktData() {
            return (flags & PKT) != 0;
        }

        public boolean mightSleep() {
            return (flags & SLEEPS) != 0;
        }
    }

    private static final Map<Integer, Proto> PROTOS = new HashMap<>();

    private static void p(int id, Ret ret, Cap cap, int flags, Arg... args) {
        sized(id, ret, cap, flags, new int[0], args);
    }

    private static void sized(int id, Ret ret, Cap cap, int flags, int[] sizes, Arg... args) {
        if (PROTOS.put(id, new Proto(id, ret, cap, flags, args, sizes)) != null) {
            throw new IllegalStateException("two prototypes for helper " + id);
        }
    }

    static {
        Ret i = Ret.INTEGER;
        Cap none = Cap.NONE;
        Cap bpf = Cap.BPF;
        Cap perf = Cap.PERFMON;
        Arg any = Arg.ANYTHING;
        Arg map = Arg.CONST_MAP_PTR;
        Arg ctx = Arg.PTR_TO_CTX;
        Arg key = Arg.PTR_TO_MAP_KEY;
        Arg rd = Arg.PTR_TO_MEM_RDONLY;
        Arg size = Arg.CONST_SIZE;
        Arg size0 = Arg.CONST_SIZE_OR_ZERO;
        Arg uninit = Arg.PTR_TO_UNINIT_MEM;
        Arg func = Arg.PTR_TO_FUNC;
        Arg cbCtx = Arg.PTR_TO_STACK_OR_NULL;
        Arg sockCommon = Arg.PTR_TO_BTF_ID_SOCK_COMMON;
        Arg dynptr = Arg.PTR_TO_DYNPTR;

        // bpf_base_func_proto, for everyone
        p(1, Ret.PTR_TO_MAP_VALUE_OR_NULL, none, 0, map, key);
        p(2, i, none, 0, map, key, Arg.PTR_TO_MAP_VALUE, any);
        p(3, i, none, 0, map, key);
        p(87, i, none, 0, map, Arg.PTR_TO_MAP_VALUE, any);
        p(88, i, none, 0, map, Arg.PTR_TO_UNINIT_MAP_VALUE);
        p(89, i, none, 0, map, Arg.PTR_TO_UNINIT_MAP_VALUE);
        p(195, Ret.PTR_TO_MAP_VALUE_OR_NULL, none, 0, map, key, any);
        p(7, i, none, 0);
        p(8, i, none, 0);
        p(42, i, none, 0);
        p(12, i, none, 0, ctx, map, any);
        p(5, i, none, 0);
        p(125, i, none, 0);
        p(208, i, none, 0);
        p(130, i, none, 0, map, rd, size0, any);
        p(131, Ret.PTR_TO_RINGBUF_MEM_OR_NULL, none, 0, map, Arg.CONST_ALLOC_SIZE_OR_ZERO, any);
        p(132, Ret.VOID, none, 0, Arg.PTR_TO_RINGBUF_MEM, any);
        p(133, Ret.VOID, none, 0, Arg.PTR_TO_RINGBUF_MEM, any);
        p(134, i, none, 0, map, any);
        p(164, i, none, 0, map, func, cbCtx, any);
        p(181, i, none, 0, any, func, cbCtx, any);
        p(182, i, none, 0, rd, size, Arg.PTR_TO_CONST_STR);
        sized(105, i, none, 0, new int[] {0, 0, 0, 8}, rd, size, any, Arg.PTR_TO_FIXED_SIZE_UNINIT_MEM_ALIGNED);
        sized(106, i, none, 0, new int[] {0, 0, 0, 8}, rd, size, any, Arg.PTR_TO_FIXED_SIZE_UNINIT_MEM_ALIGNED);
        p(14, i, none, 0);
        p(120, i, none, 0, any, any, uninit, size);
        // bpf_base_func_proto, CAP_BPF
        p(93, Ret.VOID, bpf, 0, Arg.PTR_TO_SPIN_LOCK);
        p(94, Ret.VOID, bpf, 0, Arg.PTR_TO_SPIN_LOCK);
        p(118, i, bpf, 0);
        p(153, Ret.PTR_TO_MEM_OR_BTF_ID, bpf, 0, Arg.PTR_TO_PERCPU_BTF_ID, any);
        p(154, Ret.PTR_TO_MEM_OR_BTF_ID, bpf, 0, Arg.PTR_TO_PERCPU_BTF_ID);
        p(169, i, bpf, 0, Arg.PTR_TO_TIMER, map, any);
        p(170, i, bpf, 0, Arg.PTR_TO_TIMER, func);
        p(171, i, bpf, 0, Arg.PTR_TO_TIMER, any, any);
        p(172, i, bpf, 0, Arg.PTR_TO_TIMER);
        p(194, Ret.PTR_TO_BTF_ID_OR_NULL, bpf, 0, Arg.KPTR_XCHG_DEST, Arg.PTR_TO_BTF_ID_OR_NULL);
        p(197, i, bpf, 0, uninit, size0, any, dynptr);
        p(198, i, bpf, 0, map, any, any, dynptr);
        p(199, Ret.VOID, bpf, 0, dynptr, any);
        p(200, Ret.VOID, bpf, 0, dynptr, any);
        p(201, i, bpf, 0, uninit, size0, dynptr, any, any);
        p(202, i, bpf, 0, dynptr, any, rd, size0, any);
        p(203, Ret.PTR_TO_DYNPTR_MEM_OR_NULL, bpf, 0, dynptr, any, Arg.CONST_ALLOC_SIZE_OR_ZERO);
        p(209, i, bpf, 0, map, func, cbCtx, any);
        p(210, Ret.PTR_TO_MAP_VALUE_OR_NULL, bpf, 0, map, Arg.PTR_TO_BTF_ID_OR_NULL, Arg.PTR_TO_MAP_VALUE_OR_NULL, any);
        p(211, i, bpf, 0, map, Arg.PTR_TO_BTF_ID);
        p(156, Ret.PTR_TO_MAP_VALUE_OR_NULL, bpf, 0, map, Arg.PTR_TO_BTF_ID_OR_NULL, Arg.PTR_TO_MAP_VALUE_OR_NULL, any);
        p(157, i, bpf, 0, map, Arg.PTR_TO_BTF_ID);
        p(80, i, bpf, 0);
        p(123, i, bpf, 0, any);
        p(17, i, bpf, 0);
        p(15, i, bpf, 0);
        p(16, i, bpf, 0, uninit, size);
        // bpf_base_func_proto, CAP_PERFMON
        p(6, i, perf, 0, rd, size);
        p(177, i, perf, 0, rd, size, Arg.PTR_TO_MEM_OR_NULL_RDONLY, size0);
        p(
                165,
                i,
                perf,
                0,
                Arg.PTR_TO_MEM_OR_NULL_WRITE,
                size0,
                Arg.PTR_TO_CONST_STR,
                Arg.PTR_TO_MEM_OR_NULL_RDONLY,
                size0);
        p(149, i, perf, 0, Arg.PTR_TO_MEM_WRITE, size, rd, size, any);
        p(35, i, perf, 0);
        p(158, Ret.PTR_TO_BTF_ID_TRUSTED, perf, 0);
        p(175, Ret.PTR_TO_BTF_ID_TRUSTED, perf, 0, Arg.PTR_TO_BTF_ID);
        p(141, i, perf, 0, Arg.PTR_TO_BTF_ID, uninit, size0, any);
        p(180, i, perf, 0, Arg.PTR_TO_BTF_ID, any, func, cbCtx, any);
        p(112, i, perf, 0, uninit, size0, any);
        p(113, i, perf, 0, uninit, size0, any);
        p(114, i, perf, 0, uninit, size0, any);
        p(115, i, perf, 0, uninit, size0, any);
        p(148, i, perf, SLEEPS, uninit, size0, any);
        p(191, i, perf, SLEEPS, uninit, size0, any, Arg.PTR_TO_BTF_ID, any);
        p(176, i, perf, 0, uninit, size0, any);
        p(22, i, perf, 0, map, any);
        p(55, i, perf, 0, map, any, uninit, size);
        p(37, i, perf, 0, map, any);
        p(109, i, perf, 0, any);
        p(117, i, perf, 0, any);
        // bpf_sk_base_func_proto: the casts need CAP_PERFMON, the coarse clock nothing
        p(136, Ret.PTR_TO_BTF_ID_OR_NULL, perf, 0, sockCommon);
        p(137, Ret.PTR_TO_BTF_ID_OR_NULL, perf, 0, sockCommon);
        p(138, Ret.PTR_TO_BTF_ID_OR_NULL, perf, 0, sockCommon);
        p(139, Ret.PTR_TO_BTF_ID_OR_NULL, perf, 0, sockCommon);
        p(140, Ret.PTR_TO_BTF_ID_OR_NULL, perf, 0, sockCommon);
        p(178, Ret.PTR_TO_BTF_ID_OR_NULL, perf, 0, sockCommon);
        p(196, Ret.PTR_TO_BTF_ID_OR_NULL, perf, 0, Arg.PTR_TO_SOCK_COMMON);
        p(160, i, none, 0);
        // xdp_func_proto
        p(25, i, none, 0, ctx, map, any, rd, size0);
        p(28, i, none, 0, Arg.PTR_TO_MEM_OR_NULL_RDONLY, size0, Arg.PTR_TO_MEM_OR_NULL_RDONLY, size0, any);
        p(44, i, none, PKT, ctx, any);
        p(54, i, none, PKT, ctx, any);
        p(65, i, none, PKT, ctx, any);
        p(23, i, none, 0, any, any);
        p(51, i, none, 0, map, any, any);
        p(188, i, none, 0, ctx);
        p(189, i, none, 0, ctx, any, uninit, size);
        p(190, i, none, 0, ctx, any, rd, size);
        p(69, i, none, 0, ctx, Arg.PTR_TO_MEM_WRITE, size, any);
        sized(163, i, none, 0, new int[] {0, 0, 4}, ctx, any, Arg.PTR_TO_FIXED_SIZE_MEM_WRITE, any, any);
        p(84, Ret.PTR_TO_SOCKET_OR_NULL, none, 0, ctx, rd, size, any, any);
        p(85, Ret.PTR_TO_SOCKET_OR_NULL, none, 0, ctx, rd, size, any, any);
        p(99, Ret.PTR_TO_SOCK_COMMON_OR_NULL, none, 0, ctx, rd, size, any, any);
        p(86, i, none, 0, sockCommon);
        p(100, i, none, 0, sockCommon, rd, size, rd, size);
        p(110, i, none, 0, sockCommon, rd, size, rd, size);
        Arg fixedRd = Arg.PTR_TO_FIXED_SIZE_MEM_RDONLY;
        sized(204, i, none, 0, new int[] {20}, fixedRd, rd, size0);
        sized(205, i, none, 0, new int[] {40}, fixedRd, rd, size0);
        sized(206, i, none, 0, new int[] {20, 20}, fixedRd, fixedRd);
        sized(207, i, none, 0, new int[] {40, 20}, fixedRd, fixedRd);
    }

    private HelperProtos() {}

    /** The prototype of a helper the kernel gives XDP programs, or null. */
    public static Proto of(int id) {
        return PROTOS.get(id);
    }

    /** The name the log prints: {@code bpf_map_lookup_elem}, or {@code unknown}. */
    public static String name(int id) {
        return HelperNames.of(id);
    }

    /** True if the kernel knows this id (so an unoffered one is "cannot use", not "unknown"). */
    public static boolean kernelKnows(int id) {
        return id > 0 && id < HelperNames.MAX_ID;
    }

    /** The ids of every helper a privileged XDP program may call, in order. */
    public static java.util.SortedSet<Integer> xdpIds() {
        return new java.util.TreeSet<>(PROTOS.keySet());
    }
}

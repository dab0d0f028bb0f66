package io.jxdp.vm.helpers;

import java.util.ArrayList;
import java.util.List;

/** The helpers jxdp offers programs, under the kernel's ids. */
public final class StandardHelpers {
    private static final HelperTable TABLE = HelperTable.of(functions());

    private StandardHelpers() {}

    /** The table every engine uses unless told otherwise. */
    public static HelperTable table() {
        return TABLE;
    }

    private static List<HelperFunction> functions() {
        List<HelperFunction> all = new ArrayList<>();
        all.add(HelperFunction.ofStatic(1, "map_lookup_elem", MapHelpers.class, "mapLookupElem"));
        all.add(HelperFunction.ofStatic(2, "map_update_elem", MapHelpers.class, "mapUpdateElem"));
        all.add(HelperFunction.ofStatic(3, "map_delete_elem", MapHelpers.class, "mapDeleteElem"));
        all.add(HelperFunction.ofStatic(5, "ktime_get_ns", BaseHelpers.class, "ktimeGetNs"));
        all.add(HelperFunction.ofStatic(6, "trace_printk", BaseHelpers.class, "tracePrintk"));
        all.add(HelperFunction.ofStatic(7, "get_prandom_u32", BaseHelpers.class, "getPrandomU32"));
        all.add(HelperFunction.ofStatic(8, "get_smp_processor_id", BaseHelpers.class, "getSmpProcessorId"));
        all.add(HelperFunction.ofStatic(14, "get_current_pid_tgid", BaseHelpers.class, "getCurrentPidTgid"));
        all.add(HelperFunction.ofStatic(15, "get_current_uid_gid", BaseHelpers.class, "getCurrentUidGid"));
        all.add(HelperFunction.ofStatic(16, "get_current_comm", BaseHelpers.class, "getCurrentComm"));
        all.add(HelperFunction.ofStatic(23, "redirect", XdpHelpers.class, "redirect"));
        all.add(HelperFunction.ofStatic(25, "perf_event_output", EventHelpers.class, "perfEventOutput"));
        all.add(HelperFunction.ofStatic(28, "csum_diff", CsumDiff.class, "csumDiff"));
        all.add(HelperFunction.ofStatic(42, "get_numa_node_id", BaseHelpers.class, "getNumaNodeId"));
        all.add(HelperFunction.ofStatic(44, "xdp_adjust_head", XdpHelpers.class, "xdpAdjustHead"));
        all.add(HelperFunction.ofStatic(51, "redirect_map", XdpHelpers.class, "redirectMap"));
        all.add(HelperFunction.ofStatic(54, "xdp_adjust_meta", XdpHelpers.class, "xdpAdjustMeta"));
        all.add(HelperFunction.ofStatic(65, "xdp_adjust_tail", XdpHelpers.class, "xdpAdjustTail"));
        all.add(HelperFunction.ofStatic(87, "map_push_elem", MapHelpers.class, "mapPushElem"));
        all.add(HelperFunction.ofStatic(88, "map_pop_elem", MapHelpers.class, "mapPopElem"));
        all.add(HelperFunction.ofStatic(89, "map_peek_elem", MapHelpers.class, "mapPeekElem"));
        all.add(HelperFunction.ofStatic(105, "strtol", StringHelpers.class, "strtol"));
        all.add(HelperFunction.ofStatic(106, "strtoul", StringHelpers.class, "strtoul"));
        all.add(HelperFunction.ofStatic(118, "jiffies64", BaseHelpers.class, "jiffies64"));
        all.add(HelperFunction.ofStatic(125, "ktime_get_boot_ns", BaseHelpers.class, "ktimeGetBootNs"));
        all.add(HelperFunction.ofStatic(130, "ringbuf_output", EventHelpers.class, "ringbufOutput"));
        all.add(HelperFunction.ofStatic(131, "ringbuf_reserve", EventHelpers.class, "ringbufReserve"));
        all.add(HelperFunction.ofStatic(132, "ringbuf_submit", EventHelpers.class, "ringbufSubmit"));
        all.add(HelperFunction.ofStatic(133, "ringbuf_discard", EventHelpers.class, "ringbufDiscard"));
        all.add(HelperFunction.ofStatic(134, "ringbuf_query", EventHelpers.class, "ringbufQuery"));
        all.add(HelperFunction.ofStatic(160, "ktime_get_coarse_ns", BaseHelpers.class, "ktimeGetCoarseNs"));
        all.add(HelperFunction.ofStatic(163, "check_mtu", XdpHelpers.class, "checkMtu"));
        all.add(HelperFunction.ofStatic(165, "snprintf", StringHelpers.class, "snprintf"));
        all.add(HelperFunction.ofStatic(177, "trace_vprintk", BaseHelpers.class, "traceVprintk"));
        all.add(HelperFunction.ofStatic(182, "strncmp", StringHelpers.class, "strncmp"));
        all.add(HelperFunction.ofStatic(188, "xdp_get_buff_len", XdpHelpers.class, "xdpGetBuffLen"));
        all.add(HelperFunction.ofStatic(189, "xdp_load_bytes", XdpHelpers.class, "xdpLoadBytes"));
        all.add(HelperFunction.ofStatic(190, "xdp_store_bytes", XdpHelpers.class, "xdpStoreBytes"));
        all.add(HelperFunction.ofStatic(195, "map_lookup_percpu_elem", MapHelpers.class, "mapLookupPercpuElem"));
        all.add(HelperFunction.ofStatic(208, "ktime_get_tai_ns", BaseHelpers.class, "ktimeGetTaiNs"));
        return all;
    }
}

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
        all.add(HelperFunction.ofStatic(23, "redirect", XdpHelpers.class, "redirect"));
        all.add(HelperFunction.ofStatic(28, "csum_diff", CsumDiff.class, "csumDiff"));
        all.add(HelperFunction.ofStatic(44, "xdp_adjust_head", XdpHelpers.class, "xdpAdjustHead"));
        all.add(HelperFunction.ofStatic(51, "redirect_map", XdpHelpers.class, "redirectMap"));
        all.add(HelperFunction.ofStatic(54, "xdp_adjust_meta", XdpHelpers.class, "xdpAdjustMeta"));
        all.add(HelperFunction.ofStatic(65, "xdp_adjust_tail", XdpHelpers.class, "xdpAdjustTail"));
        all.add(HelperFunction.ofStatic(87, "map_push_elem", MapHelpers.class, "mapPushElem"));
        all.add(HelperFunction.ofStatic(88, "map_pop_elem", MapHelpers.class, "mapPopElem"));
        all.add(HelperFunction.ofStatic(89, "map_peek_elem", MapHelpers.class, "mapPeekElem"));
        return all;
    }
}

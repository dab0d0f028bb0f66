package io.jxdp.vm.helpers;

import java.util.ArrayList;
import java.util.List;

/** The helpers jxdp offers programs, under the kernel's ids. */
public final class StandardHelpers {
    private static final HelperTable TABLE = HelperTable.of(functions());

    private StandardHelpers() {
    }

    /** The table every engine uses unless told otherwise. */
    public static HelperTable table() {
        return TABLE;
    }

    private static List<HelperFunction> functions() {
        List<HelperFunction> all = new ArrayList<>();
        all.add(HelperFunction.ofStatic(5, "ktime_get_ns", BaseHelpers.class, "ktimeGetNs"));
        all.add(HelperFunction.ofStatic(6, "trace_printk", BaseHelpers.class, "tracePrintk"));
        all.add(HelperFunction.ofStatic(7, "get_prandom_u32", BaseHelpers.class, "getPrandomU32"));
        all.add(HelperFunction.ofStatic(8, "get_smp_processor_id", BaseHelpers.class, "getSmpProcessorId"));
        return all;
    }
}

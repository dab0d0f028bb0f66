package io.jxdp.vm.helpers;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Helpers by id; immutable. Programs that call an id the table lacks are refused at load. */
public final class HelperTable {
    private final Map<Integer, HelperFunction> byId;
    private final HelperFunction[] dense;

    private HelperTable(Map<Integer, HelperFunction> byId) {
        this.byId = Map.copyOf(byId);
        int max = byId.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
        this.dense = new HelperFunction[max + 1];
        byId.forEach((id, f) -> dense[id] = f);
    }

    public static HelperTable of(Collection<HelperFunction> functions) {
        Map<Integer, HelperFunction> m = new TreeMap<>();
        for (HelperFunction f : functions) {
            m.put(f.id(), f);
        }
        return new HelperTable(m);
    }

    /** This table plus (or with replaced) {@code f}. */
    public HelperTable with(HelperFunction f) {
        Map<Integer, HelperFunction> m = new TreeMap<>(byId);
        m.put(f.id(), f);
        return new HelperTable(m);
    }

    /** The helper with this id, or null. */
    public HelperFunction get(long id) {
        return id >= 0 && id < dense.length ? dense[(int) id] : null;
    }

    public Collection<HelperFunction> all() {
        return new TreeMap<>(byId).values();
    }
}

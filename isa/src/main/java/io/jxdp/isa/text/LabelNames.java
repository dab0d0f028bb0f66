package io.jxdp.isa.text;

import io.jxdp.isa.Instruction;
import io.jxdp.isa.MapDef;
import io.jxdp.isa.Program;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The names a printed program uses: a label for every pc the program names ({@link
 * Program#labels()}) and for every jump, call and function-pointer target, and a name for every map.
 * Names are made valid for the assembler (an identifier that is not a register) and unique across
 * labels and maps, since the assembler refuses a label with a map's name.
 */
public final class LabelNames implements Symbols {
    /** What the assembler accepts as a label or map name. */
    public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_.][A-Za-z0-9_.]*");

    private static final Pattern REGISTER = Pattern.compile("[rw][0-9]+");

    private final Map<Integer, String> labels;
    private final List<String> maps;

    private LabelNames(Map<Integer, String> labels, List<String> maps) {
        this.labels = labels;
        this.maps = maps;
    }

    /** Map names only: jumps print as offsets. */
    public static LabelNames mapsOnly(Program program) {
        Set<String> used = new HashSet<>();
        return new LabelNames(Map.of(), mapNames(program, used));
    }

    /** Map names, and labels for named pcs and all targets inside the program. */
    public static LabelNames of(Program program) {
        Set<String> used = new HashSet<>();
        List<String> maps = mapNames(program, used);
        Map<Integer, String> labels = new TreeMap<>();
        for (Map.Entry<Integer, String> e : program.labels().entrySet()) {
            int pc = e.getKey();
            if (program.isInstructionStart(pc) || pc == program.slotCount()) {
                labels.put(pc, unique(valid(e.getValue()), used));
            }
        }
        for (int i = 0; i < program.size(); i++) {
            int pc = program.pcOf(i);
            Instruction insn = program.instructions().get(i);
            int target = insn.target(pc);
            if (target >= 0 && program.isInstructionStart(target) && !labels.containsKey(target)) {
                boolean function = insn.op().form() == io.jxdp.isa.Form.CALL_LOCAL
                        || insn.op().isWide();
                labels.put(target, unique((function ? "fn" : "L") + target, used));
            }
        }
        return new LabelNames(labels, maps);
    }

    private static List<String> mapNames(Program program, Set<String> used) {
        return program.maps().stream()
                .map(MapDef::name)
                .map(n -> unique(valid(n), used))
                .toList();
    }

    /** The label names by pc, including labels at the end of the program. */
    public Map<Integer, String> labels() {
        return labels;
    }

    /** The map names in map-table order. */
    public List<String> maps() {
        return maps;
    }

    @Override
    public String labelAt(int pc) {
        return labels.get(pc);
    }

    @Override
    public String mapName(int index) {
        return index >= 0 && index < maps.size() ? maps.get(index) : null;
    }

    /** True if the name can be written as a label or map name. */
    public static boolean isValidName(String name) {
        return IDENTIFIER.matcher(name).matches() && !REGISTER.matcher(name).matches();
    }

    private static String valid(String name) {
        if (isValidName(name)) {
            return name;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append((Character.isLetterOrDigit(c) && c < 128) || c == '_' || c == '.' ? c : '_');
        }
        String s = sb.length() == 0 || Character.isDigit(sb.charAt(0)) ? "_" + sb : sb.toString();
        return REGISTER.matcher(s).matches() ? "_" + s : s;
    }

    private static String unique(String name, Set<String> used) {
        String candidate = name;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = name + "_" + n;
        }
        return candidate;
    }
}

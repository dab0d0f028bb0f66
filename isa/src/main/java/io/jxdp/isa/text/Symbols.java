package io.jxdp.isa.text;

/**
 * Names a printer may use instead of numbers: labels for pcs (jump, call and function-pointer
 * targets) and names for maps (by their index in {@link io.jxdp.isa.Program#maps()}).
 */
public interface Symbols {
    /** No names: jumps print as {@code +N}, map references by number. */
    Symbols NONE = new Symbols() {
        @Override
        public String labelAt(int pc) {
            return null;
        }

        @Override
        public String mapName(int index) {
            return null;
        }
    };

    /** The label to print for a target pc, or null to print the offset. */
    String labelAt(int pc);

    /** The name of the map with this index, or null to print the index. */
    String mapName(int index);
}

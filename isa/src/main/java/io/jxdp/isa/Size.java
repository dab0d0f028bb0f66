package io.jxdp.isa;

/**
 * The access size of load and store instructions: bits 3-4 of the opcode byte.
 *
 * <pre>
 *   7 6 5 4 3 2 1 0
 *  +-+-+-+-+-+-+-+-+
 *  | mode|sz |class|
 *  +-+-+-+-+-+-+-+-+
 * </pre>
 */
public enum Size {
    /** Word, 4 bytes. */
    W(0x00, 4, "u32", "w"),
    /** Half word, 2 bytes. */
    H(0x08, 2, "u16", "h"),
    /** Byte. */
    B(0x10, 1, "u8", "b"),
    /** Double word, 8 bytes. */
    DW(0x18, 8, "u64", "dw");

    public static final int MASK = 0x18;

    private final int code;
    private final int bytes;
    private final String cType;
    private final String suffix;

    Size(int code, int bytes, String cType, String suffix) {
        this.code = code;
        this.bytes = bytes;
        this.cType = cType;
        this.suffix = suffix;
    }

    public int code() {
        return code;
    }

    /** The number of bytes accessed. */
    public int bytes() {
        return bytes;
    }

    /** The unsigned C type LLVM prints for this size: {@code u32}, {@code u16}, ... */
    public String cType() {
        return cType;
    }

    /** The mnemonic suffix of the uBPF dialect: {@code w}, {@code h}, {@code b}, {@code dw}. */
    public String suffix() {
        return suffix;
    }

    public static Size of(int opcodeByte) {
        return switch (opcodeByte & MASK) {
            case 0x00 -> W;
            case 0x08 -> H;
            case 0x10 -> B;
            default -> DW;
        };
    }

    public static Size ofBytes(int bytes) {
        return switch (bytes) {
            case 1 -> B;
            case 2 -> H;
            case 4 -> W;
            case 8 -> DW;
            default -> throw new IllegalArgumentException("no access size of " + bytes + " bytes");
        };
    }
}

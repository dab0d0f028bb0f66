package io.jxdp.vm;

import java.util.Locale;

/** The two ways jxdp runs a program; both give the same results for every program. */
public enum EngineKind {
    /** A predecoding switch interpreter: the reference semantics, every access checked. */
    INTERPRETER,
    /** Compiles each program to a hidden JVM class with ASM. */
    JIT;

    /** The name used on the command line: {@code interpreter}, {@code jit}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named on the command line, or null. */
    public static EngineKind ofCliName(String name) {
        for (EngineKind k : values()) {
            if (k.cliName().equals(name)) {
                return k;
            }
        }
        return null;
    }
}

package io.jxdp.isa.sem;

import io.jxdp.isa.Opcode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the static method that is the meaning of the opcodes it names. {@link SemanticsTable}
 * collects these; an opcode's meaning is its method, and an engine either calls that method or
 * proves, in a test, that its own code gives the same results.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Semantics {
    /** The opcodes this method is the meaning of (often the immediate and the register form). */
    Opcode[] value();

    /** For the byte-order opcodes: the width (the instruction's imm) this method is for; else 0. */
    int width() default 0;
}

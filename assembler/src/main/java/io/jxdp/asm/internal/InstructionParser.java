package io.jxdp.asm.internal;

/** Parses the text of one instruction in one dialect. */
interface InstructionParser {
    /** Reads one whole instruction from the scanner, up to the end of its text. */
    Parsed parse(LineScanner s);
}

package io.jxdp.cli;

import io.jxdp.isa.JxdpException;
import java.io.ByteArrayOutputStream;

/** Hex byte strings as the bpf_conformance tools write them: {@code "b7 00 01"} or {@code "b70001"}. */
final class Hex {
    private Hex() {}

    /** Decodes hex bytes; whitespace separates or is absent; anything else is an error naming the position. */
    static byte[] decode(String text, String what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            String token = text.substring(start, i);
            if (token.startsWith("0x") || token.startsWith("0X")) {
                token = token.substring(2);
            }
            if (token.isEmpty() || (token.length() % 2 != 0 && token.length() != 1)) {
                throw new JxdpException(
                        what + ": '" + text.substring(start, i) + "' at column " + (start + 1) + " is not a hex byte");
            }
            if (token.length() == 1) {
                token = "0" + token;
            }
            for (int k = 0; k < token.length(); k += 2) {
                int hi = Character.digit(token.charAt(k), 16);
                int lo = Character.digit(token.charAt(k + 1), 16);
                if (hi < 0 || lo < 0) {
                    throw new JxdpException(
                            what + ": '" + text.substring(start, i) + "' at column " + (start + 1) + " is not hex");
                }
                out.write(hi << 4 | lo);
            }
        }
        return out.toByteArray();
    }
}

package io.jxdp.cli;

import io.jxdp.isa.JxdpException;
import java.util.List;

/**
 * The program was judged and refused: by the verifier, or, verified or not, by the engines'
 * structural rules. Main prints the first line after the command's name, then the rest (the
 * verifier's explanation), and exits 1.
 */
final class Rejection extends JxdpException {
    private static final long serialVersionUID = 1L;

    private final List<String> details;

    Rejection(String firstLine, List<String> details) {
        super(firstLine);
        this.details = List.copyOf(details);
    }

    /** The lines after the first. */
    List<String> details() {
        return details;
    }
}

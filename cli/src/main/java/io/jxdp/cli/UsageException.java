package io.jxdp.cli;

import io.jxdp.isa.JxdpException;

/** A command line jxdp cannot act on: an unknown option, a missing argument, a bad value. */
final class UsageException extends JxdpException {
    private static final long serialVersionUID = 1L;

    private final String command;

    UsageException(String command, String message) {
        super(message);
        this.command = command;
    }

    /** The subcommand whose usage to point at, or null. */
    String command() {
        return command;
    }
}

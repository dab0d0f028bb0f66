package io.jxdp.cli;

import java.io.PrintStream;

/** One {@code jxdp} subcommand. */
interface Command {
    /** The word after {@code jxdp}. */
    String name();

    /** One line for {@code jxdp --help}. */
    String summary();

    /**
     * Runs the command.
     *
     * @return the exit code: 0 success, 1 a negative verdict (rejected, failed), 2 bad input
     * @throws io.jxdp.isa.JxdpException for bad input; Main prints its message on one line and exits 2
     * @throws UsageException for bad options; Main prints it with a hint and exits 2
     */
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;
}

package io.jxdp.cli;

import io.jxdp.isa.JxdpException;
import io.jxdp.vm.Environment;
import io.jxdp.vm.net.Fib;
import io.jxdp.vm.net.FibFile;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.commons.cli.Option;

/** {@code --fib FILE}: the routing and neighbour tables bpf_fib_lookup consults (README, "Routing tables"). */
final class FibOption {
    static final String NAME = "fib";

    private FibOption() {}

    static Option option() {
        return Option.builder()
                .longOpt(NAME)
                .hasArg()
                .argName("FILE")
                .desc("routing and neighbour tables for bpf_fib_lookup (dev, addr, route, neigh lines; see README)")
                .get();
    }

    /** The tables of {@code --fib FILE}, or null without the option; {@code FILE:LINE:COL: reason} if wrong. */
    static Fib read(Args args) {
        if (!args.has(NAME)) {
            return null;
        }
        Path file = Path.of(args.get(NAME));
        byte[] bytes = InputFile.read(file);
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new JxdpException(file + ": not UTF-8 text (a routing table is text: dev, addr, route, neigh lines)");
        }
        return FibFile.parse(text, file.toString());
    }

    /** {@code env} with the tables, if any. */
    static Environment apply(Environment env, Fib fib) {
        return fib == null ? env : env.withFib(fib);
    }
}

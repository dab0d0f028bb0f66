package io.jxdp.cli;

import io.jxdp.packet.PcapWriter;
import io.jxdp.xdp.PacketSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The runtime's sinks as pcap files in an output directory, one per sink name ({@code
 * pass-cpu2.pcap}, {@code tx-rx0.pcap}, {@code drop-rx1.pcap}, ...), created on their first
 * packet so a run leaves no empty files. Existing files are replaced only when asked ({@code --force}).
 */
final class PcapSinks implements Function<String, PacketSink> {
    private final Path dir;
    private final boolean replace;

    PcapSinks(Path dir, boolean replace) throws java.io.IOException {
        this.dir = dir;
        this.replace = replace;
        Files.createDirectories(dir);
    }

    @Override
    public PacketSink apply(String name) {
        return new PacketSink() {
            private PcapWriter writer;

            @Override
            public void accept(byte[] buffer, int offset, int length, long timestampNanos) {
                if (writer == null) {
                    writer = PcapWriter.create(dir.resolve(name + ".pcap"), replace);
                }
                writer.write(buffer, offset, length, timestampNanos);
            }

            @Override
            public void close() {
                if (writer != null) {
                    writer.close();
                }
            }
        };
    }
}

package io.jxdp.cli;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code jxdp plugin --serve DIR}: one JVM that answers many plugin calls, so that the
 * conformance runner, which starts its plugin once per test, does not pay a JVM start per test.
 * The {@code jxdp-plugin} script starts it on first use and talks to it over a loopback socket
 * (bash's {@code /dev/tcp}); it exits after {@code --idle} seconds without a call.
 *
 * <p>It listens on 127.0.0.1 only and answers only a caller that knows the random token it writes,
 * with its port, to {@code DIR/server} (mode 600, in a directory only the user can read), so other
 * users of the machine cannot use it.
 *
 * <p>A call: the token, the number of arguments, one argument per line, then the program's hex
 * line (empty when the arguments carry {@code --program}). The answer: the exit code, the number of
 * lines of standard output, those lines, then standard error until the connection closes.
 */
final class PluginServer {
    private PluginServer() {}

    static int serve(Path dir, int idleSeconds, PrintStream err) throws IOException {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(idleSeconds * 1000);
            Path file = dir.resolve("server");
            Path tmp = Files.createTempFile(
                    dir,
                    "server",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, server.getLocalPort() + " " + token + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try {
                while (true) {
                    try (Socket socket = server.accept()) {
                        answer(socket, token);
                    } catch (SocketTimeoutException idle) {
                        return 0;
                    } catch (IOException broken) {
                        err.println("jxdp plugin server: " + broken.getMessage()); // one caller's problem
                    }
                }
            } finally {
                // remove the file only if it is still ours: a newer server may have replaced it
                if (Files.exists(file)
                        && Files.readString(file, StandardCharsets.US_ASCII).contains(token)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static void answer(Socket socket, String token) throws IOException {
        socket.setSoTimeout(30_000);
        BufferedReader in =
                new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        if (!token.equals(in.readLine())) {
            return; // not our caller: say nothing
        }
        int count = Integer.parseInt(in.readLine().strip());
        List<String> argv = new ArrayList<>(List.of("plugin"));
        for (int i = 0; i < count; i++) {
            argv.add(in.readLine());
        }
        String program = in.readLine();
        if (program != null && !program.isEmpty()) {
            argv.add("--program");
            argv.add(program);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                argv.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String stdout = out.toString(StandardCharsets.UTF_8);
        long lines = stdout.isEmpty() ? 0 : stdout.lines().count();
        OutputStream reply = socket.getOutputStream();
        reply.write((exit + "\n" + lines + "\n").getBytes(StandardCharsets.UTF_8));
        reply.write(out.toByteArray());
        if (!stdout.isEmpty() && !stdout.endsWith("\n")) {
            reply.write('\n');
        }
        reply.write(err.toByteArray());
        reply.flush();
    }
}

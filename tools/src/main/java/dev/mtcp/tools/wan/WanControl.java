package dev.mtcp.tools.wan;

import dev.mtcp.tools.CommandFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The control channel of a testbed kept up by {@code mtcp wan up}: a Unix domain socket
 * {@code /run/mtcp-wan/NAME.sock} (root only), one request line, one answer line ({@code ok ...} or
 * {@code error ...}). {@code mtcp wan link} and {@code mtcp wan down} are its clients.
 */
final class WanControl implements AutoCloseable {
    static final Path DIRECTORY = Path.of("/run/mtcp-wan");
    private final ServerSocketChannel server;
    private final Path path;

    private WanControl(ServerSocketChannel server, Path path) {
        this.server = server;
        this.path = path;
    }

    static Path socketOf(String name) {
        return DIRECTORY.resolve(name + ".sock");
    }

    /** Binds the control socket of testbed {@code name}; fails if one is already up under that name. */
    static WanControl bind(String name) throws IOException {
        Files.createDirectories(DIRECTORY);
        Path path = socketOf(name);
        if (Files.exists(path)) {
            try {
                send(path, "status");
                throw CommandFailure.input("a testbed named '" + name + "' is already up; 'mtcp wan down --name " + name
                        + "' first, or give another --name");
            } catch (CommandFailure stale) {
                if (stale.kind() != CommandFailure.Kind.RUNTIME) {
                    throw stale;
                }
                Files.deleteIfExists(path); // left behind by a killed 'mtcp wan up'
            }
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { // Ctrl-C: leave no socket behind
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // the next 'up' under this name removes it
            }
        }, "mtcp-wan-control-cleanup"));
        return new WanControl(server, path);
    }

    /** Serves requests until the handler answers a request with {@code null} (then answers "ok" and returns). */
    void serve(Function<String, String> handler) throws IOException {
        while (true) {
            try (SocketChannel client = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                        StandardCharsets.UTF_8));
                String request = in.readLine();
                String answer = request == null ? "error empty request" : handler.apply(request.strip());
                OutputStream out = Channels.newOutputStream(client);
                out.write(((answer == null ? "ok down" : answer) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (answer == null) {
                    return;
                }
            }
        }
    }

    /** Sends one request to the testbed {@code name} (or the only one up) and returns the answer after "ok". */
    static String request(String name, String request) {
        return send(resolve(name), request);
    }

    private static Path resolve(String name) {
        if (name != null) {
            return socketOf(name);
        }
        List<Path> up;
        try (Stream<Path> files = Files.exists(DIRECTORY) ? Files.list(DIRECTORY) : Stream.empty()) {
            up = files.filter(p -> p.toString().endsWith(".sock")).toList();
        } catch (IOException e) {
            throw CommandFailure.runtime("cannot list " + DIRECTORY + ": " + e.getMessage(), e);
        }
        if (up.size() != 1) {
            throw CommandFailure.runtime(up.isEmpty() ? "no testbed is up: start one with 'sudo mtcp wan up FILE'"
                    : "several testbeds are up " + up.stream().map(p -> p.getFileName().toString().replace(".sock", ""))
                            .sorted().toList() + ": say which with --name");
        }
        return up.getFirst();
    }

    private static String send(Path path, String request) {
        if (!Files.exists(path)) {
            throw CommandFailure.runtime("no testbed is up under " + path + ": start one with 'sudo mtcp wan up FILE'");
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            OutputStream out = Channels.newOutputStream(channel);
            out.write((request + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8)).readLine();
            if (answer == null) {
                throw CommandFailure.runtime("the testbed at " + path + " closed the control connection without an answer");
            }
            if (answer.startsWith("error ")) {
                throw CommandFailure.input(answer.substring("error ".length()));
            }
            return answer.startsWith("ok") ? answer.substring(2).strip() : answer;
        } catch (IOException e) {
            throw CommandFailure.runtime("cannot reach the testbed at " + path + " (" + e.getMessage()
                    + "); is 'mtcp wan up' still running?", e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(path);
    }
}

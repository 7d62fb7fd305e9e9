package dev.mtcp.harness.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A plain two-hop TCP relay chain with the shape of the mtcp path: client → hop 1 (where the mtcp
 * proxy sits) → hop 2 (where the mtcp server stack sits) → plain origin. Each hop is its own process.
 */
public final class RelayChainPath implements BenchPathFactory {
    private static final int HOPS = 2;
    private final String name;
    private final RelayHop hop;

    RelayChainPath(String name, RelayHop hop) {
        this.name = name;
        this.hop = hop;
    }

    /** socat relays, one forked child per connection. */
    public static RelayChainPath socat() {
        return new RelayChainPath("socat-chain", new SocatHop());
    }

    /** HAProxy relays in TCP mode. */
    public static RelayChainPath haproxy() {
        return new RelayChainPath("haproxy-chain", new HaproxyHop());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BenchPath start(OriginService service) throws IOException, PathUnavailableException {
        Path exe = hop.executable();
        Path workDir = Files.createTempDirectory("mtcp-bench-" + hop.tool() + "-");
        PlainOrigin origin = PlainOrigin.start(service);
        List<ExternalProcess> hops = new ArrayList<>();
        InetSocketAddress upstream = origin.address();
        try {
            for (int i = HOPS; i >= 1; i--) {    // last hop first, so each hop's upstream already listens
                int port = freePort();
                InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
                hops.add(ExternalProcess.start(hop.tool() + "-hop" + i, hop.command(exe, port, upstream, workDir),
                        listen, Duration.ofSeconds(10)));
                upstream = listen;
            }
        } catch (IOException | RuntimeException e) {
            hops.forEach(ExternalProcess::close);
            origin.close();
            deleteTree(workDir);
            throw e;
        }
        return BenchPath.tcp(name, upstream, () -> {
            hops.forEach(ExternalProcess::close);
            origin.close();
            deleteTree(workDir);
        });
    }

    /** A port that was free a moment ago on 127.0.0.1, for a tool that cannot report the port it bound. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover file in /tmp is harmless; the run's figures are unaffected
        }
    }
}

package dev.mtcp.harness.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The servers the scale benchmark can hold idle connections on, each started inside {@link ScaleServerMain}. */
public enum ScaleServerKind {
    /** The baseline: a plain TCP echo server, one virtual thread per connection. */
    PLAIN("plain-tcp") {
        @Override
        Running start() throws IOException {
            PlainOrigin origin = PlainOrigin.start(OriginService.ECHO);
            return new Running() {
                @Override
                public int port() {
                    return origin.address().getPort();
                }

                @Override
                public int connections() {
                    return origin.connections();
                }

                @Override
                public void close() {
                    origin.close();
                }
            };
        }
    },
    /** One {@code MigratoryServer} running the same echo service as a migratory app. */
    MTCP("mtcp") {
        @Override
        Running start() throws IOException {
            MtcpCluster cluster = MtcpCluster.start(1, OriginService.ECHO::serve);
            return new Running() {
                @Override
                public int port() {
                    return cluster.server(0).address().getPort();
                }

                @Override
                public int connections() {
                    return cluster.server(0).connections().size();
                }

                @Override
                public void close() {
                    cluster.close();
                }
            };
        }
    };

    private final String cliName;

    ScaleServerKind(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    abstract Running start() throws IOException;

    static ScaleServerKind fromName(String name) {
        return Arrays.stream(values()).filter(k -> k.cliName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown server kind '" + name + "'; valid: " + names()));
    }

    static String names() {
        return Arrays.stream(values()).map(ScaleServerKind::cliName).collect(Collectors.joining("|"));
    }

    /** A started server: its port on 127.0.0.1 and how many connections it holds. */
    interface Running extends AutoCloseable {
        int port();

        int connections();

        @Override
        void close();
    }
}

package dev.mtcp.harness.bench;

import dev.mtcp.client.MigratorySocket;
import java.io.IOException;

/**
 * mtcp as a library: the client application uses a {@link MigratorySocket} directly (no local proxy
 * hop), over a carrier to a {@code MigratoryServer} running the service as a migratory app.
 */
public final class MtcpSocketPath implements BenchPathFactory {
    public static final String NAME = "mtcp-socket";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BenchPath start(OriginService service) throws IOException {
        MtcpCluster cluster = MtcpCluster.start(1, service::serve);
        return new BenchPath() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public BenchConnection connect() throws IOException {
                MigratorySocket s = MigratorySocket.connect(cluster.clientConfig());
                return new BenchConnection(s.getInputStream(), s.getOutputStream(), s);
            }

            @Override
            public void close() {
                cluster.close();
            }
        };
    }
}

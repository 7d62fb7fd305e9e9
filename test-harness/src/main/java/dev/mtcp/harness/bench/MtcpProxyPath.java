package dev.mtcp.harness.bench;

import dev.mtcp.client.proxy.ForwardProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The mtcp path the claims are about: the unchanged client application connects plain TCP to a
 * {@link ForwardProxy} on loopback, which holds a migratory connection over a carrier to a
 * {@code MigratoryServer} running the service as a migratory app (app → proxy → carrier → server stack → app).
 */
public final class MtcpProxyPath implements BenchPathFactory {
    @Override
    public String name() {
        return Comparisons.MTCP;
    }

    @Override
    public BenchPath start(OriginService service) throws IOException {
        MtcpCluster cluster = MtcpCluster.start(1, service::serve);
        ForwardProxy proxy;
        try {
            proxy = ForwardProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), cluster.clientConfig());
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return BenchPath.tcp(Comparisons.MTCP, proxy.address(), () -> {
            proxy.close();
            cluster.close();
        });
    }
}

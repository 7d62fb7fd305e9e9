package dev.mtcp.harness.bench;

import java.io.IOException;
import java.net.InetSocketAddress;

/** The baseline: the client connects straight to a plain TCP origin on loopback. */
public final class DirectPath implements BenchPathFactory {
    public static final String NAME = "direct";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BenchPath start(OriginService service) throws IOException {
        PlainOrigin origin = PlainOrigin.start(service);
        return new BenchPath() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public InetSocketAddress address() {
                return origin.address();
            }

            @Override
            public void close() {
                origin.close();
            }
        };
    }
}

package dev.mtcp.harness.bench;

import java.io.IOException;

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
        return BenchPath.tcp(NAME, origin.address(), origin::close);
    }
}

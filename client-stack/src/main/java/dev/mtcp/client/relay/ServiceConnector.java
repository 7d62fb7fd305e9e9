package dev.mtcp.client.relay;

import dev.mtcp.client.config.ServiceConfig;
import java.io.IOException;

/** Opens one connection to a configured service (its first reachable server). */
@FunctionalInterface
public interface ServiceConnector {

    /**
     * @throws java.net.ConnectException when no server of the service accepts
     * @throws IOException               on any other failure
     */
    Duplex open(ServiceConfig service) throws IOException;
}

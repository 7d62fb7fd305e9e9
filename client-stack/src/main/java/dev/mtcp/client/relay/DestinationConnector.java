package dev.mtcp.client.relay;

import java.io.IOException;

/** Opens a plain connection to an arbitrary destination (SOCKS passthrough). */
@FunctionalInterface
public interface DestinationConnector {

    /**
     * @param host a host name or IP literal
     * @throws java.net.UnknownHostException when the name does not resolve
     * @throws java.net.ConnectException     when the destination refuses
     */
    Duplex open(String host, int port) throws IOException;
}

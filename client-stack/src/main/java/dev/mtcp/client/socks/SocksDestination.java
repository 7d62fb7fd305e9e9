package dev.mtcp.client.socks;

import java.util.Objects;

/**
 * DST.ADDR and DST.PORT of a CONNECT request.
 *
 * @param host        an IPv4 or IPv6 literal (ATYP 1 or 4) or a domain name (ATYP 3)
 * @param port        0..65535
 * @param addressType 1 (IPv4), 3 (domain name) or 4 (IPv6)
 */
public record SocksDestination(String host, int port, int addressType) {

    public static final int IPV4 = 0x01;
    public static final int DOMAIN = 0x03;
    public static final int IPV6 = 0x04;

    public SocksDestination {
        Objects.requireNonNull(host, "host");
        if (addressType != IPV4 && addressType != DOMAIN && addressType != IPV6) {
            throw new IllegalArgumentException("address type " + addressType);
        }
    }

    @Override
    public String toString() {
        return addressType == IPV6 ? "[" + host + "]:" + port : host + ":" + port;
    }
}

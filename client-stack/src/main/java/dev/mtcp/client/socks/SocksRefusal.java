package dev.mtcp.client.socks;

/**
 * A SOCKS client is turned away; the message says what was wrong (it is logged as it is). Any reply
 * the protocol calls for has already been written when this is thrown.
 */
final class SocksRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    SocksRefusal(String reason) {
        super(reason, null, false, false);
    }
}

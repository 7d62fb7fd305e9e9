package dev.mtcp.tools.trace;

import java.net.InetSocketAddress;

/** What the trace needs of one captured TCP segment. */
record TcpSegment(InetSocketAddress source, InetSocketAddress destination, long sequence, boolean syn,
        boolean fin, boolean rst, byte[] payload) {}

package dev.mtcp.harness.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;

/** One connection to an {@link OriginService#ECHO} path that times request/response round trips. */
final class EchoClient implements AutoCloseable {
    static final int MESSAGE_BYTES = 1024;
    private final AutoCloseable connection;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] request = new byte[MESSAGE_BYTES];
    private final byte[] response = new byte[MESSAGE_BYTES];
    private int sequence;

    /** Echo over any byte stream pair (a migratory socket's streams); closing the client closes {@code connection}. */
    EchoClient(InputStream in, OutputStream out, AutoCloseable connection) {
        this.in = in;
        this.out = out;
        this.connection = connection;
    }

    EchoClient(BenchConnection c) {
        this(c.in(), c.out(), c);
    }

    /** Connects a plain TCP socket (TCP_NODELAY) to {@code address}. */
    EchoClient(InetSocketAddress address) throws IOException {
        this(BenchConnection.tcp(address));
    }

    /** One 1 KiB round trip, checked byte for byte; returns its duration in nanoseconds. */
    long roundTrip() throws IOException {
        Arrays.fill(request, (byte) sequence++);
        long start = System.nanoTime();
        out.write(request);
        out.flush();
        int got = 0;
        while (got < MESSAGE_BYTES) {
            int n = in.read(response, got, MESSAGE_BYTES - got);
            if (n < 0) {
                throw new EOFException("echo ended after " + got + " of " + MESSAGE_BYTES + " bytes");
            }
            got += n;
        }
        long elapsed = System.nanoTime() - start;
        if (!Arrays.equals(request, response)) {
            throw new IOException("echo returned different bytes than were sent");
        }
        return elapsed;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception e) {
            // closing a benchmark connection: nothing to recover
        }
    }
}

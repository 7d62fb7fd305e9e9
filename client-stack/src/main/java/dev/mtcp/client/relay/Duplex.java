package dev.mtcp.client.relay;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/**
 * A bidirectional byte stream: a plain TCP socket, or a migratory connection. The relay reads
 * {@link #input()} on one thread and writes {@link #output()} on another.
 */
public interface Duplex extends Closeable {

    /** Bytes from the other end; -1 once it half-closed. */
    InputStream input() throws IOException;

    /** Bytes to the other end; a write blocks while the other end is not reading (backpressure). */
    OutputStream output() throws IOException;

    /** Half-close: the other end reads end-of-stream after the bytes written so far. */
    void shutdownOutput() throws IOException;

    /** Closes both directions; unblocks a reader or writer on another thread. Idempotent. */
    @Override
    void close() throws IOException;

    /** For log lines: what this is connected to, e.g. {@code tcp 127.0.0.1:8080} or {@code conn=1f2e… server=s1}. */
    String describe();

    /** The address to report as SOCKS BND.ADDR/BND.PORT; 0.0.0.0:0 when there is no meaningful one. */
    default InetSocketAddress boundAddress() {
        return new InetSocketAddress("0.0.0.0", 0);
    }
}

package dev.mtcp.client.internal;

import dev.mtcp.protocol.frame.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/** The app's streams of a {@link ClientConnection}. */
public final class AppStreams {
    private final ClientConnection conn;
    private final Object writeLock = new Object();
    private boolean outputShut;
    private final InputStream input = new In();
    private final OutputStream output = new Out();

    public AppStreams(ClientConnection conn) {
        this.conn = conn;
    }

    public InputStream input() { return input; }
    public OutputStream output() { return output; }

    /** Half-close: FIN after everything written so far. */
    public void shutdownOutput() {
        synchronized (writeLock) {
            if (outputShut) return;
            outputShut = true;
            conn.post(new OwnerEvent.AppFin());
        }
    }

    public void close() {
        synchronized (writeLock) {
            outputShut = true;
            conn.post(new OwnerEvent.AppClose());
        }
    }

    private final class In extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            return conn.inbound.read(b, off, len);
        }

        @Override
        public int available() {
            return conn.inbound.available();
        }

        @Override
        public void close() {
            AppStreams.this.close();
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            while (len > 0) {
                int n = Math.min(len, Limits.MAX_DATA_BYTES);
                conn.gate.acquire(n);
                byte[] chunk = Arrays.copyOfRange(b, off, off + n);
                synchronized (writeLock) {
                    if (outputShut) {
                        conn.gate.release(n);
                        throw new IOException("output of migratory socket " + conn.id() + " is shut down");
                    }
                    conn.post(new OwnerEvent.AppData(chunk));
                }
                off += n;
                len -= n;
            }
        }

        @Override
        public void close() {
            AppStreams.this.close();
        }
    }
}

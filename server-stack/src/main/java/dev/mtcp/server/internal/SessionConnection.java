package dev.mtcp.server.internal;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.server.MigratoryConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;

/** The app's view of a {@link ServerSession}: unbuffered streams straight onto its logs. */
public final class SessionConnection implements MigratoryConnection {
    private final ServerSession session;
    private final InputStream input = new In();
    private final OutputStream output = new Out();

    public SessionConnection(ServerSession session) {
        this.session = session;
    }

    @Override public InputStream input() { return input; }
    @Override public OutputStream output() { return output; }
    @Override public Optional<byte[]> importedState() { return session.importedSnapshot(); }
    @Override public void exportState(byte[] snapshot) { session.appExport(Objects.requireNonNull(snapshot, "snapshot")); }
    @Override public ConnectionId id() { return session.id(); }

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
            return session.appRead(b, off, len);
        }

        @Override
        public int available() {
            return session.appAvailable();
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
            session.appWrite(b, off, len);
        }

        @Override
        public void close() {
            session.appCloseOutput();
        }
    }
}

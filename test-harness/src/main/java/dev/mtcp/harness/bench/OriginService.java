package dev.mtcp.harness.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The server side of a benchmark, identical on every path: a plain TCP origin runs it on a socket, the
 * mtcp path runs it as a {@code MigratoryApp}. Output is a deterministic function of the last
 * checkpoint and the input after it, as the migratory app contract requires.
 */
public enum OriginService {
    /** Every upstream byte comes back, in order; a checkpoint (empty state) after every write. */
    ECHO {
        @Override
        public void serve(InputStream in, OutputStream out, Checkpoints checkpoints) throws IOException {
            byte[] buf = new byte[ECHO_BUFFER_BYTES];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
                checkpoints.export(EMPTY);
            }
        }
    },
    /** Each 8-byte big-endian request {@code L} is answered with {@code L} bytes of {@link BulkSource}. */
    BULK {
        @Override
        public void serve(InputStream in, OutputStream out, Checkpoints checkpoints) throws IOException {
            BulkSource.serve(in, out, checkpoints);
        }
    };

    private static final byte[] EMPTY = new byte[0];
    /** The buffer {@code InputStream.transferTo} uses: what a typical plain Java echo server holds per connection. */
    static final int ECHO_BUFFER_BYTES = 16 * 1024;

    /** Serves one connection until the client closes its side. */
    public abstract void serve(InputStream in, OutputStream out, Checkpoints checkpoints) throws IOException;
}

package dev.mtcp.server.apps;

import dev.mtcp.server.MigratoryApp;
import dev.mtcp.server.MigratoryConnection;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Echo: every upstream byte comes back, in order. Checkpoints (an empty snapshot) after each chunk
 * it echoed, so its input log stays one chunk long and the output it regenerates after a resume
 * starts exactly where the checkpoint left off. Client half-close → server half-close.
 */
public final class EchoApp implements MigratoryApp {
    private static final byte[] NO_STATE = new byte[0];

    @Override
    public void serve(MigratoryConnection conn) throws Exception {
        InputStream in = conn.input();
        OutputStream out = conn.output();
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
            conn.exportState(NO_STATE);
        }
        out.close();
    }
}

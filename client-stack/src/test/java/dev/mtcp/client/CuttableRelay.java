package dev.mtcp.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A loopback TCP relay in front of a server whose live connections a test can reset at will. */
final class CuttableRelay extends LoopbackRelay {
    private volatile long cutDownstreamAfterBytes = Long.MAX_VALUE;

    CuttableRelay(InetSocketAddress target) throws IOException {
        super(target);
    }

    /** Forwards exactly {@code n} more server-to-client bytes, then resets everything (mid-frame, if n says so). */
    void cutDownstreamAfter(long n) {
        cutDownstreamAfterBytes = n;
    }

    /** Resets every connection through the relay (RST both ways). */
    void cutAll() {
        for (Socket s : open) {
            try {
                s.setSoLinger(true, 0);
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        open.clear();
    }

    @Override
    protected void relay(Socket client, Socket server) {
        Thread.ofVirtual().start(() -> pump(client, server, false));
        Thread.ofVirtual().start(() -> pump(server, client, true));
    }

    private void pump(Socket from, Socket to, boolean downstream) {
        byte[] buf = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (downstream && n >= cutDownstreamAfterBytes) {
                    out.write(buf, 0, (int) cutDownstreamAfterBytes);
                    out.flush();
                    cutDownstreamAfterBytes = Long.MAX_VALUE;
                    cutAll();
                    return;
                }
                if (downstream && cutDownstreamAfterBytes != Long.MAX_VALUE) cutDownstreamAfterBytes -= n;
                out.write(buf, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException ignored) {
            // the test cut the relay
        }
    }

    @Override
    public void close() throws IOException {
        closeListener();
        cutAll();
    }
}

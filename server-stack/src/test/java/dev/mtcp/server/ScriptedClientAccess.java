package dev.mtcp.server;

import dev.mtcp.protocol.frame.Frame;
import java.net.InetSocketAddress;

/** Lets tests in other packages drive a {@link ScriptedClient}. */
public final class ScriptedClientAccess implements AutoCloseable {
    private final ScriptedClient c;

    private ScriptedClientAccess(ScriptedClient c) {
        this.c = c;
    }

    public static ScriptedClientAccess open(InetSocketAddress server) throws Exception {
        return new ScriptedClientAccess(ScriptedClient.open(server));
    }

    public void send(byte[] b) throws Exception { c.send(b); }
    public byte[] readDown(int n) throws Exception { return c.readDown(n); }
    public String readHead() throws Exception { return c.readHead(); }
    public boolean finReceived() { return c.finReceived; }
    public Frame migrate(InetSocketAddress to) throws Exception { return c.migrate(to, c.request(c.epoch + 1)); }

    @Override
    public void close() throws Exception { c.close(); }
}

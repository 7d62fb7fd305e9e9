package dev.mtcp.server;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.crypto.Hkdf;
import dev.mtcp.protocol.crypto.KeyExchange;
import dev.mtcp.protocol.crypto.MigrateRequest;
import dev.mtcp.protocol.crypto.MigrateSigner;
import dev.mtcp.protocol.crypto.WelcomeMac;
import dev.mtcp.protocol.frame.Data;
import dev.mtcp.protocol.frame.Fin;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.FrameReader;
import dev.mtcp.protocol.frame.FrameWriter;
import dev.mtcp.protocol.frame.HelloMigrate;
import dev.mtcp.protocol.frame.HelloNew;
import dev.mtcp.protocol.frame.Limits;
import dev.mtcp.protocol.frame.Welcome;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyPair;
import java.security.SecureRandom;

/** A client written frame by frame against a real server: knows its Kc and ticket, so tests can forge requests. */
final class ScriptedClient implements AutoCloseable {
    private final SecureRandom random = new SecureRandom();
    Socket socket;
    FrameReader reader;
    FrameWriter writer;
    ConnectionId id;
    byte[] kc;
    byte[] ticket;
    long epoch;
    long upSent;
    long downGot;

    static ScriptedClient open(InetSocketAddress server) throws Exception {
        ScriptedClient c = new ScriptedClient();
        c.connect(server);
        KeyPair kp = KeyExchange.generate();
        c.writer.write(new HelloNew(Limits.VERSION, "test", KeyExchange.publicKeyBytes(kp)));
        c.writer.flush();
        Welcome w = (Welcome) c.reader.read();
        c.kc = Hkdf.deriveConnectionKey(KeyExchange.sharedSecret(kp.getPrivate(), w.serverPublicKey()), w.id());
        WelcomeMac.verify(c.kc, w);
        c.id = w.id();
        c.ticket = w.ticket();
        c.epoch = w.epoch();
        return c;
    }

    private void connect(InetSocketAddress server) throws IOException {
        socket = new Socket();
        socket.connect(server, 2000);
        socket.setSoTimeout(5000);
        reader = new FrameReader(new BufferedInputStream(socket.getInputStream()));
        writer = new FrameWriter(socket.getOutputStream());
    }

    /** Sends bytes upstream and reads the same number of downstream bytes (echo app). */
    byte[] echo(byte[] payload) throws Exception {
        send(payload);
        return readDown(payload.length);
    }

    private final ByteArrayOutputStream down = new ByteArrayOutputStream();
    private long ackedDown;
    boolean finReceived;

    void send(byte[] payload) throws IOException {
        writer.write(new Data(upSent, payload));
        writer.flush();
        upSent += payload.length;
    }

    /** Reads exactly n downstream bytes (fewer only at FIN/EOF), ACKing as it goes. */
    byte[] readDown(int n) throws Exception {
        while (down.size() < n && !finReceived) {
            Frame f = reader.read();
            if (f == null) break;
            if (f instanceof Fin) finReceived = true;
            if (f instanceof Data d && d.endOffset() > downGot) {
                int skip = (int) (downGot - d.offset());
                down.write(d.bytes(), skip, d.length() - skip);
                downGot = d.endOffset();
                if (downGot - ackedDown >= 256 * 1024) {
                    writer.write(new dev.mtcp.protocol.frame.Ack(downGot));
                    writer.flush();
                    ackedDown = downGot;
                }
            }
        }
        byte[] all = down.toByteArray();
        int k = Math.min(n, all.length);
        down.reset();
        down.write(all, k, all.length - k);
        return java.util.Arrays.copyOf(all, k);
    }

    /** Reads up to and including the blank line of an HTTP response head. */
    String readHead() throws Exception {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            byte[] one = readDown(1);
            if (one.length == 0) throw new IOException("EOF inside a response head: " + sb);
            sb.append((char) (one[0] & 0xff));
        }
        return sb.toString();
    }

    void fin() throws IOException {
        writer.write(new Fin(upSent));
        writer.flush();
    }

    MigrateRequest request(long requestedEpoch) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return MigrateSigner.sign(kc, id, ticket, requestedEpoch, downGot, System.currentTimeMillis(), nonce, "test");
    }

    /** Sends a MIGRATE on a new carrier; returns the server's first answer. Switches to it on WELCOME. */
    Frame migrate(InetSocketAddress server, MigrateRequest r) throws Exception {
        ScriptedClient probe = new ScriptedClient();
        probe.connect(server);
        probe.writer.write(new HelloMigrate(Limits.VERSION, r));
        probe.writer.flush();
        Frame answer = probe.reader.read();
        if (answer instanceof Welcome w) {
            WelcomeMac.verify(kc, w);
            socket.close();
            socket = probe.socket;
            reader = probe.reader;
            writer = probe.writer;
            epoch = w.epoch();
            ticket = w.ticket();
            upSent = w.upDurable();
        } else {
            probe.close();
        }
        return answer;
    }

    /** Sends one frame on a fresh carrier and returns the first answer (null = closed without one). */
    static Frame oneShot(InetSocketAddress server, Frame hello) throws Exception {
        try (ScriptedClient c = new ScriptedClient()) {
            c.connect(server);
            c.writer.write(hello);
            c.writer.flush();
            return c.reader.read();
        }
    }

    @Override
    public void close() throws IOException {
        if (socket != null) socket.close();
    }
}

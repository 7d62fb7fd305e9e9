package dev.mtcp.client.internal;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.crypto.Hkdf;
import dev.mtcp.protocol.crypto.KeyExchange;
import dev.mtcp.protocol.crypto.MigrateRequest;
import dev.mtcp.protocol.crypto.WelcomeMac;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.HelloMigrate;
import dev.mtcp.protocol.frame.HelloNew;
import dev.mtcp.protocol.frame.Limits;
import dev.mtcp.protocol.frame.Reject;
import dev.mtcp.protocol.frame.Welcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.security.KeyPair;
import java.time.Duration;

/** The client's two handshakes, each on a fresh carrier: NEW (X25519) and MIGRATE (signed request). */
public final class Handshakes {
    private Handshakes() {
    }

    /** The outcome of a NEW handshake: the carrier, the WELCOME and the derived connection key. */
    public record Opened(Carrier carrier, Welcome welcome, byte[] connectionKey) {
    }

    /** A server answered REJECT: carries its code. */
    public static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        private final ErrorCode code;

        public Rejected(ErrorCode code, String reason) {
            super("REJECT " + code + ": " + reason);
            this.code = code;
        }

        public ErrorCode code() {
            return code;
        }
    }

    public static Carrier openCarrier(InetSocketAddress addr, Duration timeout, String label) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.socket().connect(addr, (int) timeout.toMillis());
            Carrier c = new Carrier(ch, label);
            c.readTimeoutMillis((int) timeout.toMillis());
            return c;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public static Opened openNew(InetSocketAddress addr, String service, Duration timeout, String label)
            throws IOException, ProtocolException, Rejected {
        Carrier c = openCarrier(addr, timeout, label);
        try {
            KeyPair kp = KeyExchange.generate();
            c.sendNow(new HelloNew(Limits.VERSION, service, KeyExchange.publicKeyBytes(kp)));
            Welcome w = expectWelcome(c.read(), addr);
            byte[] kc = Hkdf.deriveConnectionKey(KeyExchange.sharedSecret(kp.getPrivate(), w.serverPublicKey()), w.id());
            WelcomeMac.verify(kc, w);
            c.readTimeoutMillis(0);
            return new Opened(c, w, kc);
        } catch (IOException | ProtocolException | Rejected | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    public static Welcome migrate(Carrier c, InetSocketAddress addr, MigrateRequest request, byte[] kc)
            throws IOException, ProtocolException, Rejected {
        c.sendNow(new HelloMigrate(Limits.VERSION, request));
        Welcome w = expectWelcome(c.read(), addr);
        WelcomeMac.verify(kc, w);
        ConnectionId id = request.id();
        if (!w.id().equals(id) || w.epoch() != request.requestedEpoch()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "WELCOME from " + addr + " is for another connection or epoch");
        }
        c.readTimeoutMillis(0);
        return w;
    }

    private static Welcome expectWelcome(Frame f, InetSocketAddress addr) throws ProtocolException, Rejected, IOException {
        return switch (f) {
            case Welcome w -> w;
            case Reject r -> throw new Rejected(r.code(), r.reason());
            case null -> throw new IOException("server at " + addr + " closed the carrier during the handshake");
            default -> throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "expected WELCOME from " + addr + ", got " + f.type());
        };
    }
}

package dev.mtcp.server.internal;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.carrier.Carrier;
import dev.mtcp.protocol.crypto.Hkdf;
import dev.mtcp.protocol.crypto.KeyExchange;
import dev.mtcp.protocol.crypto.MigrateRequest;
import dev.mtcp.protocol.crypto.Ticket;
import dev.mtcp.protocol.crypto.WelcomeMac;
import dev.mtcp.protocol.frame.Commit;
import dev.mtcp.protocol.frame.Fetch;
import dev.mtcp.protocol.frame.HelloMigrate;
import dev.mtcp.protocol.frame.HelloNew;
import dev.mtcp.protocol.frame.HintReason;
import dev.mtcp.protocol.frame.Limits;
import dev.mtcp.protocol.frame.MigrateHint;
import dev.mtcp.protocol.frame.Reject;
import dev.mtcp.protocol.frame.ServerAddress;
import dev.mtcp.protocol.frame.State;
import dev.mtcp.protocol.frame.Welcome;
import dev.mtcp.server.replication.StateLocator;
import java.io.IOException;
import java.security.KeyPair;
import java.util.List;
import java.util.OptionalLong;
import dev.mtcp.server.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two client handshakes (design §5). NEW: X25519, {@code Kc = HKDF(shared, salt = id)}, a ticket
 * sealed with the group key, WELCOME with its MAC. MIGRATE: the {@link MigrateGuard} checks, the
 * epoch check, then either re-attach (the connection lives here) or FETCH → STATE → COMMIT from the
 * origin, resume the app, WELCOME. Any failure is a REJECT with its code; nothing else is touched.
 */
public final class ClientHandshake {
    private static final Logger log = LoggerFactory.getLogger(ClientHandshake.class);
    private final ServerContext ctx;
    private final StateLocator locator;

    public ClientHandshake(ServerContext ctx, StateLocator locator) {
        this.ctx = ctx;
        this.locator = locator;
    }

    /** Completes a NEW handshake and then serves the carrier until it ends. */
    public void onNew(Carrier carrier, HelloNew hello) throws IOException {
        ServerSession session;
        try {
            checkVersion(hello.version());
            KeyPair kp = KeyExchange.generate();
            byte[] shared = KeyExchange.sharedSecret(kp.getPrivate(), hello.clientPublicKey());
            ConnectionId id = ConnectionId.random();
            byte[] kc = Hkdf.deriveConnectionKey(shared, id);
            byte[] ticket = issueTicket(id, kc);
            long epoch = 1;
            session = ServerSession.fresh(id, kc, epoch, ticket, ctx.host(), limits());
            Welcome w = WelcomeMac.sign(kc, new Welcome(id, epoch, ctx.config().id(), KeyExchange.publicKeyBytes(kp),
                    ticket, 0, 0, ctx.alternates().get(), new byte[Limits.MAC_BYTES]));
            ctx.registry().put(session);
            ctx.host().sessionCreated(session);
            carrier.readTimeoutMillis(0);
            carrier.startWriter(t -> { });
            session.attach(carrier, epoch, ticket, w, 0, 0);
        } catch (ProtocolException e) {
            reject(carrier, e, "NEW");
            return;
        }
        ctx.stats().connectionsOpened.increment();
        log.debug("conn={} opened (service '{}')", session.id(), hello.service());
        ctx.apps().launch(session);
        hintAwayIfOverloaded(session);
        CarrierLoop.run(session, carrier, ctx.loadPermille(), ctx.stats());
    }

    /** Checks a MIGRATE, takes the connection over, then serves the carrier until it ends. */
    public void onMigrate(Carrier carrier, HelloMigrate hello) throws IOException {
        MigrateRequest r = hello.request();
        ServerSession session;
        try {
            checkVersion(hello.version());
            Ticket t = ctx.guard().checkClientRequest(r);
            ServerSession local = ctx.registry().get(r.id());
            long known = local != null ? local.epoch() : ctx.registry().tombstone(r.id()).orElse(0);
            if (local != null && local.phase() != ServerSession.Phase.ACTIVE) {
                // fenced here and not yet committed: the connection lives at the ticket's origin now
                local = null;
            }
            if (r.requestedEpoch() <= known) {
                throw new ProtocolException(ErrorCode.STALE_EPOCH,
                        "epoch " + r.requestedEpoch() + " is not above " + known + " for connection " + r.id());
            }
            carrier.readTimeoutMillis(0);
            carrier.startWriter(x -> { });
            if (local != null) {
                session = reattach(carrier, local, r);
            } else {
                session = takeOver(carrier, t, r);
            }
        } catch (ProtocolException e) {
            reject(carrier, e, "MIGRATE conn=" + r.id());
            return;
        }
        CarrierLoop.run(session, carrier, ctx.loadPermille(), ctx.stats());
    }

    /**
     * Overload: a NEW connection that arrives while this server holds more than
     * {@code capacityConnections}, or while the CPU is at or above the {@code cpuOverload} threshold,
     * gets MIGRATE_HINT(OVERLOAD) naming the peers, so new arrivals are
     * moved away instead of piling onto a full server. Connections that migrate in are not hinted:
     * when every server is full, a hint on each arrival would bounce clients around for ever.
     */
    private void hintAwayIfOverloaded(ServerSession session) {
        int held = ctx.registry().size();
        boolean cpuBusy = ctx.config().cpuOverload().overloaded();
        if (held <= ctx.config().capacityConnections() && !cpuBusy) return;
        List<String> targets = ctx.alternates().get().stream().map(ServerAddress::id).toList();
        if (targets.isEmpty()) return;
        if (session.sendControl(new MigrateHint(HintReason.OVERLOAD, targets))) {
            ctx.stats().hintsSent.increment();
            log.info("conn={} hinted away: server {} holds {} connections (capacity {}), CPU {} (threshold {}%)",
                    session.id(), ctx.config().id(), held, ctx.config().capacityConnections(),
                    cpuBusy ? ctx.config().cpuOverload().loadPermille() / 10 + "%" : "below", ctx.config().cpuOverload().percent());
        }
    }

    private ServerSession reattach(Carrier carrier, ServerSession local, MigrateRequest r) throws ProtocolException {
        byte[] ticket = local.ticket();
        long downStart = local.downStartFor(r.downDelivered());
        Welcome w = WelcomeMac.sign(local.connectionKey(), new Welcome(r.id(), r.requestedEpoch(), ctx.config().id(),
                new byte[0], ticket, local.upDurable(), downStart, ctx.alternates().get(), new byte[Limits.MAC_BYTES]));
        local.attach(carrier, r.requestedEpoch(), ticket, w, downStart, r.downDelivered());
        ctx.stats().migrationsIn.increment();
        log.debug("conn={} re-attached here at epoch {} ({})", r.id(), r.requestedEpoch(), r.reason());
        return local;
    }

    private ServerSession takeOver(Carrier carrier, Ticket t, MigrateRequest r) throws ProtocolException {
        if (t.originId().equals(ctx.config().id()) && t.backups().isEmpty()) {
            OptionalLong gone = ctx.registry().tombstone(r.id());
            throw gone.isPresent()
                    ? new ProtocolException(ErrorCode.FENCED, "connection " + r.id() + " moved away from " + t.originId())
                    : new ProtocolException(ErrorCode.UNKNOWN_CONNECTION, "no connection " + r.id() + " here");
        }
        StateLocator.Located found = locator.locate(t, r);   // the origin; when it is gone, the backups
        MigratableState state = found.state();
        log.debug("conn={} resuming from {}: snapshot {} bytes, inSnap {}, outSnap {}, input [{}, {}), output [{}, {}), "
                        + "producedEnd {}, upFin {}, downFin {}, appDone {}, client delivered {}", r.id(), found.source(),
                state.snapshot() == null ? -1 : state.snapshot().length, state.inSnap(), state.outSnap(), state.inSnap(),
                state.inEnd(), state.outStart(), state.outEnd(), state.producedEnd(), state.upFin(), state.downFin(),
                state.appDone(), r.downDelivered());
        byte[] ticket = issueTicket(r.id(), state.connectionKey());
        ServerSession session = ServerSession.resumed(state, r.requestedEpoch(), ticket, ctx.host(), limits());
        if (!r.isFailover()) session.markArrivedByLiveMigration();
        long downStart = session.downStartFor(r.downDelivered());
        Welcome w = WelcomeMac.sign(state.connectionKey(), new Welcome(r.id(), r.requestedEpoch(), ctx.config().id(),
                new byte[0], ticket, state.inEnd(), downStart, ctx.alternates().get(), new byte[Limits.MAC_BYTES]));
        ctx.registry().put(session);
        ctx.host().sessionCreated(session);
        session.attach(carrier, r.requestedEpoch(), ticket, w, downStart, r.downDelivered());
        ctx.apps().launch(session);
        ctx.stats().migrationsIn.increment();
        Commit commit = new Commit(r.id(), r.requestedEpoch());
        if (found.fromOrigin()) {
            Thread.ofVirtual().start(() -> ctx.peers().commit(t.originId(), t.originAddress(), commit));
        } else {
            locator.fenceOriginLater(t, commit);   // the origin may only be paused or partitioned
        }
        log.debug("conn={} taken over from {} (state from {}) at epoch {} ({})", r.id(), t.originId(), found.source(),
                r.requestedEpoch(), r.reason());
        return session;
    }

    private SessionLimits limits() {
        ServerConfig c = ctx.config();
        return new SessionLimits(c.inputLogLimitBytes(), c.outputLogLimitBytes(), c.sendWindowBytes());
    }

    private byte[] issueTicket(ConnectionId id, byte[] kc) {
        return ctx.tickets().seal(new Ticket(id, ctx.config().id(), ctx.advertisedAddress(), kc,
                ctx.config().backups(), ctx.config().clock().millis()));
    }

    private static void checkVersion(int version) throws ProtocolException {
        if (version != Limits.VERSION) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION,
                    "protocol version " + version + " (this server speaks " + Limits.VERSION + ")");
        }
    }

    private void reject(Carrier carrier, ProtocolException e, String what) {
        ctx.stats().rejected(e.code());
        log.info("{} rejected: {}", what, e.getMessage());
        Reject reject = new Reject(e.code(), truncate(e.getMessage()));
        if (carrier.hasWriter()) {
            carrier.sendAndClose(reject);
            return;
        }
        try {
            carrier.sendNow(reject);
        } catch (IOException io) {
            log.debug("{}: REJECT not delivered: {}", what, io.toString());
        }
        carrier.close();
    }

    static String truncate(String s) {
        return s == null ? "" : s.length() > 500 ? s.substring(0, 500) : s;
    }
}

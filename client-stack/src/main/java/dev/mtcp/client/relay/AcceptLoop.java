package dev.mtcp.client.relay;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * The accept loop and session bookkeeping that the SOCKS5 and transparent listeners share: one virtual
 * thread accepts, every accepted connection over {@code maxSessions} is refused, every other runs as a
 * {@link Session} on a virtual thread of its own named by its id ({@code <prefix>-<n>}). {@link #close}
 * stops accepting and aborts the sessions; {@link #awaitThreads()} waits, bounded, for the threads.
 *
 * @param <C> the accepted connection type ({@code Socket} or {@code SocketChannel})
 */
public final class AcceptLoop<C> {

    /** One accepted connection's work, run on its own thread. */
    public interface Session {
        /** Serves the connection to its end; returns normally (failures are reported, not thrown). */
        void run();

        /** What {@code sessions()} shows now. */
        ProxySession snapshot();

        /** Closes the connection (and its relay) from another thread. */
        void abort();
    }

    /** Blocks until the next connection arrives. */
    @FunctionalInterface
    public interface Acceptor<C> {
        C accept() throws IOException;
    }

    /** Builds the session for an accepted connection. */
    @FunctionalInterface
    public interface SessionFactory<C> {
        Session create(String id, C client);
    }

    /** Refuses (and closes) a connection accepted over the session limit. */
    @FunctionalInterface
    public interface Refuser<C> {
        void refuse(String id, C client, String reason);
    }

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Logger log;
    private final String kind;
    private final String idPrefix;
    private final int maxSessions;
    private final InetSocketAddress address;
    private final Acceptor<C> acceptor;
    private final SessionFactory<C> factory;
    private final Refuser<C> refuser;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Thread> sessionThreads = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Thread acceptThread;
    private volatile boolean closed;

    /**
     * @param log        the listener's logger (its log lines keep their category)
     * @param kind       listener name in log lines, e.g. {@code socks5}
     * @param idPrefix   session id prefix, e.g. {@code socks}
     * @param threadName name of the accepting thread
     * @param address    the bound address, for log lines
     */
    public AcceptLoop(Logger log, String kind, String idPrefix, String threadName, int maxSessions,
                      InetSocketAddress address, Acceptor<C> acceptor, SessionFactory<C> factory, Refuser<C> refuser) {
        this.log = Objects.requireNonNull(log, "log");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.idPrefix = Objects.requireNonNull(idPrefix, "idPrefix");
        this.maxSessions = maxSessions;
        this.address = address;
        this.acceptor = Objects.requireNonNull(acceptor, "acceptor");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.refuser = Objects.requireNonNull(refuser, "refuser");
        this.acceptThread = Thread.ofVirtual().name(threadName).unstarted(this::run);
    }

    /** Starts accepting. */
    public void start() {
        acceptThread.start();
    }

    /** The sessions open now. */
    public List<ProxySession> sessions() {
        return sessions.values().stream().map(Session::snapshot).toList();
    }

    private void run() {
        while (!closed) {
            C client;
            try {
                client = acceptor.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("{} on {}: accept failed, listener stops: {}", kind, address, e.getMessage());
                }
                return;
            }
            String id = idPrefix + "-" + nextId.getAndIncrement();
            if (sessions.size() >= maxSessions) {
                refuser.refuse(id, client, "too many sessions (" + maxSessions + "): connection closed");
                continue;
            }
            Session session = factory.create(id, client);
            Thread thread = Thread.ofVirtual().name(id).unstarted(() -> {
                try {
                    session.run();
                } finally {
                    sessions.remove(id);
                    sessionThreads.remove(id);
                }
            });
            sessions.put(id, session);
            sessionThreads.put(id, thread);
            thread.start();
        }
    }

    /** Stops accepting (closes {@code listenSocket}) and aborts every session; does not wait. */
    public void close(Closeable listenSocket) {
        closed = true;
        try {
            listenSocket.close();
        } catch (IOException e) {
            log.warn("{} on {}: closing the listener: {}", kind, address, e.getMessage());
        }
        sessions.values().forEach(Session::abort);
    }

    /** Waits (bounded by 5 s in all) for the acceptor and the session threads to end. */
    public void awaitThreads() {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        List<Thread> threads = new ArrayList<>(sessionThreads.values());
        threads.add(acceptThread);
        try {
            for (Thread t : threads) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    log.warn("{}: thread {} still running {} ms after close", address, t.getName(), CLOSE_WAIT.toMillis());
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

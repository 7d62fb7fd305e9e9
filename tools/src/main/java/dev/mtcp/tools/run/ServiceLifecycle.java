package dev.mtcp.tools.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a long-running verb ({@code server}, {@code proxy}): owns what it started, closes it
 * in reverse order exactly once (on SIGTERM/Ctrl-C through a shutdown hook, or when the command
 * ends), and lets the command block until then.
 */
public final class ServiceLifecycle implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceLifecycle.class);

    private final String name;
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    public ServiceLifecycle(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** Takes ownership of {@code resource}: it is closed before everything owned earlier. */
    public synchronized <T extends AutoCloseable> T own(T resource) {
        owned.push(Objects.requireNonNull(resource, "resource"));
        return resource;
    }

    /** Closes everything when the JVM is asked to stop (SIGTERM, SIGINT). */
    public void closeOnShutdown() {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name(name + "-shutdown").unstarted(() -> {
            log.info("{}: stopping", name);
            close();
        }));
    }

    /** Blocks until {@link #close()} ran to the end. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Blocks until closed or the timeout passed; true if closed. */
    public boolean awaitClosed(long timeout, TimeUnit unit) throws InterruptedException {
        return closed.await(timeout, unit);
    }

    /** Closes every owned resource, newest first; later calls wait for the first to finish. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            try {
                closed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            while (true) {
                AutoCloseable next;
                synchronized (this) {
                    next = owned.poll();
                }
                if (next == null) {
                    break;
                }
                try {
                    next.close();
                } catch (Exception e) {
                    log.warn("{}: closing {} failed: {}", name, next, e.toString());
                }
            }
        } finally {
            closed.countDown();
        }
    }
}

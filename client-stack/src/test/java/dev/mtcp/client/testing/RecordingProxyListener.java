package dev.mtcp.client.testing;

import dev.mtcp.client.relay.ProxyListener;
import dev.mtcp.client.relay.ProxySession;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records proxy events; tests wait for them with a bounded timeout. */
public final class RecordingProxyListener implements ProxyListener {

    public record Closed(ProxySession session, Optional<String> failure) {}

    private final BlockingQueue<String> refusals = new LinkedBlockingQueue<>();
    private final BlockingQueue<ProxySession> relaying = new LinkedBlockingQueue<>();
    private final BlockingQueue<Closed> closed = new LinkedBlockingQueue<>();

    @Override
    public void onRelaying(ProxySession session) {
        relaying.add(session);
    }

    @Override
    public void onRefused(String sessionId, InetSocketAddress client, String reason) {
        refusals.add(reason);
    }

    @Override
    public void onClosed(ProxySession session, Optional<String> failure) {
        closed.add(new Closed(session, failure));
    }

    public String awaitRefusal(Duration timeout) throws InterruptedException {
        return require(refusals.poll(timeout.toMillis(), TimeUnit.MILLISECONDS), "a refusal");
    }

    public ProxySession awaitRelaying(Duration timeout) throws InterruptedException {
        return require(relaying.poll(timeout.toMillis(), TimeUnit.MILLISECONDS), "a relaying session");
    }

    public Closed awaitClosed(Duration timeout) throws InterruptedException {
        return require(closed.poll(timeout.toMillis(), TimeUnit.MILLISECONDS), "a closed session");
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new AssertionError("no " + what + " was reported in time");
        }
        return value;
    }
}

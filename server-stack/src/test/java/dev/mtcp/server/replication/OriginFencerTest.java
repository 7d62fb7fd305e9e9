package dev.mtcp.server.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.frame.Commit;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** COMMITs to an origin that took over connections' replicas: retried until it answers, for the ticket lifetime. */
@Timeout(30)
class OriginFencerTest {
    private static final Duration AWAIT = Duration.ofSeconds(15);

    private final AtomicLong millis = new AtomicLong(1_000_000);
    private final InstantSource clock = () -> Instant.ofEpochMilli(millis.get());
    private final AtomicBoolean reachable = new AtomicBoolean();
    private final AtomicInteger attempts = new AtomicInteger();
    private final List<Commit> delivered = new CopyOnWriteArrayList<>();
    private final OriginFencer fencer = new OriginFencer((origin, commits) -> {
        attempts.incrementAndGet();
        if (!reachable.get()) return false;
        delivered.addAll(commits);
        return true;
    }, clock, Duration.ofHours(24));

    @Test
    void shouldTellTheOriginEveryPendingCommitOnceItAnswersAgain() {
        Commit a = new Commit(ConnectionId.random(), 2);
        Commit b = new Commit(ConnectionId.random(), 5);
        fencer.tell("s1", a);
        fencer.tell("s1", b);
        await(() -> attempts.get() >= 2, "retried while the origin does not answer");
        assertThat(delivered).isEmpty();
        assertThat(fencer.pending("s1")).isEqualTo(2);

        reachable.set(true);
        await(() -> fencer.pending("s1") == 0, "both told");
        assertThat(delivered).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void shouldTellOnlyTheNewestEpochOfAConnection() {
        ConnectionId id = ConnectionId.random();
        fencer.tell("s1", new Commit(id, 2));
        fencer.tell("s1", new Commit(id, 4));
        fencer.tell("s1", new Commit(id, 3));
        reachable.set(true);
        await(() -> fencer.pending("s1") == 0, "told");
        assertThat(delivered).containsExactly(new Commit(id, 4));
    }

    @Test
    void shouldStopTryingWhenTheTicketLifetimeIsOver() {
        fencer.tell("s1", new Commit(ConnectionId.random(), 2));
        await(() -> attempts.get() >= 1, "a first attempt");
        millis.addAndGet(Duration.ofHours(24).plusSeconds(1).toMillis());
        await(() -> fencer.pending("s1") == 0, "the expired COMMIT dropped");
        reachable.set(true);
        assertThat(delivered).isEmpty();
    }

    @Test
    void shouldDropEverythingAndIgnoreNewCommitsOnceClosed() {
        fencer.tell("s1", new Commit(ConnectionId.random(), 2));
        fencer.close();
        fencer.tell("s1", new Commit(ConnectionId.random(), 3));
        assertThat(fencer.pending("s1")).isZero();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not " + what + " within " + AWAIT);
            LockSupport.parkNanos(5_000_000L);   // polling the condition, bounded by the deadline
        }
    }
}

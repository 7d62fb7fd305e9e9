package dev.mtcp.tools.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ServiceLifecycleTest {
    @Test
    void shouldCloseNewestFirstExactlyOnceAndWakeTheWaiter() throws Exception {
        List<String> closed = new CopyOnWriteArrayList<>();
        ServiceLifecycle lifecycle = new ServiceLifecycle("test");
        lifecycle.own(() -> closed.add("server"));
        lifecycle.own(() -> closed.add("admin"));

        Thread closer = Thread.ofVirtual().start(lifecycle::close);
        assertThat(lifecycle.awaitClosed(5, TimeUnit.SECONDS)).isTrue();
        closer.join();
        lifecycle.close();

        assertThat(closed).containsExactly("admin", "server");
    }

    @Test
    void shouldCloseTheRestWhenOneFails() {
        List<String> closed = new CopyOnWriteArrayList<>();
        ServiceLifecycle lifecycle = new ServiceLifecycle("test");
        lifecycle.own(() -> closed.add("first"));
        lifecycle.own(() -> {
            throw new java.io.IOException("boom");
        });

        lifecycle.close();

        assertThat(closed).containsExactly("first");
    }
}

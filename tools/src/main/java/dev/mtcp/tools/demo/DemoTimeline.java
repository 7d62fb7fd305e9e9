package dev.mtcp.tools.demo;

import dev.mtcp.client.MigrationEvent;
import dev.mtcp.client.MigrationListener;
import dev.mtcp.harness.report.GoodputSeries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What happened during the demo, on one clock (seconds since the download started): progress
 * samples, migrations (with their measured pauses) and the demo's own fault events. Written by the
 * demo's thread and the connection's thread, so every method is synchronized.
 */
final class DemoTimeline implements MigrationListener {
    /** A completed migration as the summary shows it. */
    record Migration(double atSeconds, String from, String to, String reason, Optional<Duration> pause) {}

    /** Something the demo did to the servers. */
    record Event(double atSeconds, String what) {}

    private final long startNanos;
    private final List<GoodputSeries.Sample> samples = new ArrayList<>();
    private final List<GoodputSeries.Sample> proxySamples = new ArrayList<>();
    private final List<Migration> migrations = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    DemoTimeline(long startNanos) {
        this.startNanos = startNanos;
    }

    double now() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** @param clientBytes what the client has written to its file; proxyBytes what the proxy delivered to it */
    synchronized void sample(long clientBytes, long proxyBytes, String server) {
        double t = now();
        samples.add(new GoodputSeries.Sample(t, clientBytes, server));
        proxySamples.add(new GoodputSeries.Sample(t, proxyBytes, server));
    }

    synchronized void event(String what) {
        events.add(new Event(now(), what));
    }

    @Override
    public synchronized void onMigrated(MigrationEvent e) {
        migrations.add(new Migration(now(), e.fromServer(), e.toServer(), e.reason(), Optional.empty()));
    }

    @Override
    public synchronized void onPauseMeasured(MigrationEvent e) {
        for (int i = migrations.size() - 1; i >= 0; i--) {
            Migration m = migrations.get(i);
            if (m.to().equals(e.toServer()) && m.from().equals(e.fromServer()) && m.pause().isEmpty()) {
                migrations.set(i, new Migration(m.atSeconds(), m.from(), m.to(), m.reason(), e.pause()));
                return;
            }
        }
    }

    @Override
    public synchronized void onMigrationFailed(dev.mtcp.protocol.ConnectionId id, String toServer, String why) {
        failures.add(String.format(java.util.Locale.ROOT, "%.2f s: migration to %s failed: %s", now(), toServer, why));
    }

    @Override
    public synchronized void onGaveUp(dev.mtcp.protocol.ConnectionId id, String why) {
        failures.add(String.format(java.util.Locale.ROOT, "%.2f s: gave up: %s", now(), why));
    }

    synchronized List<GoodputSeries.Sample> samples() {
        return List.copyOf(samples);
    }

    synchronized List<GoodputSeries.Sample> proxySamples() {
        return List.copyOf(proxySamples);
    }

    synchronized List<Migration> migrations() {
        return List.copyOf(migrations);
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    synchronized int migrationCount() {
        return migrations.size();
    }
}

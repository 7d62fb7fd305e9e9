package dev.mtcp.harness.run;

import dev.mtcp.harness.testbed.CommandResult;
import dev.mtcp.harness.testbed.Host;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the proxy during a run: its connections (bytes, serving server, migrations) from the
 * admin API and every carrier's RTT from {@code ss} in the client namespace.
 */
final class ProxySampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxySampler.class);
    private final Deployment deployment;
    private final Duration every;
    private final long startNanos;
    private final Map<String, String> serverAddresses = new HashMap<>();
    private final List<RunSample> samples = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final Thread thread;

    ProxySampler(Deployment deployment, Duration every, long startNanos) {
        this.deployment = deployment;
        this.every = every;
        this.startNanos = startNanos;
        for (Host host : deployment.testbed().servers()) {
            serverAddresses.put(host.address() + ":" + Deployment.SERVER_PORT, host.name());
        }
        this.thread = Thread.ofVirtual().name("proxy-sampler").start(this::loop);
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                sampleOnce();
                Thread.sleep(every); // a sampling period, not a wait for a condition
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes one sample now (also used for the final one). */
    void sampleOnce() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        try {
            List<ProxyConnection> connections = deployment.admin().proxyConnections();
            CommandResult ss = deployment.testbed().run(deployment.testbed().client().namespace(),
                    List.of("ss", "-tinH", "state", "established"));
            List<CarrierRtt> carriers = ss.succeeded() ? CarrierRtt.parse(ss.stdout(), serverAddresses) : List.of();
            samples.add(new RunSample(seconds, connections, carriers));
        } catch (RuntimeException e) {
            if (errors.size() < 20) {
                errors.add(String.format("%.1f s: %s", seconds, e.getMessage()));
            }
            LOG.debug("sample at {} s failed: {}", seconds, e.getMessage());
        }
    }

    List<RunSample> samples() {
        return new ArrayList<>(samples);
    }

    /** Samples that failed (the proxy's admin API did not answer). */
    List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

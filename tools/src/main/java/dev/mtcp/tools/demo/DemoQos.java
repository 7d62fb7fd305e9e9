package dev.mtcp.tools.demo;

import dev.mtcp.client.MigratorySocket;
import dev.mtcp.client.qos.QosMonitoredSockets;
import dev.mtcp.qos.policy.Policy;
import dev.mtcp.qos.policy.PolicyException;
import dev.mtcp.qos.policy.PolicyParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/** The demo's QoS policy (shipped as a resource, copied next to the report so it can be read) and its attachment. */
final class DemoQos {
    private static final String RESOURCE = "demo-policy.yaml";

    private DemoQos() {}

    /** Copies the demo policy into {@code dir}, parses it, and returns what attaches it to each proxied socket. */
    static Consumer<MigratorySocket> fromResource(Path dir) throws IOException {
        Path file = dir.resolve(RESOURCE);
        try (InputStream in = DemoQos.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the demo policy " + RESOURCE + " is missing from this build");
            }
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Policy policy;
        try {
            policy = PolicyParser.parse(file);
        } catch (PolicyException e) {
            throw new UncheckedIOException(new IOException("the demo policy is invalid: " + e.getMessage(), e));
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("demo-qos").factory());
        return socket -> QosMonitoredSockets.attach(socket, policy, InstantSource.system(), scheduler);
    }
}

package dev.mtcp.tools.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.cli.HostPort;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A listener as read from YAML: exactly one of {@code forward}, {@code socks}, {@code transparent}
 * gives its type and address; the other fields must fit that type.
 */
record ListenerEntry(String forward, String socks, String transparent, String service, Map<String, String> users,
                     Boolean passthrough, Boolean installRedirect) {
    @JsonCreator
    ListenerEntry(@JsonProperty("forward") String forward, @JsonProperty("socks") String socks,
                  @JsonProperty("transparent") String transparent, @JsonProperty("service") String service,
                  @JsonProperty("users") Map<String, String> users, @JsonProperty("passthrough") Boolean passthrough,
                  @JsonProperty("installRedirect") Boolean installRedirect) {
        if (Stream.of(forward, socks, transparent).filter(Objects::nonNull).count() != 1) {
            throw new IllegalArgumentException("a listener has exactly one of 'forward: HOST:PORT', "
                    + "'socks: HOST:PORT' or 'transparent: HOST:PORT'");
        }
        if (forward == null && service != null) {
            throw new IllegalArgumentException("'service' applies to forward listeners only; socks and transparent "
                    + "listeners pick the service from the destination");
        }
        if (socks == null && (users != null || passthrough != null)) {
            throw new IllegalArgumentException("'users' and 'passthrough' apply to socks listeners only");
        }
        if (transparent == null && installRedirect != null) {
            throw new IllegalArgumentException("'installRedirect' applies to transparent listeners only");
        }
        HostPort.parse(Stream.of(forward, socks, transparent).filter(Objects::nonNull).findFirst().orElseThrow());
        this.forward = forward;
        this.socks = socks;
        this.transparent = transparent;
        this.service = service;
        this.users = users;
        this.passthrough = passthrough;
        this.installRedirect = installRedirect;
    }

    private HostPort listen() {
        return HostPort.parse(forward != null ? forward : socks != null ? socks : transparent);
    }

    /** The listener this entry describes, a forward listener's service checked against {@code services}. */
    ListenerSpec resolve(Path file, String where, Map<String, ServiceSpec> services) {
        if (forward != null) {
            String target = service;
            if (target == null) {
                if (services.size() != 1) {
                    throw CommandFailure.input(file + ": " + where + ": a forward listener needs 'service:' (one of "
                            + services.keySet() + ")");
                }
                target = services.keySet().iterator().next();
            }
            if (!services.containsKey(target)) {
                throw CommandFailure.input(file + ": " + where + ".service: unknown service '" + target
                        + "'; services: " + services.keySet());
            }
            return new ListenerSpec.Forward(listen(), target);
        }
        if (socks != null) {
            return new ListenerSpec.Socks(listen(), users == null ? Map.of() : users, Boolean.TRUE.equals(passthrough));
        }
        return new ListenerSpec.Transparent(listen(), Boolean.TRUE.equals(installRedirect));
    }

    @Override
    public String toString() {
        return "ListenerEntry[" + Stream.of(forward, socks, transparent).filter(Objects::nonNull).findFirst().orElse("?") + "]";
    }
}

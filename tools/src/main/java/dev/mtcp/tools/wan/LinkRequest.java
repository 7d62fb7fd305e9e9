package dev.mtcp.tools.wan;

import dev.mtcp.harness.link.Direction;
import dev.mtcp.harness.link.LinkUnits;
import dev.mtcp.harness.run.Deployment;
import dev.mtcp.harness.scenario.LinkChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One {@code mtcp wan link} request on the control channel and how the {@code up} process performs it:
 * {@code link HOST [delay=D] [jitter=J] [loss=L] [rate=R] [direction=to|from|both]},
 * {@code cut HOST}, {@code restore HOST}, {@code reset HOST}, {@code status}.
 */
final class LinkRequest {
    private LinkRequest() {
    }

    /** Performs a request; returns "ok ..." or "error ...". */
    static String perform(Deployment d, String request) {
        String[] words = request.split("\\s+");
        try {
            return switch (words[0]) {
                case "status" -> "ok " + status(d);
                case "cut", "restore", "reset" -> {
                    String host = host(d, words);
                    switch (words[0]) {
                        case "cut" -> d.faults().cut(host);
                        case "restore" -> d.faults().restore(host);
                        default -> d.faults().reset(host);
                    }
                    yield "ok " + words[0] + " " + host + ": " + describe(d, host);
                }
                case "link" -> {
                    String host = host(d, words);
                    d.faults().degrade(host, change(words));
                    yield "ok " + describe(d, host);
                }
                default -> "error unknown request '" + words[0] + "' (link, cut, restore, reset, status, down)";
            };
        } catch (RuntimeException e) {
            return "error " + e.getMessage();
        }
    }

    private static String host(Deployment d, String[] words) {
        if (words.length < 2) {
            throw new IllegalArgumentException("name the host: client, " + serverNames(d));
        }
        String host = words[1];
        if (!host.equals("client") && d.testbed().servers().stream().noneMatch(h -> h.name().equals(host))) {
            throw new IllegalArgumentException("no host named '" + host + "' (client, " + serverNames(d) + ")");
        }
        return host;
    }

    private static String serverNames(Deployment d) {
        return String.join(", ", d.testbed().servers().stream().map(h -> h.name()).toList());
    }

    static LinkChange change(String[] words) {
        Optional<Duration> delay = Optional.empty();
        Optional<Duration> jitter = Optional.empty();
        OptionalDouble loss = OptionalDouble.empty();
        OptionalLong rate = OptionalLong.empty();
        Set<Direction> directions = EnumSet.allOf(Direction.class);
        for (int i = 2; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected knob=value, got '" + words[i] + "'");
            }
            String value = words[i].substring(eq + 1);
            switch (words[i].substring(0, eq)) {
                case "delay" -> delay = Optional.of(LinkUnits.parseDuration(value));
                case "jitter" -> jitter = Optional.of(LinkUnits.parseDuration(value));
                case "loss" -> loss = OptionalDouble.of(LinkUnits.parsePercent(value));
                case "rate" -> rate = OptionalLong.of(LinkUnits.parseRate(value));
                case "direction" -> directions = switch (value.toLowerCase(Locale.ROOT)) {
                    case "to" -> EnumSet.of(Direction.TO_HOST);
                    case "from" -> EnumSet.of(Direction.FROM_HOST);
                    case "both" -> EnumSet.allOf(Direction.class);
                    default -> throw new IllegalArgumentException("direction must be to, from or both, got '" + value + "'");
                };
                default -> throw new IllegalArgumentException("unknown knob '" + words[i].substring(0, eq)
                        + "' (delay, jitter, loss, rate, direction)");
            }
        }
        return new LinkChange(delay, jitter, loss, rate, directions);
    }

    private static String describe(Deployment d, String host) {
        return host + (d.links().isCut(host) ? " CUT" : "") + " to: " + d.links().current(host, Direction.TO_HOST)
                + "; from: " + d.links().current(host, Direction.FROM_HOST);
    }

    private static String status(Deployment d) {
        List<String> parts = new ArrayList<>();
        parts.add(d.scenario().name() + " (" + d.links().kind().name().toLowerCase(Locale.ROOT) + ")");
        d.testbed().hosts().forEach(h -> parts.add(describe(d, h.name()) + " [" + h.namespace() + " " + h.address()
                + "]"));
        return String.join(" | ", parts);
    }
}

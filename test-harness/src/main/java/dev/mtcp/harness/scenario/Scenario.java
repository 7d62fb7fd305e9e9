package dev.mtcp.harness.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed scenario file: topology, link profiles, workload, policy, timeline and expectations.
 *
 * @param links  the starting profile of every host's link ({@code client}, {@code s1}...), defaults applied
 */
public record Scenario(String name, String description, Duration duration, List<ServerSpec> servers,
        Map<String, LinkProfile> links, Workload workload, Optional<PolicySource> policy,
        List<TimelineEvent> timeline, Expectations expect) {
    public Scenario {
        servers = List.copyOf(servers);
        links = Map.copyOf(links);
        timeline = List.copyOf(timeline);
    }

    public LinkProfile link(String host) {
        return links.getOrDefault(host, LinkProfile.NONE);
    }
}

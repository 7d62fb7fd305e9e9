package dev.mtcp.tools.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The YAML document of a client config file, as Jackson reads it; {@link ClientConfigFile} validates it. */
final class ClientConfigDocument {
    private final LinkedHashMap<String, ServiceSpec> services;
    private final List<ListenerEntry> listeners;
    private final String policy;
    private final String admin;

    @JsonCreator
    ClientConfigDocument(@JsonProperty("services") LinkedHashMap<String, ServiceSpec> services,
                         @JsonProperty("listeners") List<ListenerEntry> listeners,
                         @JsonProperty("policy") String policy,
                         @JsonProperty("admin") String admin) {
        this.services = services;
        this.listeners = listeners;
        this.policy = policy;
        this.admin = admin;
    }

    ClientConfigFile.ClientSettings toSettings(Path file) {
        Map<String, ServiceSpec> named = new LinkedHashMap<>();
        if (services != null) {
            services.forEach((name, spec) -> named.put(name, spec.named(file, name)));
        }
        return ClientConfigFile.settings(file, named, listeners, policy, admin);
    }
}

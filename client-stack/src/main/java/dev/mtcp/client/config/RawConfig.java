package dev.mtcp.client.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The file as Jackson binds it, before validation: every field nullable (absent), names as in YAML.
 * Unknown keys are rejected by the binder. {@link ConfigValidator} turns this into {@link ClientFileConfig}.
 */
record RawConfig(
        List<Service> services,
        Listeners listeners,
        String policy,
        String admin,
        @JsonProperty("dead_after") String deadAfter,
        @JsonProperty("give_up_after") String giveUpAfter,
        @JsonProperty("migrate_timeout") String migrateTimeout) {

    record Service(String name, List<Server> servers) {}

    record Server(String id, String host, Integer port) {}

    record Listeners(
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Forward> forward,
            Socks socks,
            Transparent transparent) {}

    record Forward(String listen, String service) {}

    record Socks(String listen, List<User> users, Boolean passthrough) {}

    record User(String name, String password) {}

    record Transparent(String listen, @JsonProperty("install_redirect") Boolean installRedirect) {}
}

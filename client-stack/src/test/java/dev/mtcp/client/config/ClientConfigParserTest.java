package dev.mtcp.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class ClientConfigParserTest {

    private static final String SERVICES = """
            services:
              - name: video
                servers:
                  - {id: s1, host: 127.0.0.1, port: 7001}
                  - {id: s2, host: 127.0.0.1, port: 7002}
            """;

    @TempDir
    Path dir;

    private final ClientConfigParser parser = new ClientConfigParser();

    private ClientFileConfig parse(String yaml) throws ConfigException {
        return parser.parse(yaml, "client.yaml", dir);
    }

    private ConfigException error(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(yaml));
        assertThat(e).as("expected a ConfigException for:\n" + yaml).isNotNull();
        assertThat(e.getMessage()).startsWith("client.yaml");
        return e;
    }

    @Test
    void shouldParseEveryFieldWhenFileIsComplete() throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), "rules: []\n");
        ClientFileConfig c = parse(SERVICES + """
                  - name: chat
                    servers:
                      - id: c1
                        host: "::1"
                        port: 7100
                listeners:
                  forward:
                    - {listen: "127.0.0.1:8080", service: video}
                    - {listen: "[::1]:8081", service: chat}
                  socks:
                    listen: 127.0.0.1:1080
                    users:
                      - {name: alice, password: s3cret}
                    passthrough: true
                  transparent:
                    listen: 127.0.0.1:1081
                    install_redirect: true
                policy: policy.yaml
                admin: 127.0.0.1:9090
                dead_after: 500ms
                give_up_after: 2m
                migrate_timeout: 6s
                """);
        assertThat(c.services()).extracting(ServiceConfig::name).containsExactly("video", "chat");
        assertThat(c.service("video").orElseThrow().servers())
                .containsExactly(new ServerEntry("s1", "127.0.0.1", 7001), new ServerEntry("s2", "127.0.0.1", 7002));
        assertThat(c.service("chat").orElseThrow().servers().getFirst().host()).isEqualTo("::1");
        assertThat(c.forward()).containsExactly(new ForwardListener(new HostPort("127.0.0.1", 8080), "video"),
                new ForwardListener(new HostPort("::1", 8081), "chat"));
        SocksListener socks = c.socks().orElseThrow();
        assertThat(socks.listen()).isEqualTo(new HostPort("127.0.0.1", 1080));
        assertThat(socks.users()).containsExactly(new SocksUser("alice", "s3cret"));
        assertThat(socks.passthrough()).isTrue();
        assertThat(c.transparent()).contains(new TransparentListener(new HostPort("127.0.0.1", 1081), true));
        assertThat(c.policy()).contains(dir.resolve("policy.yaml"));
        assertThat(c.admin()).contains(new HostPort("127.0.0.1", 9090));
        assertThat(c.deadAfter()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.giveUpAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.migrateTimeout()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void shouldApplyDefaultsWhenOptionalKeysAreAbsent() throws Exception {
        ClientFileConfig c = parse(SERVICES + """
                listeners:
                  socks:
                    listen: 127.0.0.1:1080
                """);
        assertThat(c.socks().orElseThrow().users()).isEmpty();
        assertThat(c.socks().orElseThrow().passthrough()).isFalse();
        assertThat(c.forward()).isEmpty();
        assertThat(c.transparent()).isEmpty();
        assertThat(c.policy()).isEmpty();
        assertThat(c.admin()).isEmpty();
        assertThat(c.deadAfter()).isEqualTo(ClientFileConfig.DEFAULT_DEAD_AFTER);
        assertThat(c.giveUpAfter()).isEqualTo(ClientFileConfig.DEFAULT_GIVE_UP_AFTER);
        assertThat(c.migrateTimeout()).isEqualTo(ClientFileConfig.DEFAULT_MIGRATE_TIMEOUT);
    }

    @Test
    void shouldAcceptSingleForwardMappingWhenNotAList() throws Exception {
        ClientFileConfig c = parse(SERVICES + """
                listeners:
                  forward: {listen: 127.0.0.1:8080, service: video}
                """);
        assertThat(c.forward()).containsExactly(new ForwardListener(new HostPort("127.0.0.1", 8080), "video"));
    }

    @Test
    void shouldNameKeyAndLineWhenTopLevelKeyUnknown() {
        ConfigException e = error(SERVICES + "listeners: {socks: {listen: 127.0.0.1:1080}}\nadmim: 127.0.0.1:9\n");
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.field()).isEqualTo("admim");
        assertThat(e.problem()).contains("unknown key 'admim'", "admin", "services");
    }

    @Test
    void shouldNameNestedPathWhenServerKeyUnknown() {
        ConfigException e = error("""
                services:
                  - name: video
                    servers:
                      - {id: s1, host: 127.0.0.1, port: 7001, weight: 3}
                listeners: {socks: {listen: 127.0.0.1:1080}}
                """);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.field()).isEqualTo("services[0].servers[0].weight");
        assertThat(e.problem()).contains("unknown key 'weight'", "allowed here: host, id, port");
    }

    @Test
    void shouldRejectMissingServicesWhenAbsent() {
        ConfigException e = error("listeners: {socks: {listen: 127.0.0.1:1080}}\n");
        assertThat(e.field()).isEqualTo("services");
        assertThat(e.problem()).contains("at least one service");
    }

    @Test
    void shouldRejectServiceWithoutServers() {
        ConfigException e = error("""
                services:
                  - name: video
                listeners: {socks: {listen: 127.0.0.1:1080}}
                """);
        assertThat(e.field()).isEqualTo("services[0].servers");
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void shouldPointAtPortWhenOutOfRange() {
        ConfigException e = error("""
                services:
                  - name: video
                    servers:
                      - id: s1
                        host: 127.0.0.1
                        port: 70000
                listeners: {socks: {listen: 127.0.0.1:1080}}
                """);
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.field()).isEqualTo("services[0].servers[0].port");
        assertThat(e.problem()).contains("70000 is not a port");
    }

    @Test
    void shouldRejectPortWhenNotANumber() {
        ConfigException e = error("""
                services:
                  - name: video
                    servers:
                      - {id: s1, host: 127.0.0.1, port: "http"}
                listeners: {socks: {listen: 127.0.0.1:1080}}
                """);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.field()).isEqualTo("services[0].servers[0].port");
        assertThat(e.problem()).isEqualTo("expected a whole number");
    }

    @Test
    void shouldRejectMissingHost() {
        ConfigException e = error("""
                services:
                  - name: video
                    servers:
                      - {id: s1, port: 7001}
                listeners: {socks: {listen: 127.0.0.1:1080}}
                """);
        assertThat(e.field()).isEqualTo("services[0].servers[0].host");
        assertThat(e.problem()).isEqualTo("missing");
        assertThat(e.line()).isEqualTo(4);
    }

    @Test
    void shouldRejectDuplicateServiceName() {
        ConfigException e = error(SERVICES + """
                  - name: Video
                    servers: [{id: s9, host: 127.0.0.1, port: 7009}]
                listeners: {socks: {listen: 127.0.0.1:1080}}
                """);
        assertThat(e.field()).isEqualTo("services[1].name");
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.problem()).contains("defined twice");
    }

    @Test
    void shouldRejectDuplicateServerId() {
        ConfigException e = error("""
                services:
                  - name: video
                    servers:
                      - {id: s1, host: 127.0.0.1, port: 7001}
                      - {id: s1, host: 127.0.0.1, port: 7002}
                listeners: {socks: {listen: 127.0.0.1:1080}}
                """);
        assertThat(e.field()).isEqualTo("services[0].servers[1].id");
        assertThat(e.problem()).contains("appears twice");
    }

    @Test
    void shouldRejectServiceNameWhenNotAHostName() {
        ConfigException e = error("""
                services:
                  - name: "my video"
                    servers: [{id: s1, host: 127.0.0.1, port: 7001}]
                listeners: {socks: {listen: 127.0.0.1:1080}}
                """);
        assertThat(e.field()).isEqualTo("services[0].name");
        assertThat(e.problem()).contains("not a valid name");
    }

    @Test
    void shouldRejectForwardToUnknownService() {
        ConfigException e = error(SERVICES + """
                listeners:
                  forward:
                    - listen: 127.0.0.1:8080
                      service: audio
                """);
        assertThat(e.field()).isEqualTo("listeners.forward[0].service");
        assertThat(e.line()).isEqualTo(9);
        assertThat(e.problem()).isEqualTo("no service named 'audio' (services: video)");
    }

    @Test
    void shouldRejectListenWhenNoPort() {
        ConfigException e = error(SERVICES + """
                listeners:
                  socks:
                    listen: 127.0.0.1
                """);
        assertThat(e.field()).isEqualTo("listeners.socks.listen");
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.problem()).contains("has no port", "HOST:PORT");
    }

    @Test
    void shouldRejectSameListenAddressTwice() {
        ConfigException e = error(SERVICES + """
                listeners:
                  forward: {listen: 127.0.0.1:1080, service: video}
                  socks: {listen: 127.0.0.1:1080}
                """);
        assertThat(e.field()).isEqualTo("listeners.socks.listen");
        assertThat(e.problem()).contains("already used by listeners.forward[0].listen");
    }

    @Test
    void shouldRejectEmptyListeners() {
        ConfigException e = error(SERVICES + "listeners: {}\n");
        assertThat(e.field()).isEqualTo("listeners");
        assertThat(e.problem()).contains("at least one of forward, socks, transparent");
    }

    @Test
    void shouldRejectMissingListeners() {
        ConfigException e = error(SERVICES);
        assertThat(e.field()).isEqualTo("listeners");
        assertThat(e.problem()).startsWith("missing");
    }

    @Test
    void shouldRejectUserWithoutPassword() {
        ConfigException e = error(SERVICES + """
                listeners:
                  socks:
                    listen: 127.0.0.1:1080
                    users:
                      - name: alice
                """);
        assertThat(e.field()).isEqualTo("listeners.socks.users[0].password");
        assertThat(e.line()).as("the user entry's line").isEqualTo(10);
        assertThat(e.problem()).isEqualTo("missing");
    }

    @Test
    void shouldRejectPasswordLongerThanRfc1929Allows() {
        ConfigException e = error(SERVICES + "listeners:\n  socks:\n    listen: 127.0.0.1:1080\n    users: [{name: a, password: "
                + "x".repeat(256) + "}]\n");
        assertThat(e.field()).isEqualTo("listeners.socks.users[0].password");
        assertThat(e.problem()).contains("256 bytes", "at most 255");
    }

    @Test
    void shouldRejectPassthroughWhenNotBoolean() {
        ConfigException e = error(SERVICES + """
                listeners:
                  socks: {listen: 127.0.0.1:1080, passthrough: "yes please"}
                """);
        assertThat(e.field()).isEqualTo("listeners.socks.passthrough");
        assertThat(e.problem()).isEqualTo("expected true or false");
    }

    @Test
    void shouldRejectTransparentListenWhenNotLoopbackOrWildcard() {
        ConfigException e = error(SERVICES + """
                listeners:
                  transparent: {listen: 192.0.2.10:1081}
                """);
        assertThat(e.field()).isEqualTo("listeners.transparent.listen");
        assertThat(e.problem()).contains("REDIRECT delivers local connections to 127.0.0.1");
    }

    @Test
    void shouldRejectDurationWithoutUnit() {
        ConfigException e = error(SERVICES + "listeners: {socks: {listen: 127.0.0.1:1080}}\ndead_after: 3\n");
        assertThat(e.field()).isEqualTo("dead_after");
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.problem()).contains("'3' is not a duration", "ms, s, m, h");
    }

    @Test
    void shouldRejectGiveUpShorterThanDeadAfter() {
        ConfigException e = error(SERVICES + "listeners: {socks: {listen: 127.0.0.1:1080}}\ndead_after: 10s\n"
                + "give_up_after: 5s\n");
        assertThat(e.field()).isEqualTo("give_up_after");
        assertThat(e.problem()).contains("shorter than dead_after");
    }

    @Test
    void shouldRejectPolicyFileThatDoesNotExist() {
        ConfigException e = error(SERVICES + "listeners: {socks: {listen: 127.0.0.1:1080}}\npolicy: nope.yaml\n");
        assertThat(e.field()).isEqualTo("policy");
        assertThat(e.problem()).contains("no such file", "relative to the config file's directory");
    }

    @Test
    void shouldRejectAdminWhenNotHostPort() {
        ConfigException e = error(SERVICES + "listeners: {socks: {listen: 127.0.0.1:1080}}\nadmin: localhost:http\n");
        assertThat(e.field()).isEqualTo("admin");
        assertThat(e.problem()).contains("no numeric port");
    }

    @Test
    void shouldRejectDuplicateKey() {
        ConfigException e = error(SERVICES + "listeners: {socks: {listen: 127.0.0.1:1080}}\nadmin: 127.0.0.1:1\n"
                + "admin: 127.0.0.1:2\n");
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.problem()).contains("duplicate key 'admin'");
    }

    @Test
    void shouldRejectWrongShapeWhenServicesIsAMapping() {
        ConfigException e = error("services: {name: video}\nlisteners: {socks: {listen: 127.0.0.1:1080}}\n");
        assertThat(e.field()).isEqualTo("services");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.problem()).contains("expected a list");
    }

    @Test
    void shouldRejectInvalidYamlWithItsLine() {
        ConfigException e = error(SERVICES + "listeners:\n  socks: {listen: [127.0.0.1:1080\n");
        assertThat(e.line()).isGreaterThanOrEqualTo(7);
        assertThat(e.problem()).startsWith("not valid YAML");
    }

    @Test
    void shouldRejectEmptyFile() {
        ConfigException e = error("   \n");
        assertThat(e.problem()).contains("the file is empty");
    }

    @Test
    void shouldRejectFileWhenRootIsAList() {
        ConfigException e = error("- a\n- b\n");
        assertThat(e.problem()).contains("must be a mapping");
    }

    @Test
    void shouldNameFileWhenItDoesNotExist() {
        Path missing = dir.resolve("missing.yaml");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parser.parse(missing));
        assertThat(e.getMessage()).isEqualTo(missing + ": no such file: check the path given to --config");
    }

    @Test
    void shouldResolvePolicyAgainstConfigDirectoryWhenReadFromFile() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(sub.resolve("qos.yaml"), "rules: []\n");
        Path file = sub.resolve("client.yaml");
        Files.writeString(file, SERVICES + "listeners: {socks: {listen: 127.0.0.1:1080}}\npolicy: qos.yaml\n");
        assertThat(parser.parse(file).policy()).contains(sub.resolve("qos.yaml"));
    }

    @Test
    void shouldHidePasswordWhenUserPrinted() {
        assertThat(new SocksUser("alice", "s3cret").toString()).doesNotContain("s3cret").contains("alice");
    }
}

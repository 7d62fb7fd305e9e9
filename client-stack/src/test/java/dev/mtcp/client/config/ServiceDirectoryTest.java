package dev.mtcp.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceDirectoryTest {

    private final ServiceDirectory directory = new ServiceDirectory(List.of(
            new ServiceConfig("video", List.of(new ServerEntry("s1", "10.0.0.1", 7000),
                    new ServerEntry("s2", "media.example", 7000))),
            new ServiceConfig("chat", List.of(new ServerEntry("c1", "fd00::9", 7100)))),
            Map.of("media.example", List.of(InetAddress.ofLiteral("10.0.0.2")))::get);

    @Test
    void shouldMatchServiceNameWhateverThePortAndCase() {
        assertThat(directory.match("video", 80)).map(ServiceConfig::name).contains("video");
        assertThat(directory.match("VIDEO.", 443)).map(ServiceConfig::name).contains("video");
    }

    @Test
    void shouldMatchServerAddressWhenHostAndPortEqual() {
        assertThat(directory.match("10.0.0.1", 7000)).map(ServiceConfig::name).contains("video");
        assertThat(directory.match("10.0.0.2", 7000)).as("resolved host name").map(ServiceConfig::name).contains("video");
        assertThat(directory.match("media.example", 7000)).map(ServiceConfig::name).contains("video");
        assertThat(directory.match(InetAddress.ofLiteral("fd00:0:0:0:0:0:0:9"), 7100)).map(ServiceConfig::name).contains("chat");
    }

    @Test
    void shouldNotMatchWhenPortOrAddressDiffers() {
        assertThat(directory.match("10.0.0.1", 7001)).isEmpty();
        assertThat(directory.match("10.0.0.3", 7000)).isEmpty();
        assertThat(directory.match("videos", 80)).isEmpty();
    }

    @Test
    void shouldListEveryResolvedServerAddress() {
        assertThat(directory.serverIps()).extracting(s -> s.ip().getHostAddress() + ":" + s.port())
                .containsExactlyInAnyOrder("10.0.0.1:7000", "10.0.0.2:7000", "fd00:0:0:0:0:0:0:9:7100");
    }
}

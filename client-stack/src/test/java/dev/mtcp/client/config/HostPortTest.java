package dev.mtcp.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPortTest {

    @Test
    void shouldParseHostNameIpv4AndBracketedIpv6() {
        assertThat(HostPort.parse("localhost:1080")).isEqualTo(new HostPort("localhost", 1080));
        assertThat(HostPort.parse("127.0.0.1:0")).isEqualTo(new HostPort("127.0.0.1", 0));
        assertThat(HostPort.parse("[::1]:443")).isEqualTo(new HostPort("::1", 443));
        assertThat(new HostPort("::1", 443)).hasToString("[::1]:443");
    }

    @Test
    void shouldSayWhatIsWrongWhenMalformed() {
        assertThatThrownBy(() -> HostPort.parse("::1:443")).hasMessageContaining("[ADDRESS]:PORT");
        assertThatThrownBy(() -> HostPort.parse(":443")).hasMessageContaining("has no host");
        assertThatThrownBy(() -> HostPort.parse("host:99999")).hasMessageContaining("outside 0..65535");
        assertThatThrownBy(() -> HostPort.parse("[::1]443")).hasMessageContaining("is not [IPV6]:PORT");
    }
}

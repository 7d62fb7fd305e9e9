package dev.mtcp.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPortTest {
    @Test
    void shouldParseHostNamesIpv4AndBracketedIpv6() {
        assertThat(HostPort.parse("127.0.0.1:7001")).isEqualTo(new HostPort("127.0.0.1", 7001));
        assertThat(HostPort.parse("localhost:0")).isEqualTo(new HostPort("localhost", 0));
        assertThat(HostPort.parse("[::1]:9000")).isEqualTo(new HostPort("::1", 9000));
        assertThat(HostPort.parse("[::1]:9000")).hasToString("[::1]:9000");
    }

    @Test
    void shouldExplainTheFormWhenMalformed() {
        assertThatThrownBy(() -> HostPort.parse("7001")).hasMessageContaining("expected HOST:PORT").hasMessageContaining("'7001'");
        assertThatThrownBy(() -> HostPort.parse("::1:80")).hasMessageContaining("[::1]:7001");
        assertThatThrownBy(() -> HostPort.parse("h:65536")).hasMessageContaining("outside 0..65535");
    }

    @Test
    void shouldParseServerRefsAndRejectBadIds() {
        assertThat(ServerRef.parse("s1=127.0.0.1:7001")).isEqualTo(new ServerRef("s1", new HostPort("127.0.0.1", 7001)));
        assertThatThrownBy(() -> ServerRef.parse("127.0.0.1:7001")).hasMessageContaining("expected ID=HOST:PORT");
        assertThatThrownBy(() -> ServerRef.parse("s 1=127.0.0.1:7001")).hasMessageContaining("bad server id 's 1'");
    }

    @Test
    void shouldRecognizeConnectionIdsAndAll() {
        assertThat(Ids.isConnectionId("00112233445566778899aabbccddeeff")).isTrue();
        assertThat(Ids.isConnectionId("00112233445566778899aabbccddeef")).isFalse();
        assertThat(Ids.isConnectionId("all")).isFalse();
    }
}

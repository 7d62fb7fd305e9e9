package dev.mtcp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ConnectionIdTest {

    @Test
    @DisplayName("MUST-37 connection ids are 16 random bytes, compared by content, printed as hex")
    void shouldRoundTripThroughHexWhenRandom() {
        ConnectionId id = ConnectionId.random();
        assertThat(id.bytes()).hasSize(16);
        assertThat(ConnectionId.fromHex(id.hex())).isEqualTo(id).hasSameHashCodeAs(id);
        assertThat(id.toString()).hasSize(32);
        Set<ConnectionId> many = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            many.add(ConnectionId.random());
        }
        assertThat(many).hasSize(1000);
    }

    @Test
    void shouldNotBeChangedWhenTheCallersArrayChanges() {
        byte[] raw = new byte[16];
        ConnectionId id = new ConnectionId(raw);
        raw[0] = 1;
        id.bytes()[1] = 1;
        assertThat(id.bytes()).isEqualTo(new byte[16]);
    }

    @Test
    void shouldExplainWhenTheInputIsMalformed() {
        assertThatThrownBy(() -> new ConnectionId(new byte[15])).hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> ConnectionId.fromHex("xyz")).hasMessageContaining("32 hex");
    }

    @Test
    void shouldHaveUniqueWireValuesWhenListingErrorCodes() throws Exception {
        Set<Integer> seen = new HashSet<>();
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(seen.add(c.wireValue())).as("%s", c).isTrue();
            assertThat(ErrorCode.fromWire(c.wireValue())).isEqualTo(c);
        }
        assertThatThrownBy(() -> ErrorCode.fromWire(0xFFFF)).isInstanceOf(ProtocolException.class);
        assertThat(Arrays.stream(ErrorCode.values()).allMatch(c -> c.wireValue() <= 0xFFFF)).isTrue();
    }
}

package dev.mtcp.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.ServerAddress;
import dev.mtcp.protocol.frame.Welcome;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WelcomeMacTest {
    private final byte[] kc = new byte[32];

    private Welcome welcome(long upDurable) {
        return new Welcome(ConnectionId.random(), 2, "s2", new byte[0], new byte[] {1, 2, 3}, upDurable, 10,
                List.of(new ServerAddress("s3", "127.0.0.3", 7000)), new byte[32]);
    }

    @Test
    @DisplayName("MUST-31 a WELCOME whose fields were changed after signing fails its MAC")
    void shouldRejectWhenAFieldChangedAfterSigning() throws Exception {
        Welcome signed = WelcomeMac.sign(kc, welcome(5));
        WelcomeMac.verify(kc, signed);
        Welcome forged = new Welcome(signed.id(), signed.epoch(), signed.serverId(), signed.serverPublicKey(),
                signed.ticket(), 0, signed.downStart(), signed.alternates(), signed.mac());
        assertThatThrownBy(() -> WelcomeMac.verify(kc, forged)).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.BAD_SIGNATURE);
    }
}

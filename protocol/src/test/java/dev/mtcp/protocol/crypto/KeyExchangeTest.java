package dev.mtcp.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtcp.protocol.ConnectionId;
import dev.mtcp.protocol.ErrorCode;
import dev.mtcp.protocol.ProtocolException;
import java.security.KeyPair;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class KeyExchangeTest {

    @Test
    @DisplayName("MUST-20 both ends derive the same Kc from X25519 + HKDF(salt = connection id)")
    void shouldAgreeOnTheConnectionKeyWhenBothSidesExchangePublicKeys() throws Exception {
        KeyPair client = KeyExchange.generate();
        KeyPair server = KeyExchange.generate();
        byte[] cPub = KeyExchange.publicKeyBytes(client);
        byte[] sPub = KeyExchange.publicKeyBytes(server);
        assertThat(cPub).hasSize(32);
        ConnectionId id = ConnectionId.random();
        byte[] kcClient = Hkdf.deriveConnectionKey(KeyExchange.sharedSecret(client.getPrivate(), sPub), id);
        byte[] kcServer = Hkdf.deriveConnectionKey(KeyExchange.sharedSecret(server.getPrivate(), cPub), id);
        assertThat(kcClient).hasSize(32).isEqualTo(kcServer);
    }

    @Test
    @DisplayName("MUST-21 a peer key of the wrong size or a low-order point is BAD_FIELD")
    void shouldRejectThePeerKeyWhenItIsMalformedOrLowOrder() {
        KeyPair own = KeyExchange.generate();
        assertThatThrownBy(() -> KeyExchange.sharedSecret(own.getPrivate(), new byte[31]))
                .isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.BAD_FIELD);
        byte[] zero = new byte[32];
        assertThatThrownBy(() -> KeyExchange.sharedSecret(own.getPrivate(), zero))
                .isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.BAD_FIELD);
        byte[] one = new byte[32];
        one[0] = 1;
        assertThatThrownBy(() -> KeyExchange.sharedSecret(own.getPrivate(), one))
                .isInstanceOf(ProtocolException.class);
    }
}

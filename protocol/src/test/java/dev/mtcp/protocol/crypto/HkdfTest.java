package dev.mtcp.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.io.BaseEncoding;
import dev.mtcp.protocol.ConnectionId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 5869 appendix A test vectors (SHA-256 cases). */
@Timeout(10)
class HkdfTest {
    private static byte[] hex(String s) {
        return BaseEncoding.base16().lowerCase().decode(s);
    }

    @Test
    void shouldMatchRfc5869Case1WhenDerivingWithSaltAndInfo() {
        byte[] ikm = hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] prk = Hkdf.extract(hex("000102030405060708090a0b0c"), ikm);
        assertThat(prk).isEqualTo(hex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"));
        assertThat(Hkdf.expand(prk, hex("f0f1f2f3f4f5f6f7f8f9"), 42)).isEqualTo(
                hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"));
    }

    @Test
    void shouldMatchRfc5869Case2WhenDerivingLongOutput() {
        StringBuilder ikm = new StringBuilder();
        StringBuilder salt = new StringBuilder();
        StringBuilder info = new StringBuilder();
        for (int i = 0; i < 0x50; i++) {
            ikm.append(String.format("%02x", i));
            salt.append(String.format("%02x", 0x60 + i));
            info.append(String.format("%02x", 0xb0 + i));
        }
        byte[] okm = Hkdf.derive(hex(salt.toString()), hex(ikm.toString()), hex(info.toString()), 82);
        assertThat(okm).isEqualTo(hex("b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                + "cc30c58179ec3e87c14c01d5c1f3434f1d87"));
    }

    @Test
    void shouldMatchRfc5869Case3WhenSaltAndInfoAreEmpty() {
        byte[] okm = Hkdf.derive(new byte[0], hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), new byte[0], 42);
        assertThat(okm).isEqualTo(
                hex("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"));
    }

    @Test
    void shouldDeriveDifferentKeysWhenConnectionIdsDiffer() {
        byte[] secret = new byte[32];
        byte[] k1 = Hkdf.deriveConnectionKey(secret, new ConnectionId(new byte[16]));
        byte[] k2 = Hkdf.deriveConnectionKey(secret, ConnectionId.fromHex("000000000000000000000000000000ff"));
        assertThat(k1).hasSize(32).isNotEqualTo(k2);
    }
}

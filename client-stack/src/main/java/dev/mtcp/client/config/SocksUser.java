package dev.mtcp.client.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A SOCKS5 user (RFC 1929 username/password). {@link #toString()} never shows the password.
 *
 * @param name     1..255 bytes in UTF-8
 * @param password 1..255 bytes in UTF-8
 */
public record SocksUser(String name, String password) {

    public SocksUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
    }

    /** Constant-time comparison of the presented credentials with this user's. */
    public boolean matches(byte[] presentedName, byte[] presentedPassword) {
        boolean nameOk = MessageDigest.isEqual(name.getBytes(StandardCharsets.UTF_8), presentedName);
        boolean passwordOk = MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8), presentedPassword);
        return nameOk & passwordOk;
    }

    @Override
    public String toString() {
        return "SocksUser[name=" + name + ", password=***]";
    }
}

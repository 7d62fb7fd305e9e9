package dev.mtcp.protocol.crypto;

import com.google.common.io.BaseEncoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The secret every server of a group shares: 32 random bytes. Never sent, never logged. Tickets, sealed
 * state and peer authentication use separate keys derived from it with HKDF ({@link #derive}).
 * File format: 64 lower-case hex characters and a newline, mode 0600.
 */
public record GroupKey(byte[] bytes) {
    public static final int LENGTH = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    public GroupKey {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("group key must be " + LENGTH + " bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    public static GroupKey generate() {
        byte[] b = new byte[LENGTH];
        new SecureRandom().nextBytes(b);
        return new GroupKey(b);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** A 32-byte subkey: {@code HKDF(salt = empty, ikm = group key, info = label)}. */
    public byte[] derive(String label) {
        return Hkdf.derive(new byte[0], bytes, label.getBytes(StandardCharsets.US_ASCII), Hkdf.KEY_BYTES);
    }

    /**
     * Reads a key file written by {@link #write}.
     *
     * @throws IOException when the file is missing, readable by group or others, or not 64 hex characters
     */
    public static GroupKey read(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null) {
            Set<PosixFilePermission> perms = view.readAttributes().permissions();
            if (!OWNER_ONLY.containsAll(perms)) {
                throw new IOException("group key file " + file + " is accessible by others ("
                        + PosixFilePermissions.toString(perms) + "); run: chmod 600 " + file);
            }
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim().toLowerCase(Locale.ROOT);
        if (text.length() != LENGTH * 2 || !BaseEncoding.base16().lowerCase().canDecode(text)) {
            throw new IOException("group key file " + file + " must hold exactly 64 hex characters (create one with: mtcp keygen --out FILE)");
        }
        return new GroupKey(BaseEncoding.base16().lowerCase().decode(text));
    }

    /** Writes the key as hex with mode 0600, atomically replacing {@code file}. */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".groupkey", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(tmp, BaseEncoding.base16().lowerCase().encode(bytes) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupKey g && Hmac.equal(bytes, g.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "GroupKey[redacted]";
    }
}

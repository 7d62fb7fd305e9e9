package dev.mtcp.tools.config;

import dev.mtcp.tools.CommandFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The group key file shared by the servers of a group (peer authentication, tickets, sealed state).
 *
 * <p>Format v1 (text, UTF-8): lines starting with {@code #} and blank lines are ignored; exactly one
 * other line holds the 32 key bytes in standard base64 (44 characters). The file is written with
 * mode 0600 and refused when group or others can read it, like an SSH private key.
 * <pre>
 * # mtcp group key v1: keep secret; every server of the group needs this same file
 * q3J0c2VjcmV0LWtleS1ieXRlcy0zMi1sb25nLi4uLi4=
 * </pre>
 */
public final class GroupKeyFile {
    /** Key length in bytes (AES-256 / HMAC-SHA256 key). */
    public static final int KEY_BYTES = 32;
    private static final String HEADER = "# mtcp group key v1: keep secret; every server of the group needs this same file";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private GroupKeyFile() {}

    /** Generates a fresh random key. */
    public static byte[] generate(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return key;
    }

    /**
     * Writes {@code key} to {@code file} with mode 0600: written to a 0600 temporary file in the same
     * directory, then moved into place, so the key is never readable by others, not even briefly.
     *
     * @throws CommandFailure (input) when the file exists and {@code overwrite} is false, or it cannot be written
     */
    public static void write(Path file, byte[] key, boolean overwrite) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a group key has " + KEY_BYTES + " bytes, not " + key.length);
        }
        Path dir = file.toAbsolutePath().getParent();
        if (!overwrite && Files.exists(file)) {
            throw CommandFailure.input(file + " already exists; choose another --out or pass --force to replace it"
                    + " (servers using the old key will no longer trust servers using the new one)");
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".mtcp-key-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(tmp, HEADER + "\n" + Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.UTF_8);
            if (overwrite) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            tmp = null;
        } catch (FileAlreadyExistsException e) {
            throw CommandFailure.input(file + " already exists; choose another --out or pass --force to replace it", e);
        } catch (NoSuchFileException e) {
            throw CommandFailure.input("cannot write " + file + ": directory " + dir + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw CommandFailure.input("cannot write " + file + ": permission denied", e);
        } catch (IOException e) {
            throw CommandFailure.input("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * Reads a key file, checking its mode and format.
     *
     * @throws CommandFailure (input) with a message naming the file and what to do
     */
    public static byte[] read(Path file) {
        List<String> lines;
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.stream().anyMatch(p -> !OWNER_ONLY.contains(p) && p != PosixFilePermission.OWNER_EXECUTE)) {
                throw CommandFailure.input("group key " + file + " is accessible by others (mode "
                        + PosixFilePermissions.toString(mode) + "); run: chmod 600 " + file);
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CommandFailure.input("group key " + file + " does not exist; create one with: mtcp keygen --out " + file, e);
        } catch (AccessDeniedException e) {
            throw CommandFailure.input("cannot read group key " + file + ": permission denied", e);
        } catch (IOException e) {
            throw CommandFailure.input("cannot read group key " + file + ": " + e.getMessage(), e);
        }
        List<String> keyLines = lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        if (keyLines.size() != 1) {
            throw CommandFailure.input("group key " + file + " must hold exactly one base64 line, found "
                    + keyLines.size() + "; create a new one with: mtcp keygen --out FILE");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(keyLines.getFirst());
        } catch (IllegalArgumentException e) {
            throw CommandFailure.input("group key " + file + " is not valid base64; create a new one with: mtcp keygen --out FILE", e);
        }
        if (key.length != KEY_BYTES) {
            throw CommandFailure.input("group key " + file + " holds " + key.length + " bytes, expected " + KEY_BYTES
                    + "; create a new one with: mtcp keygen --out FILE");
        }
        return key;
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // the temporary file is 0600; leaving it behind leaks nothing
        }
    }
}

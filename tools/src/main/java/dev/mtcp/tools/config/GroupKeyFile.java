package dev.mtcp.tools.config;

import dev.mtcp.protocol.crypto.GroupKey;
import dev.mtcp.tools.CommandFailure;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The CLI side of the group key file: {@link GroupKey#write} / {@link GroupKey#read} (protocol module;
 * 64 lower-case hex characters and a newline, mode 0600, refused when group or others can access it),
 * with the errors turned into one-line messages that say what to do.
 */
public final class GroupKeyFile {
    private GroupKeyFile() {}

    /**
     * Writes a fresh key to {@code file} with mode 0600 (atomically, never readable by others).
     *
     * @throws CommandFailure (input) when the file exists and {@code overwrite} is false, or it cannot be written
     */
    public static GroupKey create(Path file, boolean overwrite) {
        Path dir = file.toAbsolutePath().getParent();
        if (!overwrite && Files.exists(file)) {
            throw CommandFailure.input(file + " already exists; choose another --out or pass --force to replace it"
                    + " (servers using the old key will no longer trust servers using the new one)");
        }
        if (!Files.isDirectory(dir)) {
            throw CommandFailure.input("cannot write " + file + ": directory " + dir + " does not exist");
        }
        GroupKey key = GroupKey.generate();
        try {
            key.write(file);
        } catch (AccessDeniedException e) {
            throw CommandFailure.input("cannot write " + file + ": permission denied", e);
        } catch (IOException e) {
            throw CommandFailure.input("cannot write " + file + ": " + e.getMessage(), e);
        }
        return key;
    }

    /**
     * Reads a key file, checking its mode and format.
     *
     * @throws CommandFailure (input) with a message naming the file and what to do
     */
    public static GroupKey read(Path file) {
        try {
            return GroupKey.read(file);
        } catch (NoSuchFileException e) {
            throw CommandFailure.input("group key " + file + " does not exist; create one with: mtcp keygen --out " + file, e);
        } catch (AccessDeniedException e) {
            throw CommandFailure.input("cannot read group key " + file + ": permission denied", e);
        } catch (IOException e) {
            throw CommandFailure.input(e.getMessage(), e);
        }
    }
}

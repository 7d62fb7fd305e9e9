package dev.mtcp.tools.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtcp.tools.CliRun;
import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.ExitCodes;
import dev.mtcp.tools.config.GroupKeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class KeygenCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteA32ByteKeyWithMode0600() throws Exception {
        Path key = dir.resolve("group.key");

        CliRun run = CliRun.of("keygen", "--out", key.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("wrote group key " + key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(GroupKeyFile.read(key).bytes()).hasSize(32);
        assertThat(Files.readString(key)).matches("[0-9a-f]{64}\n");
        assertThat(dir.toFile().list()).containsExactly("group.key");
    }

    @Test
    void shouldWriteDifferentKeysEachTime() {
        Path a = dir.resolve("a.key");
        Path b = dir.resolve("b.key");
        CliRun.of("keygen", "--out", a.toString());
        CliRun.of("keygen", "--out", b.toString());

        assertThat(GroupKeyFile.read(a)).isNotEqualTo(GroupKeyFile.read(b));
    }

    @Test
    void shouldRefuseToOverwriteWithoutForce() throws Exception {
        Path key = dir.resolve("group.key");
        CliRun.of("keygen", "--out", key.toString());
        var before = GroupKeyFile.read(key);

        CliRun again = CliRun.of("keygen", "--out", key.toString());

        assertThat(again.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(again.err()).contains("already exists", "--force");
        assertThat(GroupKeyFile.read(key)).isEqualTo(before);
        assertThat(CliRun.of("keygen", "--out", key.toString(), "--force").exitCode()).isZero();
        assertThat(GroupKeyFile.read(key)).isNotEqualTo(before);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void shouldSayWhenTheDirectoryDoesNotExist() {
        CliRun run = CliRun.of("keygen", "--out", dir.resolve("nope/group.key").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("does not exist").doesNotContain("\tat ");
    }

    @Test
    void shouldRefuseToReadAKeyOthersCanRead() throws Exception {
        Path key = dir.resolve("group.key");
        CliRun.of("keygen", "--out", key.toString());
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> GroupKeyFile.read(key)).isInstanceOf(CommandFailure.class)
                .hasMessageContaining("accessible by others").hasMessageContaining("chmod 600");
    }

    @Test
    void shouldRejectMalformedKeyFilesClearly() throws Exception {
        Path key = Files.createFile(dir.resolve("bad.key"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(key, "not hex!\n");
        assertThatThrownBy(() -> GroupKeyFile.read(key)).isInstanceOf(CommandFailure.class)
                .hasMessageContaining("exactly 64 hex characters").hasMessageContaining("mtcp keygen --out");
        assertThatThrownBy(() -> GroupKeyFile.read(dir.resolve("missing.key")))
                .isInstanceOf(CommandFailure.class).hasMessageContaining("does not exist; create one with: mtcp keygen --out");
    }
}

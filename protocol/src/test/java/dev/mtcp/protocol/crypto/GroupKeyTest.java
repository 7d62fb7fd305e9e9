package dev.mtcp.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class GroupKeyTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("MUST-29 the group key file is written with mode 0600 and reads back")
    void shouldReadBackTheKeyWhenWrittenToAFile() throws Exception {
        GroupKey k = GroupKey.generate();
        Path f = dir.resolve("group.key");
        k.write(f);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        assertThat(GroupKey.read(f)).isEqualTo(k);
        GroupKey k2 = GroupKey.generate();
        k2.write(f);
        assertThat(GroupKey.read(f)).isEqualTo(k2).isNotEqualTo(k);
    }

    @Test
    @DisplayName("MUST-29 a group key file readable by others is refused with the chmod to run")
    void shouldRefuseTheFileWhenOthersCanReadIt() throws Exception {
        Path f = dir.resolve("open.key");
        GroupKey.generate().write(f);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> GroupKey.read(f)).isInstanceOf(IOException.class).hasMessageContaining("chmod 600");
    }

    @Test
    void shouldExplainWhenTheFileIsNotAKey() throws Exception {
        Path f = dir.resolve("bad.key");
        Files.writeString(f, "not a key");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> GroupKey.read(f)).isInstanceOf(IOException.class).hasMessageContaining("64 hex");
    }

    @Test
    void shouldDeriveIndependentSubkeysWhenLabelsDiffer() {
        GroupKey k = GroupKey.generate();
        assertThat(k.derive(TicketSealer.KEY_LABEL)).isNotEqualTo(k.derive(StateSealer.KEY_LABEL)).hasSize(32);
        assertThat(k.toString()).doesNotContain(com.google.common.io.BaseEncoding.base16().lowerCase().encode(k.bytes()));
    }
}

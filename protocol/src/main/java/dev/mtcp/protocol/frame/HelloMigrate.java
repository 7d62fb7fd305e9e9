package dev.mtcp.protocol.frame;

import dev.mtcp.protocol.crypto.MigrateRequest;
import java.util.Objects;

/**
 * HELLO kind MIGRATE: move an existing connection to this server. The request is signed with the
 * connection key; see {@link dev.mtcp.protocol.crypto.MigrateSigner}.
 * <pre>
 * version(u16) kind=2(u8) MigrateRequest (see MigrateRequest, its wire form = canonical fields + mac(32))
 * </pre>
 */
public record HelloMigrate(int version, MigrateRequest request) implements Hello {
    public HelloMigrate {
        Fields.range("version", version, 0, 0xFFFF);
        Objects.requireNonNull(request, "request");
    }
}

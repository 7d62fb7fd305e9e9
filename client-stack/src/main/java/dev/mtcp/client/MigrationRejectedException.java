package dev.mtcp.client;

import dev.mtcp.protocol.ErrorCode;

/** A server refused a MIGRATE (REJECT); the connection stays on its current server. */
public final class MigrationRejectedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public MigrationRejectedException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}

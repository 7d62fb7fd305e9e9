package dev.mtcp.harness.bench;

import java.util.Optional;

/**
 * How a benchmark service checkpoints its state: through {@code MigratoryConnection.exportState} on the
 * mtcp path, nowhere on a plain TCP path. Lets the same service code run on every path.
 */
public interface Checkpoints {
    /** No checkpointing and nothing imported: a plain TCP connection. */
    Checkpoints NONE = new Checkpoints() {
        @Override
        public Optional<byte[]> imported() {
            return Optional.empty();
        }

        @Override
        public void export(byte[] snapshot) {
            // a plain TCP connection has nowhere to keep a checkpoint and never needs one
        }
    };

    /** The snapshot this connection resumes from after a migration, if any. */
    Optional<byte[]> imported();

    /** Records {@code snapshot} as the state at this point of the stream. */
    void export(byte[] snapshot);
}

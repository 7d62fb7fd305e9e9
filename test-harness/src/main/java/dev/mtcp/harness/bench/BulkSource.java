package dev.mtcp.harness.bench;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The bulk-transfer service: the client sends a request of 8 bytes (big-endian length {@code L}), the
 * server answers with {@code L} bytes; byte {@code i} of every answer is {@code PATTERN[i % PATTERN.length]}.
 * The state checkpointed every {@value #CHECKPOINT_EVERY_BYTES} bytes is {@code (L, bytes still to send)},
 * so a migrated connection resumes the answer where its checkpoint was.
 */
public final class BulkSource {
    static final int CHUNK_BYTES = 64 * 1024;
    static final int CHECKPOINT_EVERY_BYTES = 64 * 1024;
    private static final byte[] PATTERN = pattern();

    private BulkSource() {}

    static void serve(InputStream in, OutputStream out, Checkpoints checkpoints) throws IOException {
        DataInputStream requests = new DataInputStream(in);
        Optional<byte[]> imported = checkpoints.imported();
        if (imported.isPresent() && imported.get().length == 16) {
            ByteBuffer state = ByteBuffer.wrap(imported.get());
            long length = state.getLong();
            answer(out, length, state.getLong(), checkpoints);
        }
        while (true) {
            long length;
            try {
                length = requests.readLong();
            } catch (EOFException e) {
                return;
            }
            if (length < 0) {
                throw new IOException("bulk request with a negative length " + length);
            }
            answer(out, length, length, checkpoints);
        }
    }

    private static void answer(OutputStream out, long length, long remaining, Checkpoints checkpoints)
            throws IOException {
        long sinceCheckpoint = 0;
        while (remaining > 0) {
            int offset = (int) ((length - remaining) % PATTERN.length);
            int n = (int) Math.min(remaining, Math.min(CHUNK_BYTES, PATTERN.length - offset));
            out.write(PATTERN, offset, n);
            remaining -= n;
            sinceCheckpoint += n;
            if (sinceCheckpoint >= CHECKPOINT_EVERY_BYTES || remaining == 0) {
                out.flush();
                checkpoints.export(ByteBuffer.allocate(16).putLong(length).putLong(remaining).array());
                sinceCheckpoint = 0;
            }
        }
        out.flush();
    }

    /** Sends one request for {@code length} bytes and reads the whole answer; returns the bytes read. */
    public static long fetch(InputStream in, OutputStream out, long length, byte[] buffer) throws IOException {
        out.write(ByteBuffer.allocate(8).putLong(length).array());
        out.flush();
        long got = 0;
        while (got < length) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - got));
            if (n < 0) {
                throw new EOFException("bulk answer ended after " + got + " of " + length + " bytes");
            }
            got += n;
        }
        return got;
    }

    private static byte[] pattern() {
        byte[] p = new byte[CHUNK_BYTES * 4 + 7];
        SplittableRandom random = new SplittableRandom(0x6d746370L);
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) random.nextInt(256);
        }
        return p;
    }
}

package dev.mtcp.harness.bench;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The app of the migration-pause benchmark: a request/response stream with app state of a chosen size.
 * The client first sends the state size (4 bytes, big-endian, at least 16); then each 1-byte request is
 * answered with a {@value #RESPONSE_BYTES}-byte response whose first 8 bytes are the response's sequence
 * number (from 1) and whose rest is a fixed pattern. The state is an array of that size with the
 * sequence number in its first 8 bytes, checkpointed every {@link #checkpointEvery(int)} responses
 * (every response up to 64 KiB of state; every 256 responses at 16 MiB, so copying the state does not
 * dominate the stream). Output is a deterministic function of the state and the requests after it.
 */
public final class TickService {
    public static final int RESPONSE_BYTES = 1024;
    static final int MIN_STATE_BYTES = 16;

    private TickService() {}

    /** Checkpoint interval in responses for a state of {@code stateBytes}. */
    static int checkpointEvery(int stateBytes) {
        return Math.max(1, stateBytes / (64 * 1024));
    }

    public static void serve(InputStream in, OutputStream out, Checkpoints checkpoints) throws IOException {
        DataInputStream requests = new DataInputStream(in);
        byte[] state;
        Optional<byte[]> imported = checkpoints.imported();
        if (imported.isPresent()) {
            state = imported.get();
        } else {
            int size;
            try {
                size = requests.readInt();
            } catch (EOFException e) {
                return;
            }
            if (size < MIN_STATE_BYTES) {
                throw new IOException("state size " + size + " is below the minimum of " + MIN_STATE_BYTES);
            }
            state = new byte[size];
            Arrays.fill(state, 8, size, (byte) 0x5a);
            checkpoints.export(state);
        }
        ByteBuffer view = ByteBuffer.wrap(state);
        long sequence = view.getLong(0);
        int every = checkpointEvery(state.length);
        byte[] response = new byte[RESPONSE_BYTES];
        Arrays.fill(response, 8, RESPONSE_BYTES, (byte) 0xa5);
        ByteBuffer responseView = ByteBuffer.wrap(response);
        while (requests.read() >= 0) {
            sequence++;
            responseView.putLong(0, sequence);
            out.write(response);
            out.flush();
            if (sequence % every == 0) {
                view.putLong(0, sequence);
                checkpoints.export(state);
            }
        }
    }

    /** The client side: sends the state size, then requests one response at a time and checks its sequence. */
    public static final class Client {
        private final InputStream in;
        private final OutputStream out;
        private final byte[] response = new byte[RESPONSE_BYTES];
        private long expected = 1;

        public Client(InputStream in, OutputStream out, int stateBytes) throws IOException {
            this.in = in;
            this.out = out;
            out.write(ByteBuffer.allocate(4).putInt(stateBytes).array());
            out.flush();
        }

        /** One request and its response; throws if a response is missing, repeated or out of order. */
        public void next() throws IOException {
            out.write(1);
            out.flush();
            int got = 0;
            while (got < RESPONSE_BYTES) {
                int n = in.read(response, got, RESPONSE_BYTES - got);
                if (n < 0) {
                    throw new EOFException("stream ended inside response " + expected);
                }
                got += n;
            }
            long sequence = ByteBuffer.wrap(response).getLong(0);
            if (sequence != expected) {
                throw new IOException("response " + sequence + " arrived where " + expected + " was expected");
            }
            expected++;
        }

        public long responses() {
            return expected - 1;
        }
    }
}

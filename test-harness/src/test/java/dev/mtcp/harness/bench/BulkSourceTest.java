package dev.mtcp.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BulkSourceTest {

    /** Records checkpoints; optionally imports one. */
    private static final class RecordingCheckpoints implements Checkpoints {
        private final Optional<byte[]> imported;
        final List<byte[]> exported = new ArrayList<>();

        RecordingCheckpoints(Optional<byte[]> imported) {
            this.imported = imported;
        }

        @Override
        public Optional<byte[]> imported() {
            return imported;
        }

        @Override
        public void export(byte[] snapshot) {
            exported.add(snapshot.clone());
        }
    }

    private static byte[] serve(long length, RecordingCheckpoints checkpoints) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] request = length < 0 ? new byte[0] : ByteBuffer.allocate(8).putLong(length).array();
        OriginService.BULK.serve(new ByteArrayInputStream(request), out, checkpoints);
        return out.toByteArray();
    }

    @Test
    void shouldAnswerExactlyTheRequestedLengthWhenAsked() throws IOException {
        RecordingCheckpoints cp = new RecordingCheckpoints(Optional.empty());
        byte[] answer = serve(300_000, cp);
        assertThat(answer).hasSize(300_000);
        assertThat(cp.exported).isNotEmpty();
        assertThat(ByteBuffer.wrap(cp.exported.getLast()).getLong(8)).as("nothing left at the end").isZero();
    }

    @Test
    void shouldContinueTheSameBytesWhenResumedFromACheckpoint() throws IOException {
        RecordingCheckpoints first = new RecordingCheckpoints(Optional.empty());
        byte[] whole = serve(300_000, first);
        byte[] middle = first.exported.get(2);
        long remaining = ByteBuffer.wrap(middle).getLong(8);

        byte[] resumed = serve(-1, new RecordingCheckpoints(Optional.of(middle)));

        assertThat(resumed).hasSize((int) remaining);
        assertThat(resumed).isEqualTo(Arrays.copyOfRange(whole, (int) (300_000 - remaining), 300_000));
    }

    @Test
    void shouldEchoEveryByteWhenServingEcho() throws IOException {
        byte[] sent = new byte[100_000];
        Arrays.fill(sent, (byte) 7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OriginService.ECHO.serve(new ByteArrayInputStream(sent), out, Checkpoints.NONE);
        assertThat(out.toByteArray()).isEqualTo(sent);
    }
}

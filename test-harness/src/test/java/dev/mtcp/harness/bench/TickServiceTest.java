package dev.mtcp.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TickServiceTest {

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

    private static byte[] requests(int stateBytes, int count) {
        ByteBuffer b = ByteBuffer.allocate((stateBytes > 0 ? 4 : 0) + count);
        if (stateBytes > 0) {
            b.putInt(stateBytes);
        }
        return b.array();
    }

    @Test
    void shouldRegenerateTheSameResponsesWhenResumedFromACheckpoint() throws IOException {
        RecordingCheckpoints first = new RecordingCheckpoints(Optional.empty());
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        TickService.serve(new ByteArrayInputStream(requests(1024, 5)), whole, first);
        assertThat(whole.size()).isEqualTo(5 * TickService.RESPONSE_BYTES);
        assertThat(first.exported).hasSize(6).allSatisfy(s -> assertThat(s).hasSize(1024));

        byte[] afterThree = first.exported.get(3);
        ByteArrayOutputStream resumed = new ByteArrayOutputStream();
        TickService.serve(new ByteArrayInputStream(requests(0, 2)), resumed, new RecordingCheckpoints(Optional.of(afterThree)));

        assertThat(resumed.toByteArray())
                .isEqualTo(Arrays.copyOfRange(whole.toByteArray(), 3 * TickService.RESPONSE_BYTES, 5 * TickService.RESPONSE_BYTES));
    }

    @Test
    void shouldCheckpointLessOftenWhenTheStateIsLarge() {
        assertThat(TickService.checkpointEvery(64 * 1024)).isEqualTo(1);
        assertThat(TickService.checkpointEvery(16 << 20)).isEqualTo(256);
    }

    @Test
    void shouldRefuseWhenTheStateSizeIsTooSmall() {
        assertThatThrownBy(() -> TickService.serve(new ByteArrayInputStream(requests(8, 1)), new ByteArrayOutputStream(),
                Checkpoints.NONE)).isInstanceOf(IOException.class).hasMessageContaining("below the minimum");
    }

    @Test
    void shouldCheckSequenceNumbersWhenTheClientTalksToTheService() throws Exception {
        PipedOutputStream toServer = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
        PipedOutputStream toClient = new PipedOutputStream();
        PipedInputStream clientIn = new PipedInputStream(toClient, 1 << 16);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> server = threads.submit(() -> {
                TickService.serve(serverIn, toClient, Checkpoints.NONE);
                return null;
            });
            TickService.Client client = new TickService.Client(clientIn, toServer, 4096);
            for (int i = 0; i < 50; i++) {
                client.next();
            }
            toServer.close();
            server.get(5, TimeUnit.SECONDS);
            assertThat(client.responses()).isEqualTo(50);
        }
    }
}

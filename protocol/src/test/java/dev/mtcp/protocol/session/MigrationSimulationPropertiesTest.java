package dev.mtcp.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.protocol.frame.Data;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * MUST-13..MUST-19 end to end, socket-free: a client (SendBuffer, ReceiveCursor) and a server (InputLog,
 * OutputLog, an app whose output is a deterministic function of its input) exchange DATA and ACKs while
 * the connection migrates any number of times; frames in flight on the old carrier are lost, and either
 * side may resend more than needed (any overlap). Both streams must arrive exactly: no byte lost,
 * duplicated or reordered.
 */
class MigrationSimulationPropertiesTest {
    private static final long LIMIT = 256 * 1024;
    private static final AtomicLong MIGRATIONS = new AtomicLong();
    private static final AtomicLong DUPLICATE_BYTES_DROPPED = new AtomicLong();

    @AfterContainer
    static void shouldHaveExercisedMigrationsAndOverlap() {
        assertThat(MIGRATIONS.get()).as("migrations simulated").isGreaterThan(500);
        assertThat(DUPLICATE_BYTES_DROPPED.get()).as("resent bytes dropped as duplicates").isGreaterThan(0);
    }

    @Property(tries = 200)
    @Label("MUST-19 streams survive any sequence of migrations, losses and overlapping resends exactly")
    void shouldDeliverBothStreamsExactlyWhenMigratingLosingAndResending(@ForAll @IntRange(min = 1, max = 400_000) int length,
                                                  @ForAll("ops") List<int[]> ops, @ForAll long seed) throws Exception {
        Simulation s = new Simulation(OverlapPropertiesTest.randomBytes(length, seed));
        for (int[] op : ops) {
            s.step(op[0], op[1]);
        }
        s.finish();
        assertThat(s.clientReceived()).isEqualTo(Simulation.transform(s.up));
    }

    @Provide
    Arbitrary<List<int[]>> ops() {
        return Arbitraries.integers().between(0, 7)
                .flatMap(code -> Arbitraries.integers().between(0, Integer.MAX_VALUE).map(p -> new int[] {code, p}))
                .list().ofMinSize(10).ofMaxSize(80);
    }

    /** Client, server and the app; the server is replaced at every MIGRATE. */
    static final class Simulation {
        final byte[] up;
        private int upWritten;
        private final SendBuffer sb = new SendBuffer(LIMIT);
        private final ReceiveCursor rc = new ReceiveCursor();
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private InputLog in = new InputLog(LIMIT);
        private OutputLog out = new OutputLog(LIMIT);
        private long outSnap;

        Simulation(byte[] up) {
            this.up = up;
        }

        static byte[] transform(byte[] b) {
            byte[] t = new byte[b.length];
            for (int i = 0; i < b.length; i++) {
                t[i] = (byte) (b[i] ^ 0x5A);
            }
            return t;
        }

        byte[] clientReceived() {
            return received.toByteArray();
        }

        void step(int code, int p) throws Exception {
            switch (code) {
                case 0 -> write(p % 50_000);
                case 1 -> send(p % 8 + 1, 1 + p % 70_000);
                case 2 -> app(p % 30_000);
                case 3 -> checkpoint();
                case 4 -> down(p % 8 + 1, 1 + p % 70_000);
                case 5 -> acks();
                default -> migrate(p);
            }
        }

        void finish() throws Exception {
            for (int i = 0; i < 100_000 && rc.delivered() < up.length; i++) {
                write(up.length);
                send(64, 65_536);
                app(1 << 20);
                checkpoint();
                down(64, 65_536);
                acks();
            }
            assertThat(rc.delivered()).as("downstream complete").isEqualTo(up.length);
            assertThat(out.regenerationMismatchBytes()).isZero();
        }

        private void write(int n) {
            upWritten += sb.offer(up, upWritten, Math.min(n, up.length - upWritten));
        }

        private void send(int frames, int maxBytes) throws Exception {
            for (int i = 0; i < frames && !in.isFull(); i++) {
                Optional<Data> d = sb.nextData(maxBytes);
                if (d.isEmpty()) {
                    return;
                }
                DUPLICATE_BYTES_DROPPED.addAndGet(d.get().length() - in.append(d.get()));
            }
        }

        /** The app reads input, checks it is exactly the client's stream, writes the transform. */
        private void app(int n) {
            byte[] buf = new byte[(int) Math.min(n, in.available())];
            long at = in.consumedOffset();
            int r = in.read(buf, 0, buf.length);
            for (int i = 0; i < r; i++) {
                assertThat(buf[i]).as("upstream byte at %d", at + i).isEqualTo(up[(int) (at + i)]);
            }
            assertThat(out.appOffset()).as("1:1 app keeps output offset = input offset").isEqualTo(at);
            int accepted = out.offer(transform(buf), 0, r);
            if (accepted < r) {
                in.replayFrom(in.consumedOffset() - (r - accepted));
            }
        }

        private void checkpoint() {
            in.checkpoint(in.consumedOffset());
            outSnap = out.appOffset();
        }

        private void down(int frames, int maxBytes) throws Exception {
            for (int i = 0; i < frames; i++) {
                Optional<Data> d = out.nextData(maxBytes);
                if (d.isEmpty()) {
                    return;
                }
                byte[] fresh = rc.accept(d.get());
                DUPLICATE_BYTES_DROPPED.addAndGet(d.get().length() - fresh.length);
                received.write(fresh);
            }
        }

        private void acks() throws Exception {
            sb.ack(in.receivedOffset());
            out.ack(rc.delivered());
        }

        /** Loses frames in flight, moves the state to a new server, resends with optional extra overlap. */
        private void migrate(int p) throws Exception {
            for (int i = 0; i < p % 3; i++) {
                sb.nextData(1 + p % 9000);
                out.nextData(1 + p % 7000);
            }
            MIGRATIONS.incrementAndGet();
            long inSnap = in.inSnap();
            InputLog newIn = InputLog.restore(inSnap, in.logBytes(), LIMIT);
            long acked = out.ackedOffset();
            OutputLog newOut = OutputLog.restore(outSnap, acked, out.bytesFrom(acked, Integer.MAX_VALUE), LIMIT);
            assertThat(out.regenerationMismatchBytes()).as("deterministic app regenerates identical output").isZero();
            in = newIn;
            out = newOut;
            long upDurable = in.receivedOffset();
            long downDelivered = rc.delivered();
            sb.restartFrom((p & 4) != 0 ? sb.ackedOffset() : upDurable);
            out.restartFrom((p & 8) != 0 ? out.ackedOffset() : downDelivered);
        }
    }
}

package dev.mtcp.harness.bench;

import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Ack;
import dev.mtcp.protocol.frame.Data;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.FrameReader;
import dev.mtcp.protocol.frame.FrameWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH micro-benchmarks of the frame codec as a carrier uses it: {@code encode} writes one frame with a
 * {@link FrameWriter} to a stream, {@code decode} reads one with a {@link FrameReader} from a stream,
 * and {@code copy} only copies the same number of bytes — the floor any relay pays, the baseline.
 * The score is frames (operations) per second. Run by {@link CodecBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
public class CodecJmh {
    /** The frame encoded and decoded: an ACK (control frame), DATA with 1 KiB, DATA with 64 KiB. */
    @Param({"ack", "data-1KiB", "data-64KiB"})
    public String frame;

    private Frame value;
    private FrameWriter writer;
    private FrameReader reader;
    private byte[] encoded;
    private byte[] copyTarget;

    @Setup
    public void setUp() {
        value = switch (frame) {
            case "ack" -> new Ack(123_456_789L);
            case "data-1KiB" -> new Data(1L << 30, randomBytes(1024));
            case "data-64KiB" -> new Data(1L << 30, randomBytes(64 * 1024));
            default -> throw new IllegalArgumentException("unknown frame " + frame);
        };
        encoded = FrameWriter.encode(value);
        copyTarget = new byte[encoded.length];
        writer = new FrameWriter(OutputStream.nullOutputStream());
        reader = new FrameReader(new LoopingInputStream(encoded));
    }

    @Benchmark
    public FrameWriter encode() throws IOException {
        writer.write(value);
        return writer;
    }

    @Benchmark
    public Frame decode() throws IOException, ProtocolException {
        return reader.read();
    }

    @Benchmark
    public byte[] copy() {
        System.arraycopy(encoded, 0, copyTarget, 0, encoded.length);
        return copyTarget;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        SplittableRandom r = new SplittableRandom(n);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    /** An endless stream repeating the same bytes: the same encoded frame, over and over. */
    static final class LoopingInputStream extends InputStream {
        private final byte[] data;
        private int position;

        LoopingInputStream(byte[] data) {
            this.data = data.clone();
        }

        @Override
        public int read() {
            int b = data[position] & 0xFF;
            position = (position + 1) % data.length;
            return b;
        }

        @Override
        public int read(byte[] dst, int off, int len) {
            int n = Math.min(len, data.length - position);
            System.arraycopy(data, position, dst, off, n);
            position = (position + n) % data.length;
            return n;
        }
    }
}

package dev.mtcp.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay that delays every chunk, both ways, by a one-way delay the test may change at
 * any time (a slow path between two servers). Bytes keep their order; nothing is dropped.
 */
final class DelayingRelay extends LoopbackRelay {
    private final AtomicLong sequence = new AtomicLong();
    private volatile long delayNanos;

    DelayingRelay(InetSocketAddress target) throws IOException {
        super(target);
    }

    /** Bytes read from now on are forwarded {@code millis} after they arrived. */
    void delayMillis(long millis) {
        delayNanos = TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Override
    protected void relay(Socket client, Socket server) {
        pipe(client, server);
        pipe(server, client);
    }

    private void pipe(Socket from, Socket to) {
        DelayQueue<Chunk> line = new DelayQueue<>();
        Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[64 * 1024];
            try {
                InputStream in = from.getInputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    line.add(new Chunk(System.nanoTime() + delayNanos, sequence.incrementAndGet(), Arrays.copyOf(buf, n)));
                }
            } catch (IOException e) {
                // the connection went away
            }
            line.add(new Chunk(System.nanoTime() + delayNanos, sequence.incrementAndGet(), null));
        });
        Thread.ofVirtual().start(() -> {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Chunk c = line.take();
                    if (c.bytes == null) {
                        to.shutdownOutput();
                        return;
                    }
                    out.write(c.bytes);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the connection or the test went away
            }
        });
    }

    @Override
    public void close() throws IOException {
        closeListener();
        for (Socket s : open) s.close();
    }

    private record Chunk(long dueNanos, long seq, byte[] bytes) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Chunk other = (Chunk) o;
            int byDue = Long.compare(dueNanos, other.dueNanos);
            return byDue != 0 ? byDue : Long.compare(seq, other.seq);
        }
    }
}

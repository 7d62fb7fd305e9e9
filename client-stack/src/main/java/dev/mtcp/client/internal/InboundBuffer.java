package dev.mtcp.client.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * Downstream bytes delivered by the connection's thread and not yet read by the app. Its size is
 * bounded by the server's output-log limit, because the client ACKs only what the app has read.
 * After each read the consumed offset is reported (at most every 32 KiB, and whenever the buffer
 * runs empty) so the connection can ACK it.
 */
public final class InboundBuffer {
    private static final long ACK_EVERY_BYTES = 32 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private final LongConsumer onConsumed;
    private int headPos;
    private long buffered;
    private long consumed;
    private long reportedConsumed;
    private boolean finished;
    private IOException failure;

    public InboundBuffer(LongConsumer onConsumed) {
        this.onConsumed = onConsumed;
    }

    public void offer(byte[] bytes) {
        lock.lock();
        try {
            chunks.add(bytes);
            buffered += bytes.length;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The server's stream ended (FIN reached): reads return -1 once the buffer is empty. */
    public void finish() {
        lock.lock();
        try {
            finished = true;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Reads fail with {@code e} (after the buffered bytes, unless {@code now}). */
    public void fail(IOException e, boolean now) {
        lock.lock();
        try {
            if (failure == null) failure = e;
            if (now) {
                chunks.clear();
                buffered = 0;
            }
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public int available() {
        lock.lock();
        try {
            return (int) Math.min(Integer.MAX_VALUE, buffered);
        } finally {
            lock.unlock();
        }
    }

    public int read(byte[] dst, int off, int len) throws IOException {
        if (len == 0) return 0;
        long report;
        int n = 0;
        lock.lock();
        try {
            while (buffered == 0) {
                if (failure != null) throw new IOException(failure.getMessage(), failure);
                if (finished) return -1;
                readable.await();
            }
            while (n < len && !chunks.isEmpty()) {
                byte[] head = chunks.peekFirst();
                int k = Math.min(len - n, head.length - headPos);
                System.arraycopy(head, headPos, dst, off + n, k);
                n += k;
                headPos += k;
                if (headPos == head.length) {
                    chunks.pollFirst();
                    headPos = 0;
                }
            }
            buffered -= n;
            consumed += n;
            report = (buffered == 0 || consumed - reportedConsumed >= ACK_EVERY_BYTES) ? consumed : -1;
            if (report >= 0) reportedConsumed = consumed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading a migratory connection");
        } finally {
            lock.unlock();
        }
        if (report >= 0) onConsumed.accept(report);
        return n;
    }
}

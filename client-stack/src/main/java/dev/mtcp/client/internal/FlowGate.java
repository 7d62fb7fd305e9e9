package dev.mtcp.client.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Upstream backpressure: the app's writes take credit here and block while the bytes not yet ACKed
 * by the server reach the send window; ACKs give credit back. Never drops anything.
 */
public final class FlowGate {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private final long limitBytes;
    private long inFlightBytes;
    private IOException failure;

    public FlowGate(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    public void acquire(int n) throws IOException {
        lock.lock();
        try {
            while (failure == null && inFlightBytes > 0 && inFlightBytes + n > limitBytes) {
                room.await();
            }
            if (failure != null) throw new IOException(failure.getMessage(), failure);
            inFlightBytes += n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the server to acknowledge upstream bytes");
        } finally {
            lock.unlock();
        }
    }

    public void release(long n) {
        if (n <= 0) return;
        lock.lock();
        try {
            inFlightBytes = Math.max(0, inFlightBytes - n);
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void fail(IOException e) {
        lock.lock();
        try {
            if (failure == null) failure = e;
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }
}

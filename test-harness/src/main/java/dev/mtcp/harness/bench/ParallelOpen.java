package dev.mtcp.harness.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs {@code count} bounded tasks on a fixed number of virtual-thread workers; collects what they return. */
final class ParallelOpen {
    @FunctionalInterface
    interface Opener<T> {
        T open(int index) throws IOException;
    }

    private ParallelOpen() {}

    /** Opens {@code count} things with {@code workers} concurrent openers into {@code into}; fails on the first error. */
    static <T> void open(int count, int workers, long timeoutSeconds, Opener<T> opener, Collection<T> into)
            throws IOException {
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int first = w;
                work.add(threads.submit(() -> {
                    for (int i = first; i < count; i += workers) {
                        T t = opener.open(i);
                        synchronized (into) {
                            into.add(t);
                        }
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            for (Future<?> f : work) {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw new IOException("opening " + count + " connections failed after " + into.size() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("opening " + count + " connections took over " + timeoutSeconds + " s ("
                    + into.size() + " opened)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            threads.shutdownNow();
        }
    }
}

package dev.mtcp.harness.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;

/** {@code streams} persistent connections to a {@link OriginService#BULK} path, downloading in parallel. */
final class BulkClient implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 300;
    private final List<BenchConnection> sockets = new ArrayList<>();
    private final List<byte[]> buffers = new ArrayList<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    BulkClient(BenchPath path, int streams) throws IOException {
        try {
            for (int i = 0; i < streams; i++) {
                sockets.add(path.connect());
                buffers.add(new byte[BulkSource.CHUNK_BYTES]);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** Downloads {@code bytesPerStream} on every stream at once; returns the elapsed nanoseconds. */
    long download(long bytesPerStream) throws IOException {
        List<Future<Long>> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < sockets.size(); i++) {
            BenchConnection s = sockets.get(i);
            byte[] buf = buffers.get(i);
            running.add(threads.submit(() -> BulkSource.fetch(s.in(), s.out(), bytesPerStream, buf)));
        }
        for (Future<Long> f : running) {
            try {
                f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new IOException("a bulk stream failed: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new IOException("a bulk stream took over " + TIMEOUT_SECONDS + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        return System.nanoTime() - start;
    }

    @Override
    public void close() {
        sockets.forEach(BenchConnection::close);
        threads.shutdownNow();
    }
}

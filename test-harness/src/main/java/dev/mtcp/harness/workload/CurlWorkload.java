package dev.mtcp.harness.workload;

import com.google.common.io.BaseEncoding;
import dev.mtcp.harness.testbed.Testbed;
import dev.mtcp.harness.testbed.TestbedException;
import dev.mtcp.server.apps.StreamSequence;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Unchanged HTTP clients: {@code curl} processes in the client namespace download one file through
 * the proxy; the downloaded files are compared with the served one by SHA-256. Progress is the size
 * of each output file, polled every 200 ms (so pauses are known to that resolution).
 */
public final class CurlWorkload implements RunningWorkload {
    /** The file the http servers serve, under their {@code --root}. */
    public static final String FILE_NAME = "data.bin";
    private static final long POLL_MILLIS = 200;
    private final List<Process> curls;
    private final List<Path> outputs;
    private final String expectedSha256;
    private final long bytes;
    private final List<ProgressSample> progress = new CopyOnWriteArrayList<>();
    private final long startNanos = System.nanoTime();
    private final Thread poller;

    private CurlWorkload(List<Process> curls, List<Path> outputs, String expectedSha256, long bytes) {
        this.curls = curls;
        this.outputs = outputs;
        this.expectedSha256 = expectedSha256;
        this.bytes = bytes;
        this.poller = Thread.ofVirtual().name("curl-progress").start(this::poll);
    }

    /** Writes the file of {@code bytes} the servers will serve into {@code root}; returns its SHA-256 (hex). */
    public static String writeServedFile(Path root, long bytes) throws IOException {
        Files.createDirectories(root);
        MessageDigest sha = sha256();
        try (OutputStream out = Files.newOutputStream(root.resolve(FILE_NAME))) {
            byte[] chunk = new byte[64 * 1024];
            for (long pos = 0; pos < bytes; pos += chunk.length) {
                int n = (int) Math.min(chunk.length, bytes - pos);
                StreamSequence.fill(1, pos, chunk, 0, n);
                out.write(chunk, 0, n);
                sha.update(chunk, 0, n);
            }
        }
        return BaseEncoding.base16().lowerCase().encode(sha.digest());
    }

    /** Starts {@code connections} curls in {@code namespace} fetching {@code url}, output under {@code outDir}. */
    public static CurlWorkload start(Testbed testbed, String namespace, String url, int connections, long bytes,
            String expectedSha256, Duration timeout, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        List<Process> curls = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Path out = outDir.resolve("curl-" + i + ".bin");
            Files.deleteIfExists(out);
            outputs.add(out);
            curls.add(testbed.start(namespace, List.of("curl", "-sS", "--fail", "--max-time",
                    Long.toString(Math.max(1, timeout.toSeconds())), "-o", out.toString(), url),
                    outDir.resolve("curl-" + i + ".log")));
        }
        return new CurlWorkload(curls, outputs, expectedSha256, bytes);
    }

    private void poll() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                sample();
                Thread.sleep(POLL_MILLIS); // a sampling period, not a wait for a condition
            }
        } catch (InterruptedException done) {
            Thread.currentThread().interrupt();
        }
    }

    private void sample() {
        List<Long> sizes = new ArrayList<>();
        for (Path out : outputs) {
            try {
                sizes.add(Files.exists(out) ? Files.size(out) : 0L);
            } catch (IOException e) {
                sizes.add(0L);
            }
        }
        progress.add(new ProgressSample((System.nanoTime() - startNanos) / 1_000_000, sizes));
    }

    @Override
    public void awaitStarted(Duration timeout) {
        for (Process curl : curls) {
            if (!curl.isAlive() && curl.exitValue() != 0) {
                throw new TestbedException("curl exited at once with code " + curl.exitValue());
            }
        }
    }

    @Override
    public List<ProgressSample> progress() {
        return new ArrayList<>(progress);
    }

    @Override
    public List<ConnectionOutcome> awaitOutcomes(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConnectionOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < curls.size(); i++) {
            Process curl = curls.get(i);
            long left = Math.max(0, deadline - System.nanoTime());
            boolean exited = curl.waitFor(left, TimeUnit.NANOSECONDS);
            outcomes.add(outcome(i, exited ? Optional.of(curl.exitValue()) : Optional.empty()));
        }
        poller.interrupt();
        sample();
        return outcomes;
    }

    private ConnectionOutcome outcome(int index, Optional<Integer> exitCode) {
        Path out = outputs.get(index);
        long size = 0;
        String sha = "";
        try {
            if (Files.exists(out)) {
                MessageDigest digest = sha256();
                try (InputStream in = new DigestInputStream(Files.newInputStream(out), digest)) {
                    size = in.transferTo(OutputStream.nullOutputStream());
                }
                sha = BaseEncoding.base16().lowerCase().encode(digest.digest());
            }
        } catch (IOException e) {
            return new ConnectionOutcome(index, false, 0, "", maxPause(index), Optional.of("cannot read " + out + ": " + e));
        }
        Optional<String> error = Optional.empty();
        if (exitCode.isEmpty()) {
            error = Optional.of("curl did not finish in time (" + size + " of " + bytes + " bytes)");
        } else if (exitCode.get() != 0) {
            error = Optional.of("curl exited with code " + exitCode.get() + " after " + size + " of " + bytes + " bytes");
        } else if (size != bytes || !sha.equals(expectedSha256)) {
            error = Optional.of("downloaded " + size + " bytes with SHA-256 " + sha + ", expected " + bytes
                    + " bytes with SHA-256 " + expectedSha256);
        }
        return new ConnectionOutcome(index, error.isEmpty(), size, sha, maxPause(index), error);
    }

    /** Longest stretch between polls in which the file did not grow while it was incomplete. */
    private long maxPause(int index) {
        long max = 0;
        long since = -1;
        long last = -1;
        for (ProgressSample s : progress) {
            long size = s.bytes().get(index);
            if (since < 0 || size != last) {
                since = s.elapsedMillis();
                last = size;
            } else if (size < bytes) {
                max = Math.max(max, s.elapsedMillis() - since);
            }
        }
        return max;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public void close() {
        poller.interrupt();
        curls.forEach(Process::destroyForcibly);
    }
}

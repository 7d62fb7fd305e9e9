package dev.mtcp.tools.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Real curl, unchanged, pointed at the proxy like at any web server. */
final class CurlClient implements DownloadClient {
    private final Process process;
    private final Path out;
    private final Path errors;
    private final String version;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private CurlClient(Process process, Path out, Path errors, String version) {
        this.process = process;
        this.out = out;
        this.errors = errors;
        this.version = version;
        process.onExit().thenAccept(p -> finish(p.exitValue()));
    }

    static boolean available() {
        return version() != null;
    }

    private static String version() {
        try {
            Process p = new ProcessBuilder("curl", "--version").redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst()
                    .orElse("");
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? first.split(" \\(")[0] : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static CurlClient start(String host, int port, String path, Path out, long rateBytesPerSecond) throws IOException {
        Path errors = out.resolveSibling("curl.err");
        Process p = new ProcessBuilder(List.of("curl", "--silent", "--show-error", "--fail", "--max-time", "120",
                "--limit-rate", String.valueOf(rateBytesPerSecond), "--output", out.toString(),
                "http://" + host + ":" + port + path))
                .redirectError(errors.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return new CurlClient(p, out, errors, version());
    }

    private void finish(int exit) {
        if (exit == 0) {
            done.complete(null);
            return;
        }
        String why;
        try {
            why = Files.readString(errors).strip();
        } catch (IOException e) {
            why = "(no error output)";
        }
        done.completeExceptionally(new IOException("curl exited with " + exit + ": " + why));
    }

    @Override
    public String name() {
        return version;
    }

    @Override
    public long bytesReceived() {
        try {
            return Files.exists(out) ? Files.size(out) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public CompletableFuture<Void> done() {
        return done;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}

package dev.mtcp.harness.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A {@link ScaleServerMain} in a child JVM with this JVM's class path, driven over its stdin/stdout. */
final class ScaleServerProcess implements AutoCloseable {
    private static final long REPLY_TIMEOUT_SECONDS = 60;
    private final Process process;
    private final BufferedReader replies;
    private final PrintStream commands;
    private final Path log;
    private final InetSocketAddress address;

    private ScaleServerProcess(Process process, Path log) throws IOException {
        this.process = process;
        this.log = log;
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String first = reply("LISTENING");
        this.address = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(first.split(" ")[1]));
    }

    static ScaleServerProcess start(ScaleServerKind kind, String maxHeap) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        // -Xms = -Xmx: the heap never shrinks between two measurements, so RSS differences are the connections'
        cmd.addAll(List.of("-Xms" + maxHeap, "-Xmx" + maxHeap, "-Xss512k", "--enable-native-access=ALL-UNNAMED",
                "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), ScaleServerMain.class.getName(), kind.cliName()));
        Path log = Files.createTempFile("mtcp-bench-scale-", ".log");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        try {
            return new ScaleServerProcess(p, log);
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw new IOException("the scale server (" + kind.cliName() + ") did not start: " + e.getMessage()
                    + "; its stderr: " + Files.readString(log).strip(), e);
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .filter(c -> c.endsWith("/java"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    InetSocketAddress address() {
        return address;
    }

    /** The child's heap after GC and RSS, and how many connections it holds. */
    Measurement measure() throws IOException {
        commands.println("MEASURE");
        String[] f = reply("MEMORY").split(" ");
        return new Measurement(Long.parseLong(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3]));
    }

    record Measurement(long heapUsedBytes, long rssBytes, int connections) {}

    private String reply(String expectedPrefix) throws IOException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return replies.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, runnable -> Thread.ofVirtual().start(runnable));
        String text;
        try {
            text = line.get(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException("no " + expectedPrefix + " from the scale server within " + REPLY_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            throw new IOException("reading the scale server's reply: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (text == null || !text.startsWith(expectedPrefix + " ")) {
            throw new IOException("the scale server answered '" + text + "' instead of " + expectedPrefix
                    + "; its stderr: " + Files.readString(log).strip());
        }
        return text;
    }

    @Override
    public void close() {
        commands.println("EXIT");
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a leftover log in /tmp is harmless
        }
    }
}

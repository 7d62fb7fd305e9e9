package dev.mtcp.tools.wan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code java -jar mtcp.jar wan ...} as a real process for the WAN ITs (the shaded jar failsafe passes). */
final class WanCli {
    private WanCli() {
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("mtcp.jar", "target/mtcp.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the shaded jar " + jar + " is missing: run the ITs through `mvn verify`");
        }
        return jar;
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples/scenarios"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("examples/scenarios not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static ProcessBuilder builder(Path log, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-jar", jar().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    }

    /** Runs {@code mtcp ARGS} to completion; returns the exit code. */
    static int run(Path log, Duration timeout, String... args) throws IOException, InterruptedException {
        Process p = builder(log, args).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            throw new AssertionError("mtcp " + String.join(" ", args) + " still running after " + timeout + ":\n"
                    + Files.readString(log));
        }
        return p.exitValue();
    }

    static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }
}

package dev.mtcp.harness.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The server process of the scale benchmark, started by {@link ScaleServerProcess} in its own JVM so
 * its heap and RSS hold only the server side of the idle connections. Argument: the server kind
 * ({@link ScaleServerKind}). Protocol on stdin/stdout, one line each:
 * it prints {@code LISTENING <port>}; then on {@code MEASURE} it prints
 * {@code MEMORY <heapUsedBytes> <rssBytes> <connections>}; on {@code EXIT} (or end of stdin) it exits.
 */
public final class ScaleServerMain {
    private ScaleServerMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ScaleServerMain " + ScaleServerKind.names());
            System.exit(2);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (ScaleServerKind.Running server = ScaleServerKind.fromName(args[0]).start()) {
            out.println("LISTENING " + server.port());
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = commands.readLine()) != null) {
                switch (line.strip()) {
                    case "MEASURE" -> {
                        ProcessMemory m = ProcessMemory.measureAfterGc();
                        out.println("MEMORY " + m.heapUsedBytes() + " " + m.rssBytes() + " " + server.connections());
                    }
                    case "EXIT" -> {
                        return;
                    }
                    default -> out.println("ERROR unknown command '" + line.strip() + "': MEASURE or EXIT");
                }
            }
        } catch (IOException e) {
            System.err.println("scale server: " + e.getMessage());
            System.exit(1);
        }
    }
}

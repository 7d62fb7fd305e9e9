package dev.mtcp.tools.demo;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The demo's live progress: bytes, rate, current server, migrations. On a terminal one line is
 * rewritten in place; otherwise (CI, a pipe) a line is printed once a second.
 */
final class ProgressLine {
    private final PrintWriter out;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private long lastBytes;
    private long lastNanos = startNanos;
    private long lastPrintedNanos;
    private double rateBytesPerSecond;
    private boolean lineOpen;

    ProgressLine(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    void update(long bytes, long total, String server, int migrations) {
        long now = System.nanoTime();
        double dt = (now - lastNanos) / 1e9;
        if (dt > 0) {
            double instant = (bytes - lastBytes) / dt;
            rateBytesPerSecond = rateBytesPerSecond == 0 ? instant : 0.5 * rateBytesPerSecond + 0.5 * instant;
        }
        lastBytes = bytes;
        lastNanos = now;
        String line = String.format(Locale.ROOT, "  %5.1f s  %6.1f / %.1f MiB  %6.2f MiB/s  server %-3s  migrations %d",
                (now - startNanos) / 1e9, bytes / 1048576.0, total / 1048576.0, rateBytesPerSecond / 1048576.0,
                server.isEmpty() ? "-" : server, migrations);
        if (interactive) {
            out.print("\r" + line + "   ");
            lineOpen = true;
            out.flush();
        } else if (now - lastPrintedNanos >= 1_000_000_000L) {
            out.println(line);
            out.flush();
            lastPrintedNanos = now;
        }
    }

    void note(String message) {
        closeLine();
        out.println("» " + message);
        out.flush();
    }

    void finish() {
        closeLine();
        out.flush();
    }

    private void closeLine() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
    }
}

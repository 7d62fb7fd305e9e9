package dev.mtcp.tools.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Entry point of {@code mtcp demo}. */
public final class Demo {
    private Demo() {}

    /**
     * Runs the demo and prints its progress, summary and report path.
     *
     * @param workDir where everything goes; null: a new folder under the system's temp folder
     * @return true when every byte verified, the policy migrated and the connection survived the kill
     */
    public static boolean run(Path workDir, long fileBytes, PrintWriter out, boolean interactive)
            throws IOException, InterruptedException {
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("mtcp-demo-");
        ProgressLine progress = new ProgressLine(out, interactive);
        out.println("mtcp demo: live migration and crash failover of one download, on loopback");
        out.println("» working in " + dir.toAbsolutePath());
        out.flush();
        DemoSettings settings = DemoSettings.defaults(dir, fileBytes);
        DemoResult result = new DemoRun(settings, DemoQos.fromResource(dir), progress).run();
        Path html = DemoReport.writeHtml(result, dir.resolve("report.html"));
        DemoReport.printSummary(result, html, out);
        return result.passed();
    }
}

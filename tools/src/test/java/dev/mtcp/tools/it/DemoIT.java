package dev.mtcp.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code mtcp demo} as the README runs it: a real process, exit 0, a report with the chart and the migrations. */
@Timeout(180)
class DemoIT {
    @Test
    void shouldVerifyTheDownloadAcrossAQosMigrationAndACrashFailover(@TempDir Path dir) throws Exception {
        try (MtcpProcess demo = MtcpProcess.start("demo", "demo", "--size", "32", "--out", dir.toString())) {
            Matcher report = demo.awaitLine(Pattern.compile("^Report: (.+\\.html)$"), Duration.ofSeconds(150));
            int exit = demo.awaitExit(Duration.ofSeconds(30));
            assertThat(exit).as(demo.output()).isZero();
            assertThat(demo.output()).contains("PASS: every byte verified").contains("s1 → ");

            Path html = Path.of(report.group(1));
            assertThat(html).isRegularFile();
            String page = Files.readString(html);
            assertThat(page).contains("<svg class=\"chart\"").contains("<polyline class=\"series\"")
                    .contains("class=\"marker migration\"").contains("kill -9");
            // One table row per migration: the QoS move off s1 and the failover after the kill.
            assertThat(page.split("<td>s1</td>", -1).length - 1).isGreaterThanOrEqualTo(1);
            assertThat(Pattern.compile("<tr><td>[0-9.]+ s</td><td>s[123]</td><td>s[123]</td>").matcher(page)
                    .results().count()).isGreaterThanOrEqualTo(2);
        }
    }
}

package dev.mtcp.tools.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the demo does, and when.
 *
 * @param workDir            where the served file, the logs, the received file and the report go
 * @param fileBytes          size of the file the client downloads
 * @param clientRateBytesPerSecond the client's own rate limit (so the download lasts long enough to watch)
 * @param throttleBytesPerSecond   the rate the relay slows server s1 to
 * @param throttleAtFraction slow s1 once this fraction of the file has arrived
 * @param killAtFraction     kill the serving server once this fraction has arrived (after the QoS migration)
 * @param qosDeadline        how long the policy may take to move the connection off the slowed server
 * @param timeout            bound on the whole download
 */
record DemoSettings(Path workDir, long fileBytes, long clientRateBytesPerSecond, long throttleBytesPerSecond,
        double throttleAtFraction, double killAtFraction, Duration qosDeadline, Duration timeout) {
    static DemoSettings defaults(Path workDir, long fileBytes) {
        return new DemoSettings(workDir, fileBytes, 6L << 20, 100L << 10, 0.15, 0.4, Duration.ofSeconds(15),
                Duration.ofSeconds(90));
    }
}

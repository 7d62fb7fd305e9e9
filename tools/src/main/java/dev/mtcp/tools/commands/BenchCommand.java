package dev.mtcp.tools.commands;

import dev.mtcp.tools.CommandFailure;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code mtcp bench}: the benchmarks of docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Measure migration pause and proxy throughput.",
        description = "Measure migration pause (p50/p99) and throughput through the proxy versus direct TCP.",
        footerHeading = "%nExamples:%n",
        footer = "  mtcp bench --help")
public final class BenchCommand implements Callable<Integer> {
    @Unmatched
    List<String> arguments;

    @Override
    public Integer call() {
        throw CommandFailure.notAvailable("'mtcp bench' will measure migration pause percentiles and throughput "
                + "through the proxy versus direct TCP", 8);
    }
}

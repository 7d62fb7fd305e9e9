package dev.mtcp.harness.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lines the built-in workload prints on stdout, one event per line, for the runner:
 * <pre>
 * STARTED                                     every connection delivered its first byte (or failed)
 * PROGRESS &lt;elapsed ms&gt; &lt;bytes conn 0&gt; ...   verified bytes received so far, per connection
 * RESULT &lt;i&gt; &lt;intact&gt; &lt;bytes&gt; &lt;sha256&gt; &lt;max pause ms&gt; [error text]
 * FAILED &lt;error text&gt;                          the workload could not start
 * DONE                                        every connection has its RESULT
 * </pre>
 */
public sealed interface WorkloadLine {
    record Started() implements WorkloadLine {}

    record Progress(long elapsedMillis, List<Long> bytes) implements WorkloadLine {
        public Progress {
            bytes = List.copyOf(bytes);
        }
    }

    record Result(ConnectionOutcome outcome) implements WorkloadLine {}

    record Failed(String error) implements WorkloadLine {}

    record Done() implements WorkloadLine {}

    /** The line for stdout. */
    static String format(WorkloadLine line) {
        return switch (line) {
            case Started s -> "STARTED";
            case Progress p -> {
                StringBuilder b = new StringBuilder("PROGRESS ").append(p.elapsedMillis());
                p.bytes().forEach(n -> b.append(' ').append(n));
                yield b.toString();
            }
            case Result r -> {
                ConnectionOutcome o = r.outcome();
                yield "RESULT " + o.index() + " " + o.intact() + " " + o.bytes() + " " + o.sha256() + " "
                        + o.maxPauseMillis() + o.error().map(e -> " " + e.replace('\n', ' ')).orElse("");
            }
            case Failed f -> "FAILED " + f.error().replace('\n', ' ');
            case Done d -> "DONE";
        };
    }

    /** Parses one line; anything else (a log line) is empty. */
    static Optional<WorkloadLine> parse(String text) {
        String[] f = text.strip().split(" ", 7);
        try {
            return switch (f[0]) {
                case "STARTED" -> Optional.of(new Started());
                case "DONE" -> Optional.of(new Done());
                case "FAILED" -> Optional.of(new Failed(text.strip().substring("FAILED".length()).strip()));
                case "PROGRESS" -> {
                    String[] all = text.strip().split(" ");
                    List<Long> bytes = new ArrayList<>();
                    for (int i = 2; i < all.length; i++) {
                        bytes.add(Long.parseLong(all[i]));
                    }
                    yield Optional.of(new Progress(Long.parseLong(all[1]), bytes));
                }
                case "RESULT" -> Optional.of(new Result(new ConnectionOutcome(Integer.parseInt(f[1]),
                        Boolean.parseBoolean(f[2]), Long.parseLong(f[3]), f[4], Long.parseLong(f[5]),
                        f.length > 6 ? Optional.of(f[6]) : Optional.empty())));
                default -> Optional.empty();
            };
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }
}

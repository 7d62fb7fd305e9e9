package dev.mtcp.harness.bench;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the suite without the {@code mtcp} launcher:
 * {@code java -cp CLASSPATH dev.mtcp.harness.bench.BenchMain [quick|full] [all|NAME...] [--json FILE] [--markdown FILE]}.
 * Exit code 0 when every benchmark ran (rows may still be skipped or miss their target), 1 when one
 * failed, 2 for bad arguments.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        BenchOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println("usage: BenchMain [quick|full] [all|NAME...] [--json FILE] [--markdown FILE]");
            System.exit(2);
            return;
        }
        BenchReport report = BenchRunner.run(options, out);
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--markdown")) {
                java.nio.file.Files.writeString(Path.of(args[i + 1]), MarkdownTable.document(report));
            }
        }
        boolean failed = report.results().stream().anyMatch(r -> r.status() == BenchResult.Status.FAILED);
        System.exit(failed ? 1 : 0);
    }

    static BenchOptions parse(String[] args) {
        BenchMode mode = BenchMode.QUICK;
        Set<BenchKind> kinds = EnumSet.noneOf(BenchKind.class);
        Optional<Path> json = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "quick" -> mode = BenchMode.QUICK;
                case "full" -> mode = BenchMode.FULL;
                case "all" -> kinds.addAll(EnumSet.allOf(BenchKind.class));
                case "--markdown" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--markdown needs a file name");
                    }
                    i++;
                }
                case "--json" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--json needs a file name");
                    }
                    json = Optional.of(Path.of(args[++i]));
                }
                default -> kinds.add(BenchKind.fromCliName(a));
            }
        }
        if (kinds.isEmpty()) {
            kinds.addAll(EnumSet.allOf(BenchKind.class));
        }
        return new BenchOptions(mode, kinds, json);
    }
}

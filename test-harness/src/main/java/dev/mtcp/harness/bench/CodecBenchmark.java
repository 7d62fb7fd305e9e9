package dev.mtcp.harness.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Codec micro-benchmarks ({@link CodecJmh}) run with JMH: frames encoded and decoded per second, each
 * compared with copying the same bytes. Quick mode runs in this JVM with one short iteration; full mode
 * forks a JVM per benchmark with warmup, as JMH intends.
 */
public final class CodecBenchmark implements Benchmark {
    @Override
    public BenchKind kind() {
        return BenchKind.CODEC;
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws RunnerException {
        boolean quick = context.sizes().codecQuick();
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .include(CodecJmh.class.getName().replace(".", "\\.") + "\\.")
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true);
        if (quick) {
            opts.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(200));
        } else {
            opts.forks(1).jvmArgsAppend("-Xmx512m", "--sun-misc-unsafe-memory-access=allow").warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(1));
        }
        context.note("codec: JMH " + (quick ? "in-process, 1 x 200 ms per benchmark" : "1 fork, 2 x 1 s warmup, 3 x 1 s"));
        Collection<RunResult> runs = new Runner(opts.build()).run();
        Map<String, Map<String, Double>> scores = new LinkedHashMap<>();   // frame -> method -> ops/s
        for (RunResult r : runs) {
            String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
            String frame = r.getParams().getParam("frame");
            scores.computeIfAbsent(frame, f -> new LinkedHashMap<>()).put(method, r.getPrimaryResult().getScore());
        }
        List<BenchResult> out = new ArrayList<>();
        scores.forEach((frame, byMethod) -> {
            BenchResult copy = BenchResult.measured(kind(), frame, "copy", "frames/s", byMethod.get("copy"), "ops/s");
            out.add(copy);
            for (String m : List.of("encode", "decode")) {
                out.add(BenchResult.measured(kind(), frame, m, "frames/s", byMethod.get(m), "ops/s").comparedWith(copy));
            }
        });
        return out;
    }
}

package dev.mtcp.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkloadLineTest {
    @Test
    void shouldRoundTripEveryLineWhenFormattedAndParsed() {
        List<WorkloadLine> lines = List.of(new WorkloadLine.Started(),
                new WorkloadLine.Progress(1200, List.of(0L, 65536L, 7L)),
                new WorkloadLine.Result(new ConnectionOutcome(3, true, 1000, "ab12", 250, Optional.empty())),
                new WorkloadLine.Result(new ConnectionOutcome(4, false, 10, "cd34", 9000,
                        Optional.of("byte at offset 10 differs: lost, repeated or reordered bytes"))),
                new WorkloadLine.Failed("bad arguments: missing --app"),
                new WorkloadLine.Done());

        for (WorkloadLine line : lines) {
            assertThat(WorkloadLine.parse(WorkloadLine.format(line))).contains(line);
        }
    }

    @Test
    void shouldIgnoreLogLinesAndMalformedLinesWhenParsing() {
        assertThat(WorkloadLine.parse("07:16:32.403 INFO something happened")).isEmpty();
        assertThat(WorkloadLine.parse("PROGRESS soon")).isEmpty();
        assertThat(WorkloadLine.parse("RESULT 1 true")).isEmpty();
        assertThat(WorkloadLine.parse("")).isEmpty();
    }

    @Test
    void shouldKeepAnErrorOnOneLineWhenItHasNewlines() {
        String text = WorkloadLine.format(new WorkloadLine.Result(new ConnectionOutcome(0, false, 0, "", 0,
                Optional.of("first\nsecond"))));

        assertThat(text).doesNotContain("\n").endsWith("first second");
    }
}

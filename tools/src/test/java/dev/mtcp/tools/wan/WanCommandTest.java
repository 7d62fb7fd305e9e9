package dev.mtcp.tools.wan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtcp.tools.CliRun;
import dev.mtcp.tools.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WanCommandTest {
    @TempDir
    Path tmp;

    @Test
    void shouldListItsSubcommandsWhenRunAlone() {
        CliRun run = CliRun.of("wan");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("run", "up", "link", "down", "docs/wan-testing.md");
    }

    @Test
    void shouldSayTheFileIsMissingWhenTheScenarioDoesNotExist() {
        CliRun run = CliRun.of("wan", "run", tmp.resolve("nope.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("mtcp wan run: scenario file", "nope.yaml", "does not exist");
    }

    @Test
    void shouldPointAtFileLineAndFieldWhenTheScenarioIsInvalid() throws Exception {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, """
                name: bad
                duration: 10s
                servers: [{id: s1, app: stream}]
                workload: {app: stream, bytes: 1MB}
                expect:
                  stream_intakt: true
                """);

        CliRun run = CliRun.of("wan", "run", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("bad.yaml:6: expect.stream_intakt: unknown field");
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void shouldRefuseAnUnknownEmulationKind() throws Exception {
        Path file = tmp.resolve("ok.yaml");
        Files.writeString(file, """
                name: ok
                duration: 10s
                servers: [{id: s1, app: stream}]
                workload: {app: stream, bytes: 1MB}
                expect: {stream_intact: true}
                """);

        CliRun run = CliRun.of("wan", "run", file.toString(), "--emulation", "dummynet");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("--emulation must be netem or fallback, got 'dummynet'");
    }

    @Test
    void shouldAskForSomethingToChangeWhenLinkHasNoKnobs() {
        CliRun run = CliRun.of("wan", "link", "s1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("nothing to change", "--delay");
    }

    @Test
    void shouldRefuseKnobsTogetherWithCut() {
        CliRun run = CliRun.of("wan", "link", "s1", "--cut", "--delay", "5ms");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains("--cut, --restore and --reset take no knobs");
    }

    @Test
    void shouldSayNoTestbedIsUpWhenDownFindsNone() {
        CliRun run = CliRun.of("wan", "down", "--name", "mtcp-test-nosuch-" + ProcessHandle.current().pid());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.RUNTIME);
        assertThat(run.err()).contains("no testbed is up", "mtcp wan up");
    }

    @Test
    void shouldBuildTheControlRequestFromTheOptions() {
        WanLinkCommand link = new WanLinkCommand();
        link.host = "s1";
        link.delay = "80ms";
        link.loss = "2%";
        link.direction = "to";

        assertThat(link.request()).isEqualTo("link s1 delay=80ms loss=2% direction=to");
    }
}

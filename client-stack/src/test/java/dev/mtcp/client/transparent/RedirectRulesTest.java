package dev.mtcp.client.transparent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtcp.client.config.ServerEntry;
import dev.mtcp.client.config.ServiceConfig;
import dev.mtcp.client.config.ServiceDirectory;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RedirectRulesTest {

    /** Records every command; answers with exit 1 for commands that contain {@code failOn}. */
    private static final class ScriptedCommands implements CommandRunner {
        final List<List<String>> commands = new ArrayList<>();
        final String failOn;

        ScriptedCommands(String failOn) {
            this.failOn = failOn;
        }

        @Override
        public Result run(List<String> command) {
            commands.add(command);
            return command.contains(failOn) ? new Result(1, "iptables: Permission denied (you must be root)")
                    : new Result(0, "");
        }
    }

    private static ServiceDirectory directory() {
        return new ServiceDirectory(List.of(
                new ServiceConfig("video", List.of(new ServerEntry("s1", "10.0.0.1", 7000),
                        new ServerEntry("s2", "10.0.0.2", 7000))),
                new ServiceConfig("v6", List.of(new ServerEntry("s1", "fd00::5", 7001)))),
                host -> List.of());
    }

    @Test
    void shouldRenderOneRulePerServerAddressWhenPrinting() {
        RedirectRules rules = RedirectRules.forServices(directory(), 1081, OptionalInt.of(1000), new ScriptedCommands("-"));
        assertThat(rules.renderInstall().lines()).containsExactlyInAnyOrder(
                "iptables -w 10 -t nat -A OUTPUT -p tcp -d 10.0.0.1 --dport 7000 -m owner '!' --uid-owner 1000"
                        + " -m comment --comment mtcp-proxy-1081 -j REDIRECT --to-ports 1081",
                "iptables -w 10 -t nat -A OUTPUT -p tcp -d 10.0.0.2 --dport 7000 -m owner '!' --uid-owner 1000"
                        + " -m comment --comment mtcp-proxy-1081 -j REDIRECT --to-ports 1081",
                "ip6tables -w 10 -t nat -A OUTPUT -p tcp -d fd00:0:0:0:0:0:0:5 --dport 7001 -m owner '!' --uid-owner 1000"
                        + " -m comment --comment mtcp-proxy-1081 -j REDIRECT --to-ports 1081");
        assertThat(rules.renderRemove()).contains("-D OUTPUT").doesNotContain("-A OUTPUT");
    }

    @Test
    void shouldOmitOwnerMatchWhenNoExemption() {
        RedirectRule rule = new RedirectRule(InetAddress.ofLiteral("10.0.0.1"), 80, 1081, OptionalInt.empty());
        assertThat(rule.command("-A")).doesNotContain("owner", "--uid-owner")
                .containsSequence("-j", "REDIRECT", "--to-ports", "1081");
    }

    @Test
    void shouldInstallAndRemoveInReverseOrderWhenAllSucceed() throws IOException {
        ScriptedCommands commands = new ScriptedCommands("never");
        RedirectRules rules = RedirectRules.forServices(directory(), 1081, OptionalInt.of(0), commands);
        rules.install();
        assertThat(rules.isInstalled()).isTrue();
        assertThat(rules.remove()).isEmpty();
        assertThat(rules.isInstalled()).isFalse();
        List<String> actions = commands.commands.stream().map(c -> c.get(5) + " " + c.get(10)).toList();
        assertThat(actions).containsExactly("-A 10.0.0.1", "-A 10.0.0.2", "-A fd00:0:0:0:0:0:0:5",
                "-D fd00:0:0:0:0:0:0:5", "-D 10.0.0.2", "-D 10.0.0.1");
        assertThat(rules.remove()).as("second remove does nothing").isEmpty();
        assertThat(commands.commands).hasSize(6);
    }

    @Test
    void shouldRollBackInstalledRulesWhenOneFails() {
        ScriptedCommands commands = new ScriptedCommands("10.0.0.2");
        RedirectRules rules = RedirectRules.forServices(directory(), 1081, OptionalInt.of(0), commands);
        assertThatThrownBy(rules::install).isInstanceOf(IOException.class)
                .hasMessageContaining("installing the redirect rule failed (exit 1)")
                .hasMessageContaining("-d 10.0.0.2")
                .hasMessageContaining("needs root or CAP_NET_ADMIN");
        List<String> actions = commands.commands.stream().map(c -> c.get(5) + " " + c.get(10)).toList();
        assertThat(actions).containsExactly("-A 10.0.0.1", "-A 10.0.0.2", "-D 10.0.0.1");
        assertThat(rules.isInstalled()).isFalse();
    }

    @Test
    void shouldSayWhatToInstallWhenIptablesIsMissing() {
        CommandRunner missing = CommandRunner.host(java.time.Duration.ofSeconds(5));
        RedirectRule rule = new RedirectRule(InetAddress.ofLiteral("10.0.0.1"), 80, 1081, OptionalInt.empty());
        List<String> command = new ArrayList<>(rule.command("-C"));
        command.set(0, "iptables-that-does-not-exist");
        assertThatThrownBy(() -> missing.run(command)).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot run iptables-that-does-not-exist")
                .hasMessageContaining("apt-get install iptables");
    }
}

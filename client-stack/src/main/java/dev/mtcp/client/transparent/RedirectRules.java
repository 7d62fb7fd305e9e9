package dev.mtcp.client.transparent;

import dev.mtcp.client.config.ServiceDirectory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The iptables rules that send an unchanged app's connections to every configured server address to
 * the transparent proxy: rendered for the user to install ({@link #renderInstall()}), or installed by
 * mtcp itself ({@link #install()}, needs root) and then removed at shutdown ({@link #remove()}, also
 * from a JVM shutdown hook, so a Ctrl-C or SIGTERM does not leave rules behind).
 */
public final class RedirectRules implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedirectRules.class);

    private final List<RedirectRule> rules;
    private final CommandRunner commands;
    private final List<RedirectRule> installed = new ArrayList<>();
    private Thread shutdownHook;

    public RedirectRules(List<RedirectRule> rules, CommandRunner commands) {
        this.rules = List.copyOf(rules);
        this.commands = Objects.requireNonNull(commands, "commands");
    }

    /** One rule per resolved (address, port) of every server of every service. */
    public static RedirectRules forServices(ServiceDirectory directory, int proxyPort, OptionalInt exemptUid,
                                            CommandRunner commands) {
        List<RedirectRule> rules = directory.serverIps().stream()
                .map(s -> new RedirectRule(s.ip(), s.port(), proxyPort, exemptUid))
                .distinct()
                .toList();
        return new RedirectRules(rules, commands);
    }

    public List<RedirectRule> rules() {
        return rules;
    }

    /** Shell lines that install the rules. */
    public String renderInstall() {
        return rules.stream().map(r -> r.render("-A")).collect(Collectors.joining("\n"));
    }

    /** Shell lines that remove them again. */
    public String renderRemove() {
        return rules.stream().map(r -> r.render("-D")).collect(Collectors.joining("\n"));
    }

    /**
     * Installs every rule; if one fails, removes those already installed and throws.
     *
     * @throws IOException saying which rule failed and what iptables said
     */
    public synchronized void install() throws IOException {
        for (RedirectRule r : rules) {
            CommandRunner.Result result;
            try {
                result = commands.run(r.command("-A"));
            } catch (IOException e) {
                remove();
                throw e;
            }
            if (result.exitCode() != 0) {
                remove();
                throw new IOException("installing the redirect rule failed (exit " + result.exitCode() + "): "
                        + r.render("-A") + ": " + result.output() + hint(result.output()));
            }
            installed.add(r);
            LOG.info("redirect installed: {}", r.render("-A"));
        }
        if (shutdownHook == null && !installed.isEmpty()) {
            shutdownHook = Thread.ofPlatform().name("mtcp-redirect-cleanup").unstarted(this::removeQuietly);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /**
     * Removes the rules this object installed (in reverse order). Idempotent.
     *
     * @return what could not be removed, one line each (empty when all went)
     */
    public synchronized List<String> remove() {
        List<String> failures = new ArrayList<>();
        for (int i = installed.size() - 1; i >= 0; i--) {
            RedirectRule r = installed.get(i);
            try {
                CommandRunner.Result result = commands.run(r.command("-D"));
                if (result.exitCode() != 0) {
                    failures.add(r.render("-D") + ": exit " + result.exitCode() + ": " + result.output());
                } else {
                    LOG.info("redirect removed: {}", r.render("-D"));
                }
            } catch (IOException e) {
                failures.add(r.render("-D") + ": " + e.getMessage());
            }
        }
        installed.clear();
        failures.forEach(f -> LOG.warn("could not remove redirect rule, remove it by hand: {}", f));
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already shutting down; the hook is running or has run
            }
            shutdownHook = null;
        }
        return failures;
    }

    /** True while rules installed by this object are in place. */
    public synchronized boolean isInstalled() {
        return !installed.isEmpty();
    }

    private void removeQuietly() {
        remove();
    }

    @Override
    public void close() {
        remove();
    }

    private static String hint(String output) {
        String o = output.toLowerCase(java.util.Locale.ROOT);
        if (o.contains("permission denied") || o.contains("you must be root")) {
            return " (installing rules needs root or CAP_NET_ADMIN: run as root, or leave install_redirect off and"
                    + " install the printed rules yourself)";
        }
        return "";
    }
}

package dev.mtcp.tools.cli;

import picocli.CommandLine.Option;

/** Mixin for the verbs that talk to a running proxy's or server's admin API ({@code conns}, {@code migrate}, {@code drain}). */
public final class AdminEndpoint {
    @Option(names = "--admin", required = true, paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "Admin address of the running proxy or server (its --admin), e.g. 127.0.0.1:9000.")
    HostPort admin;

    public HostPort admin() {
        return admin;
    }
}

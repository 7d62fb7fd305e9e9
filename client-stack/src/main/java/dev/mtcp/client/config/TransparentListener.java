package dev.mtcp.client.config;

import java.util.Objects;

/**
 * A Linux transparent listener: connections redirected to it by an iptables {@code REDIRECT} rule are
 * matched to a service by their original destination ({@code SO_ORIGINAL_DST}).
 *
 * @param listen          where it listens (the rule redirects to its port)
 * @param installRedirect true: the proxy installs the iptables rules at start and removes them at
 *                        shutdown (needs root); false: it only prints them
 */
public record TransparentListener(HostPort listen, boolean installRedirect) {

    public TransparentListener {
        Objects.requireNonNull(listen, "listen");
    }
}

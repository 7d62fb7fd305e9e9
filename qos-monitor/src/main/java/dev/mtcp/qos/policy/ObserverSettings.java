package dev.mtcp.qos.policy;

import java.util.Locale;
import java.util.Objects;

/**
 * Which extra observer feeds the carrier-level metrics.
 *
 * @param kind          {@code tcp_info} (kernel TCP_INFO of the carrier socket, the default),
 *                      {@code pcap} (passive capture of the carrier's 4-tuple; root or CAP_NET_RAW)
 *                      or {@code none}
 * @param pcapInterface the interface a pcap observer captures on ({@code any} by default)
 */
public record ObserverSettings(Kind kind, String pcapInterface) {
    public static final ObserverSettings DEFAULTS = new ObserverSettings(Kind.TCP_INFO, "any");

    /** Observer kinds, with their policy-file names. */
    public enum Kind {
        TCP_INFO, PCAP, NONE;

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ObserverSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pcapInterface, "pcapInterface");
        if (pcapInterface.isBlank()) {
            throw new IllegalArgumentException("pcap interface must not be blank");
        }
    }
}

package dev.mtcp.qos.observe;

/** Packet capture cannot run here: libpcap is missing, the process lacks root/CAP_NET_RAW, or no such interface. */
public final class PcapUnavailableException extends Exception {
    public PcapUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.mtcp.harness.bench;

/** A path cannot run on this machine (e.g. socat is not installed); the message says what to install. */
public final class PathUnavailableException extends Exception {
    public PathUnavailableException(String message) {
        super(message);
    }
}

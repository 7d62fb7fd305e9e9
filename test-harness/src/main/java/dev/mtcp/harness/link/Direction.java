package dev.mtcp.harness.link;

/** The direction of traffic on a host's link, seen from the host. */
public enum Direction {
    /** From the router towards the host: what a server receives (client-to-server data). */
    TO_HOST,
    /** From the host towards the router: what a server sends (server-to-client data). */
    FROM_HOST
}

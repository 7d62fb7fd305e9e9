package dev.mtcp.harness.run;

import dev.mtcp.harness.scenario.LinkChange;

/** What the timeline can do to a running scenario; one method per kind of timeline event. */
public interface FaultActions {
    /** Changes some knobs of a host's link. */
    void degrade(String host, LinkChange change);

    /** Puts a host's link back to the scenario's profile. */
    void reset(String host);

    /** SIGKILL to a server and everything it started. */
    void kill(String server);

    /** SIGSTOP: the server hangs with its sockets open. */
    void stop(String server);

    /** SIGCONT to a stopped server. */
    void cont(String server);

    /** Silently cuts a host's link. */
    void cut(String host);

    /** Restores a cut link. */
    void restore(String host);

    /** Tells a server to move all its connections elsewhere. */
    void drain(String server);

    /** Operator command: migrate every connection to {@code server}. */
    void migrateAll(String server);
}

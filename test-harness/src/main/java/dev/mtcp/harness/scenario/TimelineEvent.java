package dev.mtcp.harness.scenario;

import java.time.Duration;

/** Something the runner does at a point of the scenario's timeline, counted from the workload's start. */
public sealed interface TimelineEvent {
    Duration at();

    /** The host or server the event acts on. */
    String target();

    /** Changes some knobs of a host's link. */
    record Degrade(Duration at, String target, LinkChange change) implements TimelineEvent {
    }

    /** Puts a host's link back to the scenario's link profile. */
    record Reset(Duration at, String target) implements TimelineEvent {
    }

    /** SIGKILL to a server: a crash. */
    record Kill(Duration at, String target) implements TimelineEvent {
    }

    /** SIGSTOP to a server: it hangs, its sockets stay open. */
    record Stop(Duration at, String target) implements TimelineEvent {
    }

    /** SIGCONT to a stopped server. */
    record Cont(Duration at, String target) implements TimelineEvent {
    }

    /** Silently cuts a host's link. */
    record Cut(Duration at, String target) implements TimelineEvent {
    }

    /** Restores a cut link. */
    record Restore(Duration at, String target) implements TimelineEvent {
    }

    /** Asks a server to move all its connections elsewhere (maintenance). */
    record Drain(Duration at, String target) implements TimelineEvent {
    }

    /** Operator command: migrate every connection to the target server. */
    record Migrate(Duration at, String target) implements TimelineEvent {
    }
}

package dev.mtcp.qos.decision;

import java.util.Objects;

/** What the {@link DecisionEngine} decided at one evaluation. */
public sealed interface Decision {
    Reason reason();

    /** The numbers behind the decision, for logs and {@code mtcp conns}. */
    String detail();

    /** Why a decision was taken; the engine counts decisions by reason ({@link DecisionCounters}). */
    enum Reason {
        /** No trigger is violated. */
        HEALTHY,
        /** A trigger is violated but its {@code for:} has not elapsed yet. */
        TRIGGER_PENDING,
        /** A trigger fired but the connection is younger than {@code min_connection_age}. */
        TOO_YOUNG,
        /** A trigger fired (or an overload hint came) within {@code cooldown} of the last migration. */
        COOLDOWN,
        /** A trigger fired but {@code max_migrations_per_minute} migrations happened in the last minute. */
        RATE_CAPPED,
        /** No alternate is eligible (none known, all unreachable, or all left too recently). */
        NO_TARGET,
        /** The strategy needs probe results that are missing or stale; the client should probe. */
        AWAITING_PROBE,
        /** Hysteresis: no eligible target is {@code min_improvement} better than the current server. */
        NOT_BETTER_ENOUGH,
        /** A server hint arrived and {@code on_server_hint: ignore}. */
        HINT_IGNORED,
        /** Migrate: a trigger fired and a target passed every check. */
        TRIGGERED,
        /** Migrate: the server asked (MIGRATE_HINT) and the policy follows hints. */
        SERVER_HINT
    }

    /** Keep the current server. */
    record Stay(Reason reason, String detail) implements Decision {
        public Stay {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            if (reason == Reason.TRIGGERED || reason == Reason.SERVER_HINT) {
                throw new IllegalArgumentException(reason + " is a reason to migrate, not to stay");
            }
        }
    }

    /** Migrate the connection to {@code targetId}. */
    record Migrate(String targetId, Reason reason, String detail) implements Decision {
        public Migrate {
            Objects.requireNonNull(targetId, "targetId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            if (reason != Reason.TRIGGERED && reason != Reason.SERVER_HINT) {
                throw new IllegalArgumentException(reason + " is a reason to stay, not to migrate");
            }
        }
    }
}

package dev.mtcp.qos.policy;

import dev.mtcp.qos.metrics.MetricsSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A normalized QoS policy: every field present, defaults filled in. Built by {@link PolicyParser};
 * printed back by {@link PolicyPrinter}.
 *
 * @param triggers               when to migrate on the connection's own measurements (empty: never)
 * @param cooldown               no signal-driven migration sooner than this after the previous one
 * @param maxMigrationsPerMinute at most this many migrations in any 60 s (0: signals never migrate)
 * @param minConnectionAge       no signal-driven migration of a connection younger than this
 * @param revisitAfter           anti ping-pong: a server this connection left is not a target again
 *                               until this long after leaving it
 * @param target                 target selection and hysteresis
 * @param onServerHint           what to do with a server's MIGRATE_HINT
 * @param observer               which observer feeds carrier metrics
 * @param metrics                sliding window and EWMA half-life of the metrics
 * @param sampleEvery            how often the client samples metrics and asks the engine
 */
public record Policy(Optional<Trigger> triggers, Duration cooldown, int maxMigrationsPerMinute,
                     Duration minConnectionAge, Duration revisitAfter, TargetSelection target,
                     HintAction onServerHint, ObserverSettings observer, MetricsSettings metrics,
                     Duration sampleEvery) {

    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_PER_MINUTE = 3;
    public static final Duration DEFAULT_MIN_AGE = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REVISIT_AFTER = Duration.ofMinutes(2);
    public static final Duration DEFAULT_SAMPLE_EVERY = Duration.ofMillis(250);

    /** What a server's MIGRATE_HINT makes the client do. */
    public enum HintAction {
        MIGRATE, IGNORE;

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Policy {
        Objects.requireNonNull(triggers, "triggers");
        requireNonNegative(cooldown, "cooldown");
        requireNonNegative(minConnectionAge, "min_connection_age");
        requireNonNegative(revisitAfter, "revisit_after");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(onServerHint, "onServerHint");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(sampleEvery, "sampleEvery");
        if (sampleEvery.isNegative() || sampleEvery.isZero()) {
            throw new IllegalArgumentException("sample_every must be positive");
        }
        if (maxMigrationsPerMinute < 0) {
            throw new IllegalArgumentException("max_migrations_per_minute must not be negative");
        }
    }

    /** A policy that never migrates on signals but follows server hints, with all other defaults. */
    public static Policy hintsOnly() {
        return new Policy(Optional.empty(), DEFAULT_COOLDOWN, DEFAULT_MAX_PER_MINUTE, DEFAULT_MIN_AGE,
                DEFAULT_REVISIT_AFTER, TargetSelection.DEFAULTS, HintAction.MIGRATE, ObserverSettings.DEFAULTS,
                MetricsSettings.DEFAULTS, DEFAULT_SAMPLE_EVERY);
    }

    private static void requireNonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }
}

package dev.mtcp.qos.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Units as people write them in policy files. Every parse error is an
 * {@link IllegalArgumentException} whose message quotes the text and shows valid examples.
 *
 * <ul>
 *   <li>Durations: one or more {@code <number><unit>} parts, unit one of {@code ns us ms s m h}:
 *       {@code 300ms}, {@code 5s}, {@code 1m}, {@code 1.5s}, {@code 1m30s}.</li>
 *   <li>Rates in bits per second (SI, powers of 1000): {@code bit kbit mbit gbit} (any case,
 *       optional {@code /s}), or {@code b/s kb/s Mb/s Gb/s}. Bytes per second: {@code B/s kB/s KB/s
 *       MB/s GB/s} (powers of 1000) and {@code KiB/s MiB/s GiB/s} (powers of 1024); the {@code /s}
 *       may be left out. {@code kbps}/{@code mbps} are refused as ambiguous.</li>
 *   <li>Percentages: {@code 1%}, {@code 0.5%}, {@code 20%}.</li>
 * </ul>
 */
public final class Units {
    static final String DURATION_HINT = "(use e.g. 300ms, 5s, 1m)";
    static final String RATE_HINT = "(use e.g. 2mbit, 500kbit, 1.5MB/s, 100KiB/s)";
    static final String PERCENT_HINT = "(use e.g. 1%, 0.5%, 20%)";

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]+)(/s)?");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");
    private static final Map<String, Long> DURATION_NANOS = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    /** Bit units, matched case-insensitively. */
    private static final Map<String, Long> BIT_UNITS = Map.of("bit", 1L, "kbit", 1_000L, "mbit", 1_000_000L,
            "gbit", 1_000_000_000L);
    /** Units that need the "/s" and are case-sensitive: lower-case b is bits, upper-case B is bytes. */
    private static final Map<String, Long> SLASH_BIT_UNITS = Map.of("b", 1L, "kb", 1_000L, "Kb", 1_000L,
            "Mb", 1_000_000L, "Gb", 1_000_000_000L);
    private static final Map<String, Long> BYTE_UNITS = Map.of("B", 8L, "kB", 8_000L, "KB", 8_000L,
            "MB", 8_000_000L, "GB", 8_000_000_000L, "KiB", 8L * 1024, "MiB", 8L * 1024 * 1024,
            "GiB", 8L * 1024 * 1024 * 1024);
    private static final String[] RATE_NAMES = {"gbit", "mbit", "kbit", "bit"};
    private static final long[] RATE_FACTORS = {1_000_000_000L, 1_000_000L, 1_000L, 1L};

    private Units() {
    }

    public static Duration parseDuration(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration " + DURATION_HINT);
        }
        if (t.matches("\\d+(\\.\\d+)?")) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration: it needs a unit " + DURATION_HINT);
        }
        Matcher m = DURATION_PART.matcher(t);
        BigDecimal nanos = BigDecimal.ZERO;
        int pos = 0;
        while (pos < t.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("\"" + text + "\" is not a duration " + DURATION_HINT);
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(DURATION_NANOS.get(m.group(2)))));
            pos = m.end();
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("\"" + text + "\" is too long a duration");
        }
        return Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    public static Rate parseRate(String text) {
        String t = text.strip();
        Matcher m = RATE.matcher(t);
        if (!m.matches()) {
            String why = t.matches("\\d+(\\.\\d+)?") ? ": it needs a unit " : " ";
            throw new IllegalArgumentException("\"" + text + "\" is not a rate" + why + RATE_HINT);
        }
        String unit = m.group(2);
        boolean perSecond = m.group(3) != null;
        Long factor = BIT_UNITS.get(unit.toLowerCase(Locale.ROOT));
        if (factor == null && perSecond) {
            factor = SLASH_BIT_UNITS.get(unit);
        }
        if (factor == null) {
            factor = BYTE_UNITS.get(unit);
        }
        if (factor == null) {
            String lower = unit.toLowerCase(Locale.ROOT);
            String why = lower.endsWith("bps")
                    ? " is ambiguous (bits or bytes?): write " + m.group(1) + unit.charAt(0) + "bit for bits/s or "
                      + m.group(1) + Character.toUpperCase(unit.charAt(0)) + "B/s for bytes/s"
                    : " is not a rate " + RATE_HINT;
            throw new IllegalArgumentException("\"" + text + "\"" + why);
        }
        BigDecimal bits = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor));
        if (bits.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("\"" + text + "\" is too large a rate");
        }
        long bps = bits.setScale(0, RoundingMode.HALF_UP).longValueExact();
        if (bps <= 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not a positive rate " + RATE_HINT);
        }
        return new Rate(bps);
    }

    /** Parses a percentage into a fraction: {@code "20%"} is 0.2. */
    public static double parsePercent(String text) {
        Matcher m = PERCENT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a percentage " + PERCENT_HINT);
        }
        return new BigDecimal(m.group(1)).movePointLeft(2).doubleValue();
    }

    /**
     * Normalized duration: {@code 300ms}, {@code 250us} below a second; above, hours and minutes then
     * seconds with a decimal fraction: {@code 1.5s}, {@code 1m30s}, {@code 2h0.25s}. Parses back equal.
     */
    public static String formatDuration(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < 1_000_000_000L) {
            if (nanos % 1_000_000L == 0) {
                return nanos / 1_000_000L + "ms";
            }
            return nanos % 1_000L == 0 ? nanos / 1_000L + "us" : nanos + "ns";
        }
        StringBuilder out = new StringBuilder();
        long hours = nanos / 3_600_000_000_000L;
        long minutes = nanos % 3_600_000_000_000L / 60_000_000_000L;
        long rest = nanos % 60_000_000_000L;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (rest > 0) {
            out.append(plain(BigDecimal.valueOf(rest, 9))).append('s');
        }
        return out.toString();
    }

    public static String formatRate(Rate r) {
        long bits = r.bitsPerSecond();
        for (int i = 0; i < RATE_NAMES.length; i++) {
            if (bits >= RATE_FACTORS[i]) {
                return plain(BigDecimal.valueOf(bits).divide(BigDecimal.valueOf(RATE_FACTORS[i]))) + RATE_NAMES[i];
            }
        }
        throw new IllegalStateException("rate is positive by construction: " + bits);
    }

    /** Formats a bit rate measured by the metrics (any value, zero included) for logs: {@code 1.234mbit}. */
    public static String formatBitsPerSecond(long bits) {
        if (bits <= 0) {
            return "0bit";
        }
        for (int i = 0; i < RATE_NAMES.length; i++) {
            if (bits >= RATE_FACTORS[i]) {
                BigDecimal v = BigDecimal.valueOf(bits).divide(BigDecimal.valueOf(RATE_FACTORS[i]), 3, RoundingMode.HALF_UP);
                return plain(v) + RATE_NAMES[i];
            }
        }
        return bits + "bit";
    }

    /** Formats a fraction as a percentage: 0.2 is {@code 20%}, 0.005 is {@code 0.5%}. */
    public static String formatPercent(double fraction) {
        BigDecimal pct = BigDecimal.valueOf(fraction).movePointRight(2).setScale(4, RoundingMode.HALF_UP);
        return plain(pct) + "%";
    }

    private static String plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString();
    }
}

package dev.mtcp.harness.link;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the units the way {@code tc} writes them: durations {@code 25ms}, {@code 1.5s},
 * {@code 800us}; rates {@code 500kbit}, {@code 10mbit}, {@code 1gbit}, {@code 64000bit}; loss {@code 2%}.
 * Rates are decimal (1 kbit = 1000 bit/s), as in {@code tc}.
 */
public final class LinkUnits {
    private static final Pattern NUMBER_UNIT = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z%]*)\\s*");

    private LinkUnits() {
    }

    /** {@code 25ms}, {@code 2s}, {@code 800us}, {@code 1.5s}, {@code 0}. */
    public static Duration parseDuration(String text) {
        Matcher m = match(text, "duration", "25ms, 1.5s, 800us");
        double value = Double.parseDouble(m.group(1));
        double nanos = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "us" -> value * 1e3;
            case "ms" -> value * 1e6;
            case "s" -> value * 1e9;
            case "m", "min" -> value * 60e9;
            case "" -> {
                if (value != 0) {
                    throw new IllegalArgumentException("duration '" + text + "' needs a unit (us, ms, s, min)");
                }
                yield 0;
            }
            default -> throw new IllegalArgumentException("unknown duration unit in '" + text + "' (use us, ms, s, min)");
        };
        return Duration.ofNanos(Math.round(nanos));
    }

    /** {@code 500kbit}, {@code 10mbit}, {@code 1gbit}, {@code 9600bit}: bits per second. */
    public static long parseRate(String text) {
        Matcher m = match(text, "rate", "500kbit, 10mbit, 1gbit");
        double value = Double.parseDouble(m.group(1));
        double bits = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "bit" -> value;
            case "kbit" -> value * 1e3;
            case "mbit" -> value * 1e6;
            case "gbit" -> value * 1e9;
            default -> throw new IllegalArgumentException("unknown rate unit in '" + text
                    + "' (use bit, kbit, mbit, gbit; tc's units, decimal)");
        };
        return Math.round(bits);
    }

    /** {@code 2%}, {@code 0.5%}; the number alone is read as percent as well. */
    public static double parsePercent(String text) {
        Matcher m = match(text, "percentage", "2%, 0.5%");
        if (!m.group(2).isEmpty() && !m.group(2).equals("%")) {
            throw new IllegalArgumentException("percentage '" + text + "' must end with % (e.g. 2%)");
        }
        double value = Double.parseDouble(m.group(1));
        if (value > 100) {
            throw new IllegalArgumentException("percentage '" + text + "' is above 100%");
        }
        return value;
    }

    public static String formatRate(long bitsPerSecond) {
        if (bitsPerSecond % 1_000_000_000 == 0) {
            return bitsPerSecond / 1_000_000_000 + "gbit";
        }
        if (bitsPerSecond % 1_000_000 == 0) {
            return bitsPerSecond / 1_000_000 + "mbit";
        }
        if (bitsPerSecond % 1_000 == 0) {
            return bitsPerSecond / 1_000 + "kbit";
        }
        return bitsPerSecond + "bit";
    }

    private static Matcher match(String text, String what, String examples) {
        if (text == null) {
            throw new IllegalArgumentException("missing " + what + " (e.g. " + examples + ")");
        }
        Matcher m = NUMBER_UNIT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a " + what + " (e.g. " + examples + ")");
        }
        return m;
    }
}

package dev.mtcp.harness.testbed;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of the testbed's namespaces: {@code mtcpwan-<pid>-<tag>-<host>}, where {@code pid} is the
 * process that owns the testbed. A namespace whose owner is dead is left over from a crashed run.
 */
public final class NamespaceNames {
    /** Every namespace the harness creates starts with this. */
    public static final String PREFIX = "mtcpwan-";
    private static final Pattern OWNED = Pattern.compile("^" + PREFIX + "(\\d+)-.+");

    private NamespaceNames() {
    }

    /** The prefix for one testbed run of the given process; {@code tag} tells testbeds of one process apart. */
    public static String runPrefix(long pid, String tag) {
        return PREFIX + pid + "-" + tag + "-";
    }

    /** The owning process id of a harness namespace, or empty for a name the harness did not make. */
    public static OptionalLong ownerPid(String namespace) {
        Matcher m = OWNED.matcher(namespace);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Parses the output of {@code ip netns list} ("name" or "name (id: N)" per line) into names. */
    public static List<String> parseList(String ipNetnsList) {
        return Arrays.stream(ipNetnsList.split("\n"))
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .map(line -> line.split("\\s+", 2)[0])
                .toList();
    }
}

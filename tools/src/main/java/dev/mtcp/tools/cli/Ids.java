package dev.mtcp.tools.cli;

import java.util.regex.Pattern;

/** The forms of ids the CLI accepts: server ids and connection ids. */
public final class Ids {
    private static final Pattern SERVER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern CONNECTION_ID = Pattern.compile("[0-9a-fA-F]{32}");

    /** The word that selects every connection in {@code migrate}. */
    public static final String ALL = "all";

    private Ids() {}

    /** True for a server id: 1..64 of letters, digits, '.', '_', '-', starting with a letter or digit. */
    public static boolean isServerId(String id) {
        return id != null && SERVER_ID.matcher(id).matches();
    }

    /** Returns {@code id}, or throws a clear error when it is not a server id. */
    public static String requireServerId(String id) {
        if (!isServerId(id)) {
            throw new IllegalArgumentException("bad server id '" + id
                    + "': use 1..64 letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. s1)");
        }
        return id;
    }

    /** True for a connection id in hex (16 bytes = 32 hex digits). */
    public static boolean isConnectionId(String id) {
        return id != null && CONNECTION_ID.matcher(id).matches();
    }
}

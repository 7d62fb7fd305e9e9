package dev.mtcp.tools.config;

import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.cli.HostPort;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks shared by the server and proxy settings. */
final class SettingsChecks {
    private SettingsChecks() {}

    /** The admin API has no authentication: it binds only to loopback. */
    static void requireLoopbackAdmin(HostPort admin) {
        boolean loopback;
        try {
            loopback = admin.isLoopback();
        } catch (IllegalArgumentException e) {
            throw CommandFailure.input("--admin " + admin + ": " + e.getMessage(), e);
        }
        if (!loopback) {
            throw CommandFailure.input("--admin " + admin + " is not a loopback address; the admin API has no "
                    + "authentication, so use 127.0.0.1:PORT or [::1]:PORT");
        }
    }

    /** A file named by an option must exist and be readable. */
    static void requireReadableFile(String option, Path file) {
        if (!Files.isRegularFile(file)) {
            throw CommandFailure.input(option + " " + file + " does not exist or is not a file");
        }
        if (!Files.isReadable(file)) {
            throw CommandFailure.input(option + " " + file + " is not readable");
        }
    }
}

package dev.mtcp.harness.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the current process may do: the testbed needs root (namespaces, veths, qdiscs, iptables). */
public final class Privileges {
    private Privileges() {
    }

    /** True when the effective user id is 0, read from {@code /proc/self/status}. */
    public static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .map(line -> line.split("\\s+"))
                    .anyMatch(fields -> fields.length > 2 && fields[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    /** The absolute path of a program found on PATH, if any. */
    public static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

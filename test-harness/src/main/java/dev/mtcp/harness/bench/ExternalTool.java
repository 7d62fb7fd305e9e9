package dev.mtcp.harness.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds an executable (socat, haproxy) on PATH or in the Debian system directories. */
public final class ExternalTool {
    private ExternalTool() {}

    public static Optional<Path> locate(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        return dirs.stream()
                .filter(d -> !d.isBlank())
                .map(d -> Path.of(d, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The tool's path, or a {@link PathUnavailableException} that says which Debian package to install. */
    public static Path require(String name, String debianPackage) throws PathUnavailableException {
        return locate(name).orElseThrow(() -> new PathUnavailableException(
                name + " is not installed: install the Debian package '" + debianPackage
                        + "' (apt-get install " + debianPackage + ", or run ./test as root) to measure this row"));
    }
}

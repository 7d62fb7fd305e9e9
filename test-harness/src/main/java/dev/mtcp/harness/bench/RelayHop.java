package dev.mtcp.harness.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/** How to launch one plain TCP relay hop (socat, haproxy) from {@code listen} to {@code upstream}. */
interface RelayHop {
    /** The tool's name, for messages. */
    String tool();

    /** The executable, or a {@link PathUnavailableException} naming the package to install. */
    Path executable() throws PathUnavailableException;

    /** The command line of a hop; {@code workDir} is a private temporary directory for config files. */
    List<String> command(Path executable, int listenPort, InetSocketAddress upstream, Path workDir) throws IOException;
}

package dev.mtcp.harness.bench;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/** A socat relay hop: forks a child per connection, 64 KiB transfer blocks, TCP_NODELAY on both sides. */
final class SocatHop implements RelayHop {
    @Override
    public String tool() {
        return "socat";
    }

    @Override
    public Path executable() throws PathUnavailableException {
        return ExternalTool.require("socat", "socat");
    }

    @Override
    public List<String> command(Path exe, int listenPort, InetSocketAddress upstream, Path workDir) {
        return List.of(exe.toString(), "-b", "65536",
                "TCP-LISTEN:" + listenPort + ",bind=127.0.0.1,reuseaddr,fork,backlog=4096,nodelay",
                "TCP:" + upstream.getAddress().getHostAddress() + ":" + upstream.getPort() + ",nodelay");
    }
}

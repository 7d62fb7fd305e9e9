package dev.mtcp.harness.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** An HAProxy relay hop in TCP mode, in the foreground, with a generated config file. */
final class HaproxyHop implements RelayHop {
    @Override
    public String tool() {
        return "haproxy";
    }

    @Override
    public Path executable() throws PathUnavailableException {
        return ExternalTool.require("haproxy", "haproxy");
    }

    @Override
    public List<String> command(Path exe, int listenPort, InetSocketAddress upstream, Path workDir) throws IOException {
        String config = """
                global
                    maxconn 4096
                defaults
                    mode tcp
                    option tcp-smart-accept
                    timeout connect 5s
                    timeout client 120s
                    timeout server 120s
                frontend relay
                    bind 127.0.0.1:%d
                    default_backend next
                backend next
                    server next %s:%d
                """.formatted(listenPort, upstream.getAddress().getHostAddress(), upstream.getPort());
        Path file = workDir.resolve("haproxy-" + listenPort + ".cfg");
        Files.writeString(file, config);
        return List.of(exe.toString(), "-db", "-f", file.toString());
    }
}

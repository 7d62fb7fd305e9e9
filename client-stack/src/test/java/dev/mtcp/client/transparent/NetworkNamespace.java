package dev.mtcp.client.transparent;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace this test creates ({@code ip netns add mtcp-...}) and deletes at close. Sockets are
 * created inside it by a platform thread that entered it with {@code setns(2)} (through FFM); a socket
 * stays in the namespace it was created in, whichever thread uses it later.
 */
final class NetworkNamespace implements AutoCloseable {

    private static final int O_RDONLY = 0;
    private static final int CLONE_NEWNET = 0x40000000;
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle SETNS = LINKER.downcallHandle(LINKER.defaultLookup().find("setns").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private final String name;
    private final CommandRunner host = CommandRunner.host(COMMAND_TIMEOUT);
    private final List<String> hostLinks = new ArrayList<>();

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /** Why namespace tests cannot run here, or null when they can. */
    static String unavailableReason() {
        try {
            if (TransparentSettings.currentUid() != 0) {
                return "not root: the transparent-mode namespace test needs root (run ./test as root)";
            }
            CommandRunner r = CommandRunner.host(COMMAND_TIMEOUT);
            if (r.run(List.of("ip", "-V")).exitCode() != 0) {
                return "the ip command (iproute2) does not work: apt-get install iproute2";
            }
            if (r.run(List.of("iptables", "--version")).exitCode() != 0) {
                return "iptables does not work: apt-get install iptables";
            }
            if (r.run(List.of("setpriv", "--version")).exitCode() != 0) {
                return "setpriv (util-linux) is missing: it runs the client as another user";
            }
            return null;
        } catch (IOException e) {
            return "cannot check the prerequisites: " + e.getMessage();
        }
    }

    static NetworkNamespace create() throws IOException {
        String name = "mtcp-tp-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        NetworkNamespace ns = new NetworkNamespace(name);
        ns.host("ip", "netns", "add", name);
        try {
            ns.exec("ip", "link", "set", "lo", "up");
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    String name() {
        return name;
    }

    /**
     * Connects the namespace to this host with a veth pair ({@code mtcpv<hex>a} here, {@code ...b} inside),
     * addresses {@code hostCidr} on this side and {@code namespaceCidr} inside, both up.
     */
    void addVeth(String hostCidr, String namespaceCidr) throws IOException {
        String base = "mtcpv" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        String here = base + "a";
        String there = base + "b";
        host("ip", "link", "add", here, "type", "veth", "peer", "name", there);
        hostLinks.add(here);
        host("ip", "link", "set", there, "netns", name);
        host("ip", "addr", "add", hostCidr, "dev", here);
        host("ip", "link", "set", here, "up");
        exec("ip", "addr", "add", namespaceCidr, "dev", there);
        exec("ip", "link", "set", there, "up");
    }

    /** Runs iptables and friends inside the namespace. */
    CommandRunner commands() {
        return host.prefixed(List.of("ip", "netns", "exec", name));
    }

    /** Runs a command inside the namespace; it must succeed. */
    String exec(String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return check(host.run(full), full);
    }

    private String host(String... command) throws IOException {
        return check(host.run(List.of(command)), List.of(command));
    }

    private static String check(CommandRunner.Result r, List<String> command) throws IOException {
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + r.exitCode() + "): " + r.output());
        }
        return r.output();
    }

    /** Runs {@code task} on a fresh platform thread inside the namespace (sockets it creates live there). */
    <T> T inside(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().name("in-" + name).start(() -> {
            try {
                enter();
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } finally {
            t.join(Duration.ofSeconds(30));
        }
    }

    /** {@link #inside} for socket factories: failures become IOException. */
    <T> T insideIo(Callable<T> task) throws IOException {
        try {
            return inside(task);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("in namespace " + name + ": " + e, e);
        }
    }

    private void enter() throws Throwable {
        Path file = Path.of("/var/run/netns", name);
        if (!Files.exists(file)) {
            throw new IOException("namespace file " + file + " is missing");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = arena.allocateFrom(file.toString());
            int fd = (int) OPEN.invokeExact(path, O_RDONLY, 0);
            if (fd < 0) {
                throw new IOException("open " + file + " failed");
            }
            try {
                int rc = (int) SETNS.invokeExact(fd, CLONE_NEWNET);
                if (rc != 0) {
                    throw new IOException("setns into " + name + " failed");
                }
            } finally {
                int ignored = (int) CLOSE.invokeExact(fd);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            for (String link : hostLinks) {
                host.run(List.of("ip", "link", "del", link));  // usually already gone with the namespace's end
            }
        } finally {
            host("ip", "netns", "del", name);
        }
    }
}

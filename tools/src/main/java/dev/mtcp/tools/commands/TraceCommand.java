package dev.mtcp.tools.commands;

import dev.mtcp.qos.observe.PcapUnavailableException;
import dev.mtcp.tools.CommandFailure;
import dev.mtcp.tools.trace.CarrierTrace;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mtcp trace}: capture carriers and decode mtcp frames. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        header = "Capture carriers and print one line per mtcp frame.",
        description = {
            "Capture mtcp carriers with pcap4j and print one line per frame: '>>' towards PORT, '<<' from it, "
                + "e.g. '>> DATA conn=… off=… len=…'. Keys, MACs and payload bytes are never printed.",
            "A live capture needs root or CAP_NET_RAW and Debian libpcap0.8; it runs until Ctrl-C or --duration. "
                + "--write also saves the packets as a pcap file that Wireshark and tshark open; --read decodes "
                + "such a file instead of capturing."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  mtcp trace --iface lo --port 7001",
            "  mtcp trace --iface lo --port 7001 --write session.pcap --duration 30s",
            "  mtcp trace --read session.pcap --port 7001",
        })
public final class TraceCommand implements Callable<Integer> {
    @Option(names = "--iface", paramLabel = "IF", description = "Interface to capture on, e.g. lo (or 'any').")
    String iface;

    @Option(names = "--port", required = true, paramLabel = "PORT", description = "TCP port of the server's carriers.")
    int port;

    @Option(names = "--write", paramLabel = "FILE.pcap", description = "Also write the packets to a pcap file.")
    Path write;

    @Option(names = "--read", paramLabel = "FILE.pcap", description = "Decode a pcap file instead of capturing.")
    Path read;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop a live capture after this many seconds.")
    Double durationSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65_535) {
            throw CommandFailure.input("--port must be 1..65535, got " + port);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (read != null) {
            if (!Files.isReadable(read)) {
                throw CommandFailure.input("cannot read " + read + ": no such file or not readable");
            }
            long frames = decode(() -> CarrierTrace.readFile(read, port, line -> println(out, line)));
            println(out, "-- " + frames + " frames decoded from " + read);
            return 0;
        }
        if (iface == null) {
            throw CommandFailure.input("say where to capture with --iface IF (e.g. lo), or decode a file with --read");
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch summarized = new CountDownLatch(1);
        // Ctrl-C / SIGTERM: let the capture stop and print its summary before the JVM exits.
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                summarized.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try (CarrierTrace trace = decode(() -> CarrierTrace.live(iface, port, Optional.ofNullable(write),
                line -> println(out, line)))) {
            println(out, "-- capturing tcp port " + port + " on " + iface
                    + (write != null ? ", writing " + write : "") + "; Ctrl-C stops");
            if (durationSeconds != null) {
                stop.await(Duration.ofMillis((long) (durationSeconds * 1000)).toMillis(), TimeUnit.MILLISECONDS);
            } else {
                stop.await();
            }
            trace.close();
            println(out, "-- " + trace.framesDecoded() + " frames decoded");
            if (trace.failure().isPresent()) {
                throw CommandFailure.runtime("the capture stopped early: " + trace.failure().get().getMessage());
            }
        } finally {
            summarized.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: Ctrl-C
            }
        }
        return 0;
    }

    private interface PcapCall<T> {
        T run() throws PcapUnavailableException;
    }

    private static <T> T decode(PcapCall<T> call) {
        try {
            return call.run();
        } catch (PcapUnavailableException e) {
            throw CommandFailure.runtime(e.getMessage(), e);
        }
    }

    private static void println(PrintWriter out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}

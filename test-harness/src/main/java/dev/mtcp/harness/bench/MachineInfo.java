package dev.mtcp.harness.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** The machine a report was measured on, so a reader can tell how comparable two reports are. */
public record MachineInfo(String cpuModel, int cores, long memoryMiB, String kernel, String javaVersion,
                          String javaVm, long maxHeapMiB) {

    /** Reads this machine's description from {@code /proc} and the running JVM. */
    public static MachineInfo probe() {
        Runtime rt = Runtime.getRuntime();
        return new MachineInfo(
                readCpuModel().orElse(System.getProperty("os.arch")),
                rt.availableProcessors(),
                memTotalKiB().orElse(0L) / 1024,
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                Runtime.version().toString(),
                System.getProperty("java.vm.name"),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / (1024 * 1024));
    }

    private static Optional<String> readCpuModel() {
        return procField(Path.of("/proc/cpuinfo"), "model name");
    }

    private static Optional<Long> memTotalKiB() {
        return procField(Path.of("/proc/meminfo"), "MemTotal")
                .map(v -> Long.parseLong(v.replace("kB", "").trim()));
    }

    static Optional<String> procField(Path file, String field) {
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(field))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}

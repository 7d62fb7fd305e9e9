package dev.mtcp.harness.testbed;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Command lines that run a main class of this project in another JVM (e.g. inside a namespace with
 * {@link Testbed#start}), using the running JVM's {@code java} and classpath.
 */
public final class JavaCommand {
    private JavaCommand() {
    }

    /** {@code java <jvm flags> -cp <classpath> <mainClass> <args>}. */
    public static List<String> of(Class<?> mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx128m");
        command.add("-cp");
        command.add(classpath(mainClass));
        command.add(mainClass.getName());
        command.addAll(args);
        return List.copyOf(command);
    }

    /** The running JVM's classpath plus the location {@code mainClass} was loaded from. */
    static String classpath(Class<?> mainClass) {
        Set<String> entries = new LinkedHashSet<>();
        CodeSource source = mainClass.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
            try {
                entries.add(Path.of(source.getLocation().toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new TestbedException("cannot locate the classes of " + mainClass.getName() + ": "
                        + source.getLocation(), e);
            }
        }
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}

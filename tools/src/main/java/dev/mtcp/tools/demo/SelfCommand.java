package dev.mtcp.tools.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the command line that runs this same mtcp build as a child process. */
final class SelfCommand {
    private static final String MAIN_CLASS = "dev.mtcp.tools.Main";

    private SelfCommand() {}

    static ProcessBuilder builder(List<String> mtcpArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED",
                "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), MAIN_CLASS));
        command.addAll(mtcpArgs);
        return new ProcessBuilder(command);
    }
}

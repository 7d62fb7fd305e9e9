package dev.mtcp.harness.run;

import dev.mtcp.harness.testbed.JavaCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * How the runner starts Java programs inside the namespaces: {@code java <flags> -cp <classpath>}
 * followed by a main class and its arguments. The mtcp processes and the built-in workload use the
 * same one, so they run the same build as the runner.
 *
 * @param jvm      {@code java}, its flags and the class path, without a main class
 * @param mtcpMain the main class of the {@code mtcp} command line
 */
public record JvmLauncher(List<String> jvm, String mtcpMain) {
    /** The heap each started JVM gets: enough for 200 connections' buffers on one server. */
    public static final String HEAP = "-Xmx512m";

    public JvmLauncher {
        jvm = List.copyOf(jvm);
        if (jvm.isEmpty()) {
            throw new IllegalArgumentException("the JVM command is empty");
        }
    }

    /** This JVM's java and class path (plus where {@code mtcpMain} was loaded from), with {@link #HEAP}. */
    public static JvmLauncher ofRunningJvm(Class<?> mtcpMain) {
        List<String> command = new ArrayList<>(JavaCommand.of(mtcpMain, List.of()));
        command.removeLast(); // the main class
        command.replaceAll(arg -> arg.startsWith("-Xmx") ? HEAP : arg);
        return new JvmLauncher(command, mtcpMain.getName());
    }

    /** {@code java ... MAIN ARGS}. */
    public List<String> command(String mainClass, List<String> args) {
        List<String> command = new ArrayList<>(jvm);
        command.add(mainClass);
        command.addAll(args);
        return List.copyOf(command);
    }

    /** {@code mtcp ARGS}. */
    public List<String> mtcp(List<String> args) {
        return command(mtcpMain, args);
    }
}

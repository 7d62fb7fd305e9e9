package dev.mtcp.harness.testbed;

import java.io.IOException;

/**
 * Builds a testbed and abandons it, for {@link TestbedIT}: prints the run prefix, then either exits
 * without closing ({@code exit}: the shutdown hook must clean up) or waits to be killed ({@code wait}).
 */
public final class AbandonedTestbedMain {
    private AbandonedTestbedMain() {
    }

    public static void main(String[] args) throws IOException {
        Testbed testbed = Testbed.create(TestbedConfig.withServers(1));
        System.out.println("PREFIX " + testbed.runPrefix());
        System.out.flush();
        if (args[0].equals("exit")) {
            System.exit(0);
        }
        System.in.read();
    }
}

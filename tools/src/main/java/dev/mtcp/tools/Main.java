package dev.mtcp.tools;

/** Entry point of the {@code mtcp} command line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("mtcp: command line under construction");
    }
}

package dev.mtcp.harness.run;

/** One expectation of a scenario against what the run observed. */
public record ExpectationResult(String name, String expected, String actual, boolean passed) {
    @Override
    public String toString() {
        return (passed ? "PASS " : "FAIL ") + name + ": expected " + expected + ", got " + actual;
    }
}

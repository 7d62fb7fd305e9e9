package dev.mtcp.harness.bench;

import java.io.IOException;

/** Starts one kind of {@link BenchPath} in front of a service. */
public interface BenchPathFactory {
    /** The name of the paths this factory starts. */
    String name();

    /**
     * Starts a path to {@code service}.
     *
     * @throws PathUnavailableException when something the path needs is missing (its rows are skipped)
     */
    BenchPath start(OriginService service) throws IOException, PathUnavailableException;
}

package dev.mtcp.harness.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The server side of one benchmark connection, whatever carries it: a plain socket or a migratory connection. */
@FunctionalInterface
public interface ServiceLogic {
    void serve(InputStream in, OutputStream out, Checkpoints checkpoints) throws IOException;
}

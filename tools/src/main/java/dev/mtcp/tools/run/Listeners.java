package dev.mtcp.tools.run;

import dev.mtcp.tools.CommandFailure;
import java.io.IOException;
import java.net.BindException;

/** Opening listening sockets, with the errors a user can act on. */
public final class Listeners {
    private Listeners() {}

    /** Something that binds a port. */
    @FunctionalInterface
    public interface Binder<T> {
        T bind() throws IOException;
    }

    /**
     * Runs {@code binder}; "address in use" and other bind failures become one-line errors naming the option.
     *
     * @param what the option and address, e.g. {@code --listen 127.0.0.1:7001}
     */
    public static <T> T bind(String what, Binder<T> binder) {
        try {
            return binder.bind();
        } catch (BindException e) {
            throw CommandFailure.runtime("cannot listen on " + what + ": " + e.getMessage()
                    + "; is another process using it? pick another port", e);
        } catch (IOException e) {
            throw CommandFailure.runtime("cannot listen on " + what + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.input(what + ": " + e.getMessage(), e);
        }
    }
}

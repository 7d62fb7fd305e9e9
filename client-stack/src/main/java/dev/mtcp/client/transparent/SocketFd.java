package dev.mtcp.client.transparent;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.channels.SocketChannel;

/**
 * The kernel file descriptor of a JDK {@link SocketChannel}, through {@code sun.nio.ch.SelChImpl#getFDVal}.
 * Needs {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED} (the {@code mtcp} launcher and the
 * build's test JVMs pass it).
 */
final class SocketFd {

    private SocketFd() {}

    static int of(SocketChannel channel) throws IOException {
        try {
            Class<?> selCh = Class.forName("sun.nio.ch.SelChImpl");
            if (!selCh.isInstance(channel)) {
                throw new IOException("channel " + channel.getClass().getName() + " is not a JDK socket channel");
            }
            Method getFdVal = selCh.getMethod("getFDVal");
            return (int) getFdVal.invoke(channel);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IOException("this JDK has no sun.nio.ch.SelChImpl#getFDVal: transparent mode needs a JDK 25"
                    + " (OpenJDK/Temurin)", e);
        } catch (IllegalAccessException e) {
            throw new IOException("cannot read the socket's file descriptor: start java with --add-exports"
                    + " java.base/sun.nio.ch=ALL-UNNAMED (./mtcp does)", e);
        } catch (InvocationTargetException e) {
            throw new IOException("reading the socket's file descriptor failed: " + e.getCause(), e.getCause());
        }
    }
}

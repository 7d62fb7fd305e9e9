package dev.mtcp.protocol.carrier;

import dev.mtcp.protocol.ProtocolException;
import dev.mtcp.protocol.frame.Frame;
import dev.mtcp.protocol.frame.FrameReader;
import dev.mtcp.protocol.frame.FrameWriter;
import dev.mtcp.protocol.io.AdaptiveBufferedInputStream;
import dev.mtcp.protocol.io.CoalescingOutputStream;
import dev.mtcp.protocol.io.ProgressInputStream;
import java.io.IOException;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kernel TCP connection carrying frames: a blocking reader used by one thread, and a writer
 * virtual thread fed by a queue so that no caller ever blocks on the network. The writer flushes
 * only when its queue is empty, which batches small frames into few segments.
 *
 * <p>Memory follows the traffic, so that thousands of idle connections stay cheap: the read buffer
 * grows while reads fill it and shrinks while they do not ({@link AdaptiveBufferedInputStream}), and the
 * writer hands its buffers back once nothing was queued for {@link #IDLE_RELEASE_MILLIS}.
 */
public final class Carrier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Carrier.class);
    private static final Object CLOSE_MARK = new Object();
    private static final int MAX_BUFFER_BYTES = 256 * 1024;
    private static final int MIN_READ_BUFFER_BYTES = 512;
    /** The writer releases its buffers after this long with nothing to write. */
    static final long IDLE_RELEASE_MILLIS = 250;

    private final SocketChannel channel;
    private final String label;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final LinkedBlockingQueue<Object> outbound = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Consumer<Throwable> onWriteFailure = t -> { };
    private volatile Thread writerThread;
    private final ProgressInputStream progress;
    private final CoalescingOutputStream output;

    public Carrier(SocketChannel channel, String label) throws IOException {
        this.channel = channel;
        this.label = label;
        channel.configureBlocking(true);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        this.progress = new ProgressInputStream(channel.socket().getInputStream());
        this.reader = new FrameReader(new AdaptiveBufferedInputStream(progress, MIN_READ_BUFFER_BYTES, MAX_BUFFER_BYTES));
        this.output = new CoalescingOutputStream(channel.socket().getOutputStream(), MAX_BUFFER_BYTES);
        this.writer = new FrameWriter(output);
    }

    public SocketChannel channel() { return channel; }
    public String label() { return label; }
    public boolean isClosed() { return closed.get(); }
    public boolean hasWriter() { return writerThread != null; }
    /** Bytes received from the socket so far, whole frames or not (any thread may ask). */
    public long bytesReceived() { return progress.bytesRead(); }

    /** Reads the next frame, or null on a clean EOF at a frame boundary. Only one thread may read. */
    public Frame read() throws IOException, ProtocolException {
        return reader.read();
    }

    /** Sets a read timeout for the handshake phase (0 = none). */
    public void readTimeoutMillis(int millis) throws SocketException {
        channel.socket().setSoTimeout(millis);
    }

    /** Starts the writer thread; frames queued with {@link #send} before this are written first. */
    public void startWriter(Consumer<Throwable> onFailure) {
        this.onWriteFailure = onFailure;
        writerThread = Thread.ofVirtual().name("mtcp-w-" + label).start(this::writeLoop);
    }

    /** Queues a frame; never blocks. Frames queued after close are dropped (the carrier is gone). */
    public void send(Frame frame) {
        if (!closed.get()) outbound.add(frame);
    }

    /** Writes one frame synchronously (handshake phase, before {@link #startWriter}). */
    public void sendNow(Frame frame) throws IOException {
        writer.write(frame);
        writer.flush();
    }

    /** Queues a frame and closes the carrier once everything queued before it is written. */
    public void sendAndClose(Frame frame) {
        if (closed.get()) return;
        outbound.add(frame);
        outbound.add(CLOSE_MARK);
        if (writerThread == null) close();
    }

    private void writeLoop() {
        try {
            while (true) {
                Object item = outbound.poll(IDLE_RELEASE_MILLIS, TimeUnit.MILLISECONDS);
                if (item == null) {
                    writer.releaseBuffer();
                    output.release();
                    item = outbound.take();
                }
                if (!writeItem(item)) return;
                while ((item = outbound.poll()) != null) {
                    if (!writeItem(item)) return;
                }
                writer.flush();
            }
        } catch (IOException e) {
            if (!closed.get()) {
                log.debug("carrier {} write failed: {}", label, e.toString());
                close();
                onWriteFailure.accept(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean writeItem(Object item) throws IOException {
        if (item == CLOSE_MARK) {
            writer.flush();
            close();
            return false;
        }
        writer.write((Frame) item);
        return true;
    }

    /**
     * Closes the carrier abortively (RST): whatever the kernel still holds unsent for it is dropped
     * instead of trickling out after the close. For a carrier whose bytes are worthless now (fenced:
     * the connection moved on), so they do not compete with the migration on a narrow link.
     */
    public void abort() {
        if (closed.get()) return;
        try {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException e) {
            log.debug("carrier {} linger: {}", label, e.toString());
        }
        close();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        outbound.clear();
        outbound.add(CLOSE_MARK);
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("carrier {} close: {}", label, e.toString());
        }
    }
}

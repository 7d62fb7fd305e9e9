package dev.mtcp.harness.link;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Delay and jitter for kernels without netem: a user-space program in the router namespace that
 * reads the packets iptables hands to NFQUEUE and accepts each one after {@code delay ± jitter},
 * keeping order per queue. It talks to its starter over stdin/stdout, one line each:
 *
 * <pre>
 *   &lt;- ready                                  (socket open)
 *   -&gt; set QUEUE DELAY_MICROS JITTER_MICROS   (bind the queue if new, then use these values)
 *   &lt;- ok QUEUE    |   error MESSAGE
 * </pre>
 * End of stdin (the starter went away) ends the program. Run it as
 * {@code ip netns exec ROUTER java --enable-native-access=ALL-UNNAMED -cp CP dev.mtcp.harness.link.NfqueueDelayer}.
 */
public final class NfqueueDelayer {
    static final int MAX_QUEUED_PACKETS = 16_384;
    private static final int RECEIVE_BUFFER_BYTES = 16 * 1024 * 1024;
    private static final int EPERM = 1;
    private static final int EBUSY = 16;

    private final NetlinkSocket socket;
    private final PrintStream out;
    private final LongSupplier nanoClock;
    private final RandomGenerator random;
    private final Map<Integer, DelaySchedule> schedules = new ConcurrentHashMap<>();
    private final Map<Integer, CompletableFuture<Integer>> acks = new ConcurrentHashMap<>();
    private final DelayQueue<Pending> pending = new DelayQueue<>();
    private final AtomicInteger sequence = new AtomicInteger(1);
    private final AtomicLong order = new AtomicLong();

    /** One packet waiting for its verdict. */
    private record Pending(long releaseNanos, long order, int queue, int packetId, LongSupplier clock)
            implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(releaseNanos - clock.getAsLong(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Pending p = (Pending) other;
            int byTime = Long.compare(releaseNanos - p.releaseNanos, 0);
            return byTime != 0 ? byTime : Long.compare(order, p.order);
        }
    }

    NfqueueDelayer(NetlinkSocket socket, PrintStream out, LongSupplier nanoClock, RandomGenerator random) {
        this.socket = socket;
        this.out = out;
        this.nanoClock = nanoClock;
        this.random = random;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        NetlinkSocket socket;
        try {
            socket = NetlinkSocket.open(NetlinkSocket.NETLINK_NETFILTER, RECEIVE_BUFFER_BYTES);
        } catch (IOException e) {
            out.println("error cannot open the nfnetlink socket: " + e.getMessage());
            System.exit(2);
            return;
        }
        NfqueueDelayer delayer = new NfqueueDelayer(socket, out, System::nanoTime, RandomGenerator.getDefault());
        Thread.ofPlatform().daemon().name("nfqueue-receive").start(delayer::receiveLoop);
        Thread.ofPlatform().daemon().name("nfqueue-release").start(delayer::releaseLoop);
        out.println("ready");
        delayer.commandLoop(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        socket.close();
        System.exit(0);
    }

    void commandLoop(BufferedReader commands) {
        try {
            for (String line = commands.readLine(); line != null; line = commands.readLine()) {
                if (!line.isBlank()) {
                    out.println(execute(line.strip()));
                }
            }
        } catch (IOException e) {
            out.println("error reading commands: " + e.getMessage());
        }
    }

    String execute(String line) {
        String[] words = line.split("\\s+");
        if (words.length != 4 || !words[0].equals("set")) {
            return "error unknown command '" + line + "' (expected: set QUEUE DELAY_MICROS JITTER_MICROS)";
        }
        try {
            int queue = Integer.parseInt(words[1]);
            DelaySchedule.Settings settings = new DelaySchedule.Settings(
                    TimeUnit.MICROSECONDS.toNanos(Long.parseLong(words[2])),
                    TimeUnit.MICROSECONDS.toNanos(Long.parseLong(words[3])));
            DelaySchedule existing = schedules.get(queue);
            if (existing != null) {
                existing.update(settings);
            } else {
                bind(queue);
                schedules.put(queue, new DelaySchedule(settings, random));
            }
            return "ok " + queue;
        } catch (NumberFormatException e) {
            return "error bad number in '" + line + "'";
        } catch (IllegalArgumentException | IOException e) {
            return "error " + e.getMessage();
        }
    }

    private void bind(int queue) throws IOException {
        int bindError = request(seq -> NfqueueMessages.bind(queue, seq));
        if (bindError != 0) {
            throw new IOException("binding NFQUEUE queue " + queue + " failed: errno " + -bindError + " ("
                    + switch (-bindError) {
                        case EPERM -> "another process holds the queue, or this process lacks CAP_NET_ADMIN";
                        case EBUSY -> "this delayer has bound the queue already";
                        default -> "the kernel lacks nfnetlink_queue: load the nfnetlink_queue module"
                                + " or enable CONFIG_NETFILTER_NETLINK_QUEUE";
                    } + ")");
        }
        int paramError = request(seq -> NfqueueMessages.parameters(queue, seq, MAX_QUEUED_PACKETS));
        if (paramError != 0) {
            throw new IOException("configuring NFQUEUE queue " + queue + " failed: errno " + -paramError);
        }
    }

    /** Sends a request that asks for an acknowledgement and returns its error code (0 = success). */
    private int request(IntFunction<byte[]> message) throws IOException {
        int seq = sequence.getAndIncrement();
        CompletableFuture<Integer> ack = new CompletableFuture<>();
        acks.put(seq, ack);
        try {
            socket.send(message.apply(seq));
            return ack.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the kernel's answer", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the kernel did not answer a netlink request within 5 s", e);
        } finally {
            acks.remove(seq);
        }
    }

    void receiveLoop() {
        List<NfqueueMessages.QueuedPacket> packets = new ArrayList<>();
        List<NfqueueMessages.Ack> answers = new ArrayList<>();
        try {
            while (true) {
                byte[] datagram = socket.receive();
                long now = nanoClock.getAsLong();
                packets.clear();
                answers.clear();
                NfqueueMessages.decode(datagram, packets, answers);
                for (NfqueueMessages.Ack answer : answers) {
                    CompletableFuture<Integer> waiting = acks.get(answer.sequence());
                    if (waiting != null) {
                        waiting.complete(answer.error());
                    }
                }
                for (NfqueueMessages.QueuedPacket packet : packets) {
                    DelaySchedule schedule = schedules.get(packet.queue());
                    long release = schedule == null ? now : schedule.releaseAtNanos(now);
                    pending.add(new Pending(release, order.getAndIncrement(), packet.queue(), packet.packetId(), nanoClock));
                }
            }
        } catch (IOException e) {
            out.println("error " + e.getMessage());
            System.exit(3);
        }
    }

    void releaseLoop() {
        try {
            while (true) {
                Pending p = pending.take();
                socket.send(NfqueueMessages.accept(p.queue(), p.packetId()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            out.println("error " + e.getMessage());
            System.exit(3);
        }
    }
}

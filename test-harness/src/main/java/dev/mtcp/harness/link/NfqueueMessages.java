package dev.mtcp.harness.link;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Encoder and decoder of the nfnetlink_queue messages the delayer needs (linux/netfilter/nfnetlink_queue.h).
 *
 * <pre>
 * nlmsghdr (host order)     nfgenmsg             attributes (nlattr, host order; payload network order)
 * +-------+------+-------+-----+-----+ +------+-----+--------+ +---------+---------+--------------+
 * | len32 |type16|flags16|seq32|pid32| |family|ver 0|res_id16| | nla_len | nla_type| payload, pad4|
 * +-------+------+-------+-----+-----+ +------+-----+--------+ +---------+---------+--------------+
 * type = NFNL_SUBSYS_QUEUE (3) &lt;&lt; 8 | NFQNL_MSG_*; res_id = queue number (network order)
 * </pre>
 */
final class NfqueueMessages {
    static final int NLMSG_HEADER_BYTES = 16;
    static final int NLMSG_ERROR = 2;
    static final int NLM_F_REQUEST = 1;
    static final int NLM_F_ACK = 4;
    static final int NFNL_SUBSYS_QUEUE = 3;
    static final int NFQNL_MSG_PACKET = 0;
    static final int NFQNL_MSG_VERDICT = 1;
    static final int NFQNL_MSG_CONFIG = 2;
    static final int NFQA_PACKET_HDR = 1;
    static final int NFQA_VERDICT_HDR = 2;
    static final int NFQA_CFG_CMD = 1;
    static final int NFQA_CFG_PARAMS = 2;
    static final int NFQA_CFG_QUEUE_MAXLEN = 3;
    static final int NFQNL_CFG_CMD_BIND = 1;
    static final int NFQNL_COPY_META = 1;
    static final int NF_ACCEPT = 1;
    private static final int AF_UNSPEC = 0;
    private static final int NLA_TYPE_MASK = 0x3fff;

    /** A queued packet: which queue it waits in and the id its verdict must name. */
    record QueuedPacket(int queue, int packetId) {
    }

    /** A netlink error or acknowledgement (error 0) for the request with this sequence number. */
    record Ack(int sequence, int error) {
    }

    private NfqueueMessages() {
    }

    /** NFQNL_MSG_CONFIG with NFQA_CFG_CMD BIND: attach this socket to the queue. */
    static byte[] bind(int queue, int sequence) {
        ByteBuffer b = header(NFQNL_MSG_CONFIG, NLM_F_REQUEST | NLM_F_ACK, sequence, queue);
        attribute(b, NFQA_CFG_CMD, 4);
        b.put((byte) NFQNL_CFG_CMD_BIND).put((byte) 0).order(ByteOrder.BIG_ENDIAN).putShort((short) 0)
                .order(ByteOrder.nativeOrder());
        return finish(b);
    }

    /** NFQNL_MSG_CONFIG with copy mode META (ids only, no payload) and the queue's maximum length. */
    static byte[] parameters(int queue, int sequence, int maxQueuedPackets) {
        ByteBuffer b = header(NFQNL_MSG_CONFIG, NLM_F_REQUEST | NLM_F_ACK, sequence, queue);
        attribute(b, NFQA_CFG_PARAMS, 5);
        b.order(ByteOrder.BIG_ENDIAN).putInt(0).order(ByteOrder.nativeOrder()).put((byte) NFQNL_COPY_META);
        pad(b);
        attribute(b, NFQA_CFG_QUEUE_MAXLEN, 4);
        b.order(ByteOrder.BIG_ENDIAN).putInt(maxQueuedPackets).order(ByteOrder.nativeOrder());
        return finish(b);
    }

    /** NFQNL_MSG_VERDICT accepting one packet. */
    static byte[] accept(int queue, int packetId) {
        ByteBuffer b = header(NFQNL_MSG_VERDICT, NLM_F_REQUEST, 0, queue);
        attribute(b, NFQA_VERDICT_HDR, 8);
        b.order(ByteOrder.BIG_ENDIAN).putInt(NF_ACCEPT).putInt(packetId).order(ByteOrder.nativeOrder());
        return finish(b);
    }

    /** Splits a received datagram into its queued packets and acknowledgements; other messages are skipped. */
    static void decode(byte[] datagram, List<QueuedPacket> packets, List<Ack> acks) {
        ByteBuffer b = ByteBuffer.wrap(datagram).order(ByteOrder.nativeOrder());
        int offset = 0;
        while (offset + NLMSG_HEADER_BYTES <= datagram.length) {
            int length = b.getInt(offset);
            if (length < NLMSG_HEADER_BYTES || offset + length > datagram.length) {
                return;
            }
            int type = Short.toUnsignedInt(b.getShort(offset + 4));
            if (type == NLMSG_ERROR && length >= NLMSG_HEADER_BYTES + 4) {
                acks.add(new Ack(b.getInt(offset + 8), b.getInt(offset + NLMSG_HEADER_BYTES)));
            } else if (type == (NFNL_SUBSYS_QUEUE << 8 | NFQNL_MSG_PACKET)) {
                int queue = Short.toUnsignedInt(b.order(ByteOrder.BIG_ENDIAN).getShort(offset + 18));
                b.order(ByteOrder.nativeOrder());
                long id = packetId(b, offset + NLMSG_HEADER_BYTES + 4, offset + length);
                if (id >= 0) {
                    packets.add(new QueuedPacket(queue, (int) id));
                }
            }
            offset += align(length);
        }
    }

    /** The packet id (an unsigned 32-bit number) in NFQA_PACKET_HDR, or -1 when the message has none. */
    private static long packetId(ByteBuffer b, int from, int end) {
        int at = from;
        while (at + 4 <= end) {
            int length = Short.toUnsignedInt(b.getShort(at));
            int type = Short.toUnsignedInt(b.getShort(at + 2)) & NLA_TYPE_MASK;
            if (length < 4) {
                return -1;
            }
            if (type == NFQA_PACKET_HDR && length >= 8) {
                long id = Integer.toUnsignedLong(b.order(ByteOrder.BIG_ENDIAN).getInt(at + 4));
                b.order(ByteOrder.nativeOrder());
                return id;
            }
            at += align(length);
        }
        return -1;
    }

    private static ByteBuffer header(int message, int flags, int sequence, int queue) {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        b.putInt(0).putShort((short) (NFNL_SUBSYS_QUEUE << 8 | message)).putShort((short) flags).putInt(sequence).putInt(0);
        b.put((byte) AF_UNSPEC).put((byte) 0).order(ByteOrder.BIG_ENDIAN).putShort((short) queue)
                .order(ByteOrder.nativeOrder());
        return b;
    }

    private static void attribute(ByteBuffer b, int type, int payloadBytes) {
        b.putShort((short) (4 + payloadBytes)).putShort((short) type);
    }

    private static void pad(ByteBuffer b) {
        while (b.position() % 4 != 0) {
            b.put((byte) 0);
        }
    }

    private static byte[] finish(ByteBuffer b) {
        pad(b);
        int length = b.position();
        b.putInt(0, length);
        byte[] out = new byte[length];
        b.get(0, out);
        return out;
    }

    static int align(int length) {
        return (length + 3) & ~3;
    }

    static List<QueuedPacket> packets(byte[] datagram) {
        List<QueuedPacket> packets = new ArrayList<>();
        decode(datagram, packets, new ArrayList<>());
        return packets;
    }
}

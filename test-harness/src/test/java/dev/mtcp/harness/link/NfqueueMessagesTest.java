package dev.mtcp.harness.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte layouts from linux/netfilter/nfnetlink_queue.h. */
class NfqueueMessagesTest {
    @Test
    void shouldEncodeVerdictWhenAccepting() {
        ByteBuffer b = ByteBuffer.wrap(NfqueueMessages.accept(3, 0x01020304)).order(ByteOrder.nativeOrder());
        assertThat(b.capacity()).isEqualTo(32);
        assertThat(b.getInt(0)).as("nlmsg_len").isEqualTo(32);
        assertThat(b.getShort(4)).as("type QUEUE<<8|VERDICT").isEqualTo((short) 0x0301);
        assertThat(b.order(ByteOrder.BIG_ENDIAN).getShort(18)).as("res_id = queue, network order").isEqualTo((short) 3);
        b.order(ByteOrder.nativeOrder());
        assertThat(b.getShort(20)).as("nla_len").isEqualTo((short) 12);
        assertThat(b.getShort(22)).as("NFQA_VERDICT_HDR").isEqualTo((short) 2);
        assertThat(b.order(ByteOrder.BIG_ENDIAN).getInt(24)).as("NF_ACCEPT").isEqualTo(1);
        assertThat(b.getInt(28)).as("packet id").isEqualTo(0x01020304);
    }

    @Test
    void shouldPadParamsAttributeWhenConfiguringCopyMode() {
        byte[] message = NfqueueMessages.parameters(7, 42, 16384);
        ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.nativeOrder());
        assertThat(message.length).isEqualTo(16 + 4 + 12 + 8);
        assertThat(b.getShort(20)).as("params nla_len (4 + 5)").isEqualTo((short) 9);
        assertThat(message[28]).as("copy mode META").isEqualTo((byte) 1);
        assertThat(b.getShort(34)).as("NFQA_CFG_QUEUE_MAXLEN").isEqualTo((short) 3);
        assertThat(b.order(ByteOrder.BIG_ENDIAN).getInt(36)).as("max queued packets").isEqualTo(16384);
    }

    @Test
    void shouldDecodePacketAndAckWhenInOneDatagram() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        // NFQNL_MSG_PACKET on queue 5 with NFQA_PACKET_HDR id 0xfffffff0
        b.putInt(32).putShort((short) 0x0300).putShort((short) 0).putInt(0).putInt(0);
        b.put((byte) 2).put((byte) 0).order(ByteOrder.BIG_ENDIAN).putShort((short) 5).order(ByteOrder.nativeOrder());
        b.putShort((short) 11).putShort((short) 1).order(ByteOrder.BIG_ENDIAN).putInt(0xfffffff0).putShort((short) 0x0800)
                .put((byte) 3).put((byte) 0).order(ByteOrder.nativeOrder());
        // NLMSG_ERROR acknowledging sequence 9 with error 0
        b.putInt(20).putShort((short) 2).putShort((short) 0).putInt(9).putInt(0).putInt(0);
        byte[] datagram = new byte[b.position()];
        b.get(0, datagram);

        List<NfqueueMessages.QueuedPacket> packets = new ArrayList<>();
        List<NfqueueMessages.Ack> acks = new ArrayList<>();
        NfqueueMessages.decode(datagram, packets, acks);
        assertThat(packets).containsExactly(new NfqueueMessages.QueuedPacket(5, 0xfffffff0));
        assertThat(acks).containsExactly(new NfqueueMessages.Ack(9, 0));
    }

    @Test
    void shouldIgnoreTruncatedMessageWhenLengthExceedsDatagram() {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        b.putInt(400).putShort((short) 0x0300);
        assertThat(NfqueueMessages.packets(b.array())).isEmpty();
    }
}

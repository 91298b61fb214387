package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.TransportFrames.eth;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * PFCP against tshark 4.0 on scapy__pfcp.pcap (200 messages scapy filled at random): header,
 * IEs at every depth of the grouped ones, Travelping's enterprise IEs (33268 is past tshark's
 * table: "IE id too large" when it has data) and User IDs whose IMSI has more than 15 digits.
 */
class PfcpDissectorTest {
  @Test
  void headerAndIesMatchTshark() throws IOException {
    assertEquals(200, ExpertProtocolRows.assertRowsMatch("scapy__pfcp.pcap", "pfcp", row -> row));
  }

  @Test
  void randomMessagesNeverThrow() {
    Random rnd = new Random(20261129);
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      byte[] pfcp = new byte[rnd.nextInt(120) + 1];
      rnd.nextBytes(pfcp);
      if (pfcp.length > 4 && rnd.nextBoolean()) {
        pfcp[0] = (byte) (rnd.nextBoolean() ? 0x21 : 0x20);
        pfcp[2] = 0;
        pfcp[3] = (byte) (pfcp.length - 4);
        for (int at = (pfcp[0] & 1) != 0 ? 16 : 8; at + 4 <= pfcp.length; at += 4 + rnd.nextInt(8)) {
          pfcp[at] = (byte) (rnd.nextInt(4) == 0 ? 0x81 : 0);
          pfcp[at + 1] = (byte) (rnd.nextBoolean() ? rnd.nextInt(20) : 141);
          pfcp[at + 2] = 0;
          pfcp[at + 3] = (byte) rnd.nextInt(12);
        }
      }
      byte[] udp = new byte[8 + pfcp.length];
      TransportFrames.put16(udp, 0, PfcpDissector.PORT);
      TransportFrames.put16(udp, 2, PfcpDissector.PORT);
      TransportFrames.put16(udp, 4, udp.length);
      System.arraycopy(pfcp, 0, udp, 8, pfcp.length);
      frames.add(eth(0x0800, TransportFrames.ipv4("10.0.0.1", "10.0.0.2", 17, udp)));
    }
    ExpertProtocolRows.renderNeverThrows(frames, rnd);
  }
}

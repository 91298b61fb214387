package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.TransportFrames.eth;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * X11 against tshark 4.0 on pcapplusplus__pcapng-example.pcapng: mid-stream connections captured
 * with a 128-byte snap length, so most segments end in a request not captured whole; the
 * segments that continue such a request start with zeros, tshark's "Bogus request length (0)";
 * replies are named once a reply has started the sequence numbering.
 */
class X11DissectorTest {
  @Test
  void requestsRepliesEventsAndBogusLengthsMatchTshark() throws IOException {
    // netsift has no _ws.short yet: tshark's Info ends in "[Packet size limited during capture]".
    int n = ExpertProtocolRows.assertRowsMatch("pcapplusplus__pcapng-example.pcapng", "x11",
        row -> row.replace("[Packet size limited during capture]", ""));
    assertEquals(57, n);
  }

  @Test
  void randomBytesOnX11PortsNeverThrow() {
    Random rnd = new Random(20261129);
    byte[][] starts = {{'l', 0, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {'B', 0, 0, 11, 0, 0, 0, 0, 0, 0, 0, 0},
        {1, 0, 0, 0, 0, 0, 0, 0}, new byte[8], {0x35, 0x18, 4, 0}, {1, 0, 1, 0, (byte) 0xff, (byte) 0xff, 0, 0}};
    for (int run = 0; run < 30; run++) {
      List<byte[]> frames = new ArrayList<>();
      long[] seq = {1000, 5000};
      int server = 6000 + rnd.nextInt(64);
      for (int i = 0; i < 40; i++) {
        boolean toServer = rnd.nextInt(2) == 0;
        byte[] data;
        if (i < 6 && rnd.nextBoolean()) {
          data = starts[rnd.nextInt(starts.length)];
        } else {
          data = new byte[rnd.nextInt(rnd.nextInt(8) == 0 ? 3000 : 80) + 1];
          rnd.nextBytes(data);
        }
        int dir = toServer ? 0 : 1;
        byte[] seg = TransportFrames.tcp(toServer ? 40000 : server, toServer ? server : 40000, seq[dir],
            seq[1 - dir], 0x18, 1000, new byte[0], data);
        seq[dir] += data.length;
        frames.add(eth(0x0800, TransportFrames.ipv4(toServer ? "10.0.0.1" : "10.0.0.2",
            toServer ? "10.0.0.2" : "10.0.0.1", 6, seg)));
      }
      ExpertProtocolRows.renderNeverThrows(frames, rnd);
    }
  }
}

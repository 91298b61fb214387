package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.TransportFrames.eth;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * DECnet routing and NSP against tshark 4.0 on tcpdump__DECnet_Phone.pcap: endnode hellos, the
 * NSP connect, data, acknowledgement, link service and disconnect messages of two phone calls,
 * and the two connect confirms whose session data runs off the end (tshark's malformed note).
 */
class DecDnaDissectorTest {
  @Test
  void routingAndNspMatchTshark() throws IOException {
    assertEquals(139, ExpertProtocolRows.assertRowsMatch("tcpdump__DECnet_Phone.pcap", "dec_dna", row -> row));
  }

  @Test
  void randomBytesAfterTheEtherTypeNeverThrow() {
    Random rnd = new Random(20261129);
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      byte[] data = new byte[rnd.nextInt(60) + 1];
      rnd.nextBytes(data);
      if (data.length > 3 && rnd.nextBoolean()) {
        data[0] = (byte) (data.length - 2);
        data[1] = 0;
        data[2] = (byte) (rnd.nextBoolean() ? 0x02 : rnd.nextBoolean() ? 0x0d : 0x0e);
      }
      frames.add(eth(DecDnaDissector.ETHERTYPE, data));
    }
    ExpertProtocolRows.renderNeverThrows(frames, rnd);
  }
}

package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsift.core.dissect.StreamPdus;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * ANSI C12.22 on zeek's MAPI capture, whose DCE/RPC traffic on port 1153 tshark reads as C12.22:
 * every segment of the one direction ends in tshark's bounds error, the other direction's
 * message with a context tag gets BER's wrong-tag warning and its garbage length swallows the
 * rest of the stream. Expected rows: tshark 4.0, {@code scripts/c1222/make-expectations.sh}
 * (columns, expert messages and the c1222 fields of every packet).
 */
class C1222DissectorTest {
  private static final C1222Dissector C1222 = new C1222Dissector();

  @Test
  void columnsExpertNotesAndFieldsMatchTshark() throws IOException {
    L2Expectations.checkIn("c1222", "zeek__dce-rpc__mapi.pcap", "c1222.");
  }

  @Test
  void messageLengthKeepsTheLow32BitsOfALongForm() {
    assertEquals(0x25 + 2, C1222Dissector.messageLength(bytes("a1 25"), 0, 2));
    assertEquals(0x0102 + 4, C1222Dissector.messageLength(bytes("60 82 01 02"), 0, 4));
    // five length octets: the first one is shifted out of 32 bits
    assertEquals(0x02030405L + 7, C1222Dissector.messageLength(bytes("60 85 01 02 03 04 05"), 0, 7));
    assertEquals(-1, C1222Dissector.messageLength(bytes("60 84 01 02"), 0, 4), "octets past the bytes");
  }

  @Test
  void tcpFramingAsTsharks() {
    byte[] b = bytes("05 00 00 03 10 00 00 00");
    assertEquals(StreamPdus.MORE, C1222.pduLength(null, 0, b, 0, 4), "fewer than 5 bytes");
    assertEquals(8, C1222.pduLength(null, 0, b, 0, 8), "a length below 5: the rest, malformed");
    byte[] long4 = bytes("60 84 ff ff ff f0 00");
    assertEquals(StreamPdus.MORE, C1222.pduLength(null, 0, long4, 0, 7), "longer than an int holds");
    byte[] ok = bytes("60 05 a1 03 06 01 01 60");
    assertEquals(7, C1222.pduLength(null, 0, ok, 0, 8));
  }

  @Test
  void elementsRunningPastTheMessageAreMalformed() {
    byte[] ok = bytes("60 05 a1 03 06 01 01");
    assertEquals(7, C1222Dissector.contentEnd(ok, 0, 7));
    byte[] over = bytes("60 05 a1 05 06 01 01");
    assertEquals(-1, C1222Dissector.contentEnd(over, 0, 7));
    byte[] longForm = bytes("a1 04 af aa a4 a1");
    assertEquals(-1, C1222Dissector.contentEnd(longForm, 0, 6));
  }

  private static byte[] bytes(String hex) {
    String[] parts = hex.split(" ");
    byte[] b = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      b[i] = (byte) Integer.parseInt(parts[i], 16);
    }
    return b;
  }
}

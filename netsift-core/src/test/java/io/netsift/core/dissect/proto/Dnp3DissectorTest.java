package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DNP3 against tshark 4.0: rows of {@code tshark -n -T fields -e ...} on zeek__dnp3__dnp3.pcap
 * (link header and its CRC, transport, application header, IIN, object headers, the two
 * warnings), and the CRC and frame length rules on their own.
 */
class Dnp3DissectorTest {
  private static final String[] FIELDS = {"frame.protocols", "_ws.col.Info", "dnp3.ctl", "dnp3.hdr.CRC",
      "dnp.hdr.CRC.status", "dnp3.tr.seq", "dnp3.al.func", "dnp3.al.iin", "dnp3.al.obj", "dnp3.al.objq.range",
      "dnp3.al.range.start", "dnp3.al.range.stop", "dnp3.al.range.quantity", "_ws.expert.message"};

  @Test
  void linkTransportAndApplicationMatchTshark() throws IOException {
    List<String> rows = TextAppsCorpus.fields("zeek__dnp3__dnp3.pcap", FIELDS);
    // A segment that does not start a link frame (0x0505) is refused: it stays data.
    assertEquals("eth:ethertype:ip:tcp:data\t2803 → 20000 [PSH, ACK] Seq=1 Ack=18 Win=65518 Len=24"
        + "\t\t\t\t\t\t\t\t\t\t\t\t", TextAppsCorpus.row(rows, 19));
    assertEquals("eth:ethertype:ip:tcp:dnp3\tResponse\t0x44\t0x6ad6\t1\t22\t129\t0x0000\t0x3402\t7\t\t\t1\t",
        TextAppsCorpus.row(rows, 71));
    // Packed bits, flag bytes and 32-bit counters are stepped over to reach the next header.
    assertEquals("eth:ethertype:ip:tcp:dnp3\tResponse\t0x44\t0x4d6f\t1\t24\t129\t0x0000"
        + "\t0x0101,0x0a02,0x1405,0x1509,0x1e03\t0,0,0,0,0\t0,0,0,0,0\t5,5,0,0,6\t\t",
        TextAppsCorpus.row(rows, 91));
    // tshark reads no objects after Stop Application.
    assertEquals("eth:ethertype:ip:tcp:dnp3\tStop Application\t0xc4\t0xef4e\t1\t1\t18\t\t\t\t\t\t\t",
        TextAppsCorpus.row(rows, 163));
    assertEquals("eth:ethertype:ip:tcp:dnp3\tResponse\t0x44\t0xae7c\t1\t28\t129\t0x1001\t\t\t\t\t\tIIN Abnormality",
        TextAppsCorpus.row(rows, 164));
    assertEquals("eth:ethertype:ip:tcp:dnp3\tRead, Unknown Object Type\t0xc4\t0x2be4\t1\t23\t1\t\t0xff00\t6\t\t\t\t"
        + "Unknown Object\\Variation", TextAppsCorpus.row(rows, 200));
  }

  @Test
  void crcAndFrameLength() {
    byte[] header = {0x05, 0x64, 0x0b, (byte) 0xc4, 0x04, 0x00, 0x03, 0x00};
    assertEquals(0x2be4, Dnp3Dissector.crc(header, 0, header.length));
    // 5 header bytes counted by the length field, then user data in 16-byte blocks with CRCs.
    assertEquals(10, Dnp3Dissector.frameLength(5));
    assertEquals(10 + 16 + 2, Dnp3Dissector.frameLength(21));
    assertEquals(10 + 17 + 4, Dnp3Dissector.frameLength(22));
  }
}

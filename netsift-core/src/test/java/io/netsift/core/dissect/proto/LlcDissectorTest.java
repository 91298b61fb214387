package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Dissection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IEEE 802.2 LLC over inline 802.3 frames: SNAP, I, S and U control fields. Expected values:
 * tshark 4.0.17 on the same bytes.
 */
class LlcDissectorTest {
  /**
   * SNAP with OUI 00-00-00 and PID 0x0800 under an 802.3 length.
   *
   * <pre>
   * 0000  ff ff ff ff ff ff 00 11 22 33 44 55 00 24 aa aa
   * 0010  03 00 00 00 08 00 45 00 00 1c 12 34 40 00 40 fd
   * 0020  00 00 c0 a8 00 01 c0 a8 00 02 01 02 03 04 05 06
   * 0030  07 08
   * </pre>
   */
  @Test
  void snapRfc1042LeadsToIp() {
    Dissection d = dissect(LinkType.ETHERNET,
        "ff ff ff ff ff ff 00 11 22 33 44 55 00 24 aa aa "
        + "03 00 00 00 08 00 45 00 00 1c 12 34 40 00 40 fd "
        + "00 00 c0 a8 00 01 c0 a8 00 02 01 02 03 04 05 06 "
        + "07 08 ");
    expect(d,
        "llc.dsap", "0xaa",
        "llc.dsap.sap", "85",
        "llc.dsap.ig", "0",
        "llc.ssap", "0xaa",
        "llc.ssap.sap", "85",
        "llc.ssap.cr", "0",
        "llc.control", "0x0003",
        "llc.control.u_modifier_cmd", "0x00",
        "llc.oui", "0",
        "llc.type", "0x0800",
        "frame.protocols", "eth:llc:ip:data",
        "_ws.col.Protocol", "IPv4",
        "_ws.col.Info", "Unknown (253)",
        "_ws.col.Source", "192.168.0.1",
        "_ws.col.Destination", "192.168.0.2");
    assertEquals(List.of("Logical-Link Control", "Internet Protocol Version 4, Src: 192.168.0.1, Dst: 192.168.0.2"),
        labels(d, "ip", "llc"));
  }

  /**
   * SNAP with Cisco's OUI and a PID (0x1234) no Cisco protocol uses, so the payload stays data.
   *
   * <pre>
   * 0000  01 00 0c cc cc cc 00 11 22 33 44 55 00 0d aa aa
   * 0010  03 00 00 0c 12 34 01 02 03 04 05
   * </pre>
   */
  @Test
  void snapCiscoPid() {
    Dissection d = dissect(LinkType.ETHERNET,
        "01 00 0c cc cc cc 00 11 22 33 44 55 00 0d aa aa "
        + "03 00 00 0c 12 34 01 02 03 04 05 ");
    expect(d,
        "llc.dsap", "0xaa",
        "llc.dsap.sap", "85",
        "llc.dsap.ig", "0",
        "llc.ssap", "0xaa",
        "llc.ssap.sap", "85",
        "llc.ssap.cr", "0",
        "llc.control", "0x0003",
        "llc.control.u_modifier_cmd", "0x00",
        "llc.oui", "12",
        "llc.cisco_pid", "0x1234",
        "_ws.col.Info", "U, func=UI; SNAP, OUI 0x00000C (Cisco Systems, Inc), PID 0x1234");
    assertEquals(List.of("Logical-Link Control"),
        labels(d, "llc"));
  }

  /**
   * I frame with the poll bit, DSAP/SSAP 0x0e (response): two-byte little-endian control.
   *
   * <pre>
   * 0000  ff ff ff ff ff ff 00 11 22 33 44 55 00 08 0e 0f
   * 0010  0a 0b 01 02 03 04
   * </pre>
   */
  @Test
  void informationFrame() {
    Dissection d = dissect(LinkType.ETHERNET,
        "ff ff ff ff ff ff 00 11 22 33 44 55 00 08 0e 0f "
        + "0a 0b 01 02 03 04 ");
    expect(d,
        "llc.dsap", "0x0e",
        "llc.dsap.sap", "7",
        "llc.dsap.ig", "0",
        "llc.ssap", "0x0f",
        "llc.ssap.sap", "7",
        "llc.ssap.cr", "1",
        "llc.control", "0x0b0a",
        "llc.control.n_r", "5",
        "llc.control.n_s", "5",
        "llc.control.p", "1",
        "frame.protocols", "eth:llc:data",
        "_ws.col.Protocol", "LLC",
        "_ws.col.Info", "I P, N(R)=5, N(S)=5; DSAP PROWAY (IEC955) Network Management and Initialization Individual, SSAP PROWAY (IEC955) Network Management and Initialization Response",
        "_ws.col.Source", "00:11:22:33:44:55",
        "_ws.col.Destination", "ff:ff:ff:ff:ff:ff");
    assertEquals(List.of("Logical-Link Control"),
        labels(d, "llc"));
  }

  /**
   * S frame, Receiver Ready, N(R)=1.
   *
   * <pre>
   * 0000  ff ff ff ff ff ff 00 11 22 33 44 55 00 04 0e 0e
   * 0010  01 02
   * </pre>
   */
  @Test
  void supervisoryFrame() {
    Dissection d = dissect(LinkType.ETHERNET,
        "ff ff ff ff ff ff 00 11 22 33 44 55 00 04 0e 0e "
        + "01 02 ");
    expect(d,
        "llc.dsap", "0x0e",
        "llc.dsap.sap", "7",
        "llc.dsap.ig", "0",
        "llc.ssap", "0x0e",
        "llc.ssap.sap", "7",
        "llc.ssap.cr", "0",
        "llc.control", "0x0201",
        "llc.control.n_r", "1",
        "llc.control.s_ftype", "0x0000",
        "frame.protocols", "eth:llc",
        "_ws.col.Protocol", "LLC",
        "_ws.col.Info", "S, func=RR, N(R)=1; DSAP PROWAY (IEC955) Network Management and Initialization Individual, SSAP PROWAY (IEC955) Network Management and Initialization Command",
        "_ws.col.Source", "00:11:22:33:44:55",
        "_ws.col.Destination", "ff:ff:ff:ff:ff:ff");
    assertEquals(List.of("Logical-Link Control"),
        labels(d, "llc"));
  }

  /**
   * U frame XID with the poll bit set and no payload.
   *
   * <pre>
   * 0000  ff ff ff ff ff ff 00 11 22 33 44 55 00 03 0e 0e
   * 0010  bf
   * </pre>
   */
  @Test
  void unnumberedXidWithPoll() {
    Dissection d = dissect(LinkType.ETHERNET,
        "ff ff ff ff ff ff 00 11 22 33 44 55 00 03 0e 0e "
        + "bf ");
    expect(d,
        "llc.dsap", "0x0e",
        "llc.dsap.sap", "7",
        "llc.dsap.ig", "0",
        "llc.ssap", "0x0e",
        "llc.ssap.sap", "7",
        "llc.ssap.cr", "0",
        "llc.control", "0x00bf",
        "llc.control.p", "1",
        "llc.control.u_modifier_cmd", "0x2b",
        "frame.protocols", "eth:llc",
        "_ws.col.Protocol", "LLC",
        "_ws.col.Info", "U P, func=XID; DSAP PROWAY (IEC955) Network Management and Initialization Individual, SSAP PROWAY (IEC955) Network Management and Initialization Command",
        "_ws.col.Source", "00:11:22:33:44:55",
        "_ws.col.Destination", "ff:ff:ff:ff:ff:ff");
    assertEquals(List.of("Logical-Link Control"),
        labels(d, "llc"));
  }

}

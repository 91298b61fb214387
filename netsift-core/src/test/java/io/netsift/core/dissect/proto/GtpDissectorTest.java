package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.*;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Dissection;
import org.junit.jupiter.api.Test;

/**
 * GTPv1 over inline frames (from scripts/tunnels/crafted.py): T-PDUs with extension headers
 * leading to IPv4 and IPv6, the "GTP &lt;inner&gt;" Protocol column, and GTP-U/GTP-C messages
 * without a payload. Expected values: tshark 4.0.17 on the same bytes.
 */
class GtpDissectorTest {
  /** Sequence number and a PDU session container, then IPv4/ICMP. */
  @Test
  void pduSessionContainer() {
    Dissection d = dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 50 00 01 00 00 40 11 66 9a 0a 00 00 01 0a 00 00 02 08 68 08 68 00 3c 00 00 36 ff 00 2c 11 22 33 44 01 02 00 85 01 10 09 00 45 00 00 24 00 01 00 00 40 01 60 9a 0a 2d 00 02 08 08 08 08 08 00 66 63 00 03 00 04 61 62 63 64 65 66 67 68");
    expect(d,
        "gtp.flags", "0x36",
        "gtp.message", "0xff",
        "gtp.length", "44",
        "gtp.teid", "0x11223344",
        "gtp.seq_number", "0x0102",
        "gtp.ext_hdr.next", "0x85,0x00",
        "gtp.ext_hdr.length", "1",
        "gtp.ext_hdr.pdu_ses_con.qos_flow_id", "9",
        "ip.dst", "10.0.0.2,8.8.8.8",
        "frame.protocols", "eth:ethertype:ip:udp:gtp:ip:icmp:data",
        "_ws.col.Protocol", "GTP <ICMP>",
        "_ws.col.Info", "Echo (ping) request  id=0x0003, seq=4/1024, ttl=64");
  }

  /** A PDCP PDU number extension header, then IPv6/UDP. */
  @Test
  void pdcpNumberThenIpv6() {
    Dissection d = dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 5e 00 01 00 00 40 11 66 8c 0a 00 00 01 0a 00 00 02 08 68 08 68 00 4a 00 00 34 ff 00 3a 00 00 00 55 00 00 00 c0 01 12 34 00 60 00 00 00 00 0a 11 40 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02 03 e8 07 d0 00 0a 22 77 76 36");
    expect(d,
        "gtp.teid", "0x00000055",
        "gtp.seq_number", "",
        "gtp.ext_hdr.next", "0xc0,0x00",
        "frame.protocols", "eth:ethertype:ip:udp:gtp:ipv6:udp:data",
        "_ws.col.Protocol", "GTP <UDP>",
        "_ws.col.Info", "1000 \u2192 2000 Len=2");
  }

  /** GTP-U echo request and a GTPv1-C message: the header and the message name. */
  @Test
  void signalling() {
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 28 00 01 00 00 40 11 66 c2 0a 00 00 01 0a 00 00 02 08 68 08 68 00 14 00 00 32 01 00 04 00 00 00 00 00 07 00 00"),
        "gtp.message", "0x01",
        "gtp.seq_number", "0x0007",
        "frame.protocols", "eth:ethertype:ip:udp:gtp",
        "_ws.col.Protocol", "GTP",
        "_ws.col.Info", "Echo request");
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 2f 00 01 00 00 40 11 66 bb 0a 00 00 01 0a 00 00 02 08 4b 08 4b 00 1b 00 00 32 10 00 0b 00 00 00 00 12 34 00 00 0e 05 10 00 00 00 01"),
        "gtp.message", "0x10",
        "gtp.length", "11",
        "frame.protocols", "eth:ethertype:ip:udp:gtp",
        "_ws.col.Info", "Create PDP context request");
  }
}

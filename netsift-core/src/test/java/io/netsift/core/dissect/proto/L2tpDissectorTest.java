package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.*;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Protocols;
import org.junit.jupiter.api.Test;

/**
 * L2TPv2 over inline frames (from scripts/tunnels/crafted.py): a control message with its
 * message type AVP, and a data message with length, sequence and offset fields whose PPP frame
 * goes to the {@code ppp} dissector when one is registered and stays data otherwise. Expected
 * values: tshark 4.0.17 on the same bytes.
 */
class L2tpDissectorTest {
  @Test
  void controlHello() {
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 30 00 01 00 00 40 11 66 ba 0a 00 00 01 0a 00 00 02 06 a5 06 a5 00 1c 00 00 c8 02 00 14 00 03 00 00 00 01 00 02 80 08 00 00 00 00 00 06"),
        "l2tp.flags", "0xc802",
        "l2tp.length", "20",
        "l2tp.tunnel", "3",
        "l2tp.Ns", "1",
        "l2tp.avp.type", "0",
        "l2tp.avp.message_type", "6",
        "frame.protocols", "eth:ethertype:ip:udp:l2tp",
        "_ws.col.Protocol", "L2TP",
        "_ws.col.Info", "Control Message - Hello (tunnel id=3, session id=0)");
  }

  @Test
  void dataMessage() {
    Dissection d = dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 4c 00 01 00 00 40 11 66 9e 0a 00 00 01 0a 00 00 02 06 a5 06 a5 00 38 00 00 4a 02 00 30 00 07 00 09 00 01 00 02 00 00 ff 03 00 21 45 00 00 1e 00 01 00 00 40 11 66 bc 0a 08 00 01 0a 08 00 02 00 0b 00 0c 00 0a 00 00 6c 32");
    expect(d,
        "l2tp.flags", "0x4a02",
        "l2tp.length", "48",
        "l2tp.tunnel", "7",
        "l2tp.Ns", "1",
        "l2tp.offset", "0");
    if (Protocols.standard().byName("ppp") == null) {
      // Without PPP, tshark (--disable-protocol ppp) shows the frame as data.
      expect(d,
          "frame.protocols", "eth:ethertype:ip:udp:l2tp:data",
          "_ws.col.Protocol", "L2TP",
          "_ws.col.Info", "Data    Message            (tunnel id=7, session id=9)");
    } else {
      expect(d,
          "frame.protocols", "eth:ethertype:ip:udp:l2tp:ppp:ip:udp:data",
          "_ws.col.Info", "11 \u2192 12 Len=2");
    }
  }
}

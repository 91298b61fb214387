package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.*;

import io.netsift.core.capture.LinkType;
import org.junit.jupiter.api.Test;

/**
 * Teredo over an inline frame (from scripts/tunnels/crafted.py): the origin indication with its
 * obfuscated port and address, then IPv6 whose Teredo addresses the IPv6 layer decodes.
 * Expected values: tshark 4.0.17 on the same bytes; authentication headers and the direct
 * connectivity test are checked on the corpus by {@link TunnelCorpusTest}.
 */
class TeredoDissectorTest {
  @Test
  void originIndication() {
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 5a 00 01 00 00 40 11 66 90 0a 00 00 01 0a 00 00 02 0d d8 9c 43 00 46 00 00 00 00 ed cb 3f ff fd d2 60 00 00 00 00 0e 11 40 20 01 00 00 41 36 e3 78 80 00 63 bf 3f ff fd d2 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 07 0f a0 13 88 00 0e fd 6d 74 65 72 65 64 6f"),
        "teredo.orig.port", "4660",
        "teredo.orig.addr", "192.0.2.45",
        "ipv6.src_ts_ipv4", "65.54.227.120",
        "frame.protocols", "eth:ethertype:ip:udp:teredo:ipv6:udp:data",
        "_ws.col.Protocol", "UDP",
        "_ws.col.Info", "4000 \u2192 5000 Len=6");
  }
}

package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * MikroTik neighbour discovery announcements (over IPv4 and IPv6) on nDPI's 1kxun capture: the
 * header and every TLV. Expected values: tshark 4.0, recorded by
 * {@code scripts/golden/record-fields.sh src/test/resources/mndp/expected mndp CAPTURE}.
 */
class MndpDissectorTest {
  @Test
  void fieldsMatchTshark() throws IOException {
    L2Expectations.checkFramesOf("mndp", "ndpi__1kxun.pcap", "MNDP", 5, "mndp.tlv.type", "mndp.tlv.length",
        "mndp.header.unknown", "mndp.header.seqno", "mndp.mac", "mndp.softwareid", "mndp.version", "mndp.identity",
        "mndp.uptime", "mndp.platform", "mndp.board", "mndp.unpack", "mndp.ipv6address", "mndp.interfacename",
        "_ws.col.Protocol", "_ws.col.Info");
  }
}

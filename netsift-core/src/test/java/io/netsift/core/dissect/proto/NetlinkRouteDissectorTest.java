package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * rtnetlink on PcapPlusPlus's big-endian nlmon capture: link messages (RTM_NEWLINK) and a
 * neighbour deletion, their message header and family header. Expected values: tshark 4.0,
 * recorded by {@code scripts/golden/record-fields.sh src/test/resources/netlink-route/expected
 * netlink-route CAPTURE}; the attributes (ifla_*) are not dissected yet.
 */
class NetlinkRouteDissectorTest {
  @Test
  void headersMatchTshark() throws IOException {
    L2Expectations.checkIn("netlink-route", "pcapplusplus__microsecs_big_endian.pcap", "netlink-route.nltype",
        "netlink-route.ifi_", "netlink-route.nd_");
  }
}

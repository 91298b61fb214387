package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Linux netlink (link type 253): the cooked header and the message header of big-endian captures (route messages: NetlinkRouteDissectorTest). Expected values: tshark 4.0 on the corpus and on the crafted captures, recorded by
 * {@code scripts/l2/make-expectations.sh}; see {@link L2Expectations} for what is compared.
 */
class NetlinkDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"pcapplusplus__microsecs_big_endian.pcap"})
  void matchesTshark(String file) throws IOException {
    L2Expectations.check(file, "netlink.hatype", "netlink.family", "netlink.hdr_");
  }
}

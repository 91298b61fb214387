package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cisco HDLC (link type 104) and SLARP keepalives, requests and replies. Expected values: tshark 4.0 on the corpus and on the crafted captures, recorded by
 * {@code scripts/l2/make-expectations.sh}; see {@link L2Expectations} for what is compared.
 */
class ChdlcDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"pcapplusplus__CiscoHDLC.pcap", "tcpdump__HDLC.pcap", "suricata__decode-chdlc-01__hdlc-http_1tx.pcap", "crafted-chdlc.pcap"})
  void matchesTshark(String file) throws IOException {
    L2Expectations.check(file, "chdlc.", "slarp.");
  }
}

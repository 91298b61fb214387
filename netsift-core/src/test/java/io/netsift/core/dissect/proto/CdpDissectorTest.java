package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CDP over LLC/SNAP (plain and VLAN-tagged) and Cisco HDLC: every TLV the corpus carries and the checksum with Cisco's odd-length quirk. Expected values: tshark 4.0 on the corpus and on the crafted captures, recorded by
 * {@code scripts/l2/make-expectations.sh}; see {@link L2Expectations} for what is compared.
 */
class CdpDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"tcpdump__LLDP_and_CDP.pcap", "pcapplusplus__VlanPackets.pcap", "tcpdump__HDLC.pcap", "crafted-eth.pcap"})
  void matchesTshark(String file) throws IOException {
    L2Expectations.check(file, "cdp.");
  }
}

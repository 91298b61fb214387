package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MPLS label stacks and the Ethernet pseudowires under them (with and without control word), over Ethernet, VLANs and PPP. Expected values: tshark 4.0 on the corpus and on the crafted captures, recorded by
 * {@code scripts/l2/make-expectations.sh}; see {@link L2Expectations} for what is compared.
 */
class MplsDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"tcpdump__mpls-traceroute.pcap", "pcapplusplus__MplsPackets.pcap", "zeek__mixed-vlan-mpls.pcap", "crafted-eth.pcap", "crafted-ppp.pcap"})
  void matchesTshark(String file) throws IOException {
    L2Expectations.check(file, "mpls.", "pweth");
  }
}

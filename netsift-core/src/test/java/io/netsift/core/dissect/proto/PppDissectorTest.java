package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PPP and its control protocols (LCP, IPCP, IPV6CP, PAP, CCP): codes, options and bodies, in PPPoE sessions and in HDLC-like framing (link type 9). Expected values: tshark 4.0 on the corpus and on the crafted captures, recorded by
 * {@code scripts/l2/make-expectations.sh}; see {@link L2Expectations} for what is compared.
 */
class PppDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"zeek__pppoe.pcap", "pcapplusplus__PPPoESession.pcap", "tcpdump__mpls-traceroute.pcap", "crafted-eth.pcap", "crafted-ppp.pcap"})
  void matchesTshark(String file) throws IOException {
    L2Expectations.check(file, "ppp.", "lcp.", "ipcp.", "ipv6cp.", "pap.", "ccp.");
  }
}

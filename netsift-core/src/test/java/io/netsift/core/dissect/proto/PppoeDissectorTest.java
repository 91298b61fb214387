package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PPPoE discovery tags and session headers, with the payload-length check, over Ethernet and stacked VLANs. Expected values: tshark 4.0 on the corpus and on the crafted captures, recorded by
 * {@code scripts/l2/make-expectations.sh}; see {@link L2Expectations} for what is compared.
 */
class PppoeDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"zeek__pppoe.pcap", "zeek__pppoe-over-qinq.pcap", "pcapplusplus__PPPoESession.pcap", "ndpi__dns.pcap", "crafted-eth.pcap"})
  void matchesTshark(String file) throws IOException {
    L2Expectations.check(file, "pppoe.", "pppoed.", "pppoes.", "vlan.");
  }
}

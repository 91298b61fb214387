package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LLDP TLVs: chassis and port ids of every subtype seen, TTL, system TLVs, capabilities, management address, IEEE 802.1/802.3 and unknown organisational TLVs, and the Info column. Expected values: tshark 4.0 on the corpus and on the crafted captures, recorded by
 * {@code scripts/l2/make-expectations.sh}; see {@link L2Expectations} for what is compared.
 */
class LldpDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"tcpdump__LLDP_and_CDP.pcap", "crafted-eth.pcap"})
  void matchesTshark(String file) throws IOException {
    L2Expectations.check(file, "lldp.");
  }
}

package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spanning tree BPDUs: configuration, RST and TCN, a cut BPDU, and GARP frames that share the SAP. Expected values: tshark 4.0 on the corpus and on the crafted captures, recorded by
 * {@code scripts/l2/make-expectations.sh}; see {@link L2Expectations} for what is compared.
 */
class StpDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"tcpdump__802.1w_rapid_STP.pcap", "pcapplusplus__EthDot3.pcap", "zeek__nfs__nfs_write.pcap", "crafted-eth.pcap"})
  void matchesTshark(String file) throws IOException {
    L2Expectations.check(file, "stp.", "mstp.");
  }
}

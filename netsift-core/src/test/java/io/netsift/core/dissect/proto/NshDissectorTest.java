package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Network Service Header (0x894f): the corpus capture (MD type 1, then IPv4) and crafted frames
 * with MD type 2 TLVs, every next protocol, NSH inside NSH, an unknown next protocol, a length
 * past the frame and a header cut short. Expected values: tshark 4.0, recorded by
 * {@code scripts/l2/make-expectations.sh}; see {@link L2Expectations} for what is compared.
 */
class NshDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"suricata__decode-nsh-type1.pcap", "crafted-nsh.pcap"})
  void matchesTshark(String file) throws IOException {
    L2Expectations.check(file, "nsh.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"suricata__decode-nsh-type1.pcap", "crafted-nsh.pcap"})
  void treeMatchesTshark(String file) throws IOException {
    L2Expectations.checkTree(file);
  }
}

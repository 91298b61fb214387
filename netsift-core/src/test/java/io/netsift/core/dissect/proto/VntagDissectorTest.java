package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * VN-Tag (0x8926): the corpus capture (VN-Tag, then 802.1Q, then IPv4) and crafted frames with every bit set, an 802.3 length (LLC follows), an unknown type and a tag cut short. Expected values: tshark 4.0 on the corpus and on the crafted capture, recorded by
 * {@code scripts/l2/make-expectations.sh}; see {@link L2Expectations} for what is compared.
 */
class VntagDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"suricata__decode-vntag-01.pcap", "crafted-tags.pcap"})
  void matchesTshark(String file) throws IOException {
    L2Expectations.check(file, "vntag.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"suricata__decode-vntag-01.pcap", "crafted-tags.pcap"})
  void treeMatchesTshark(String file) throws IOException {
    L2Expectations.checkTree(file);
  }
}

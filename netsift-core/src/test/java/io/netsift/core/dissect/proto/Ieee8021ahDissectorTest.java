package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 802.1ah I-Tag (0x88e7): the corpus capture (behind an 802.1Q tag; ARP, OSPF, VRRP, BOFL and 802.1Q-tagged TCP inside, trailers) and crafted frames with every I-Tag bit set, an unknown and a small customer type, a tag cut inside the customer addresses, and an I-Tag right after an 802.1ad tag, which tshark reports inside the 802.1ad layer. Expected values: tshark 4.0 on the corpus and on the crafted capture, recorded by
 * {@code scripts/l2/make-expectations.sh}; see {@link L2Expectations} for what is compared.
 */
class Ieee8021ahDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"zeek__pbb.pcap", "crafted-tags.pcap"})
  void matchesTshark(String file) throws IOException {
    L2Expectations.check(file, "ieee8021ah.", "ieee8021ad.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"zeek__pbb.pcap", "crafted-tags.pcap"})
  void treeMatchesTshark(String file) throws IOException {
    L2Expectations.checkTree(file);
  }
}

package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 802.1BR E-Tag (0x893f): the corpus capture (IPv4/TCP with a trailer) and crafted frames with every bit set (the 20-bit E-CIDs of the label), a group tag, a small type (tshark reads no 802.3 length here) and a tag cut before its TCI ends. Expected values: tshark 4.0 on the corpus and on the crafted capture, recorded by
 * {@code scripts/l2/make-expectations.sh}; see {@link L2Expectations} for what is compared.
 */
class EtagDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"suricata__decode-etag-01.pcap", "crafted-tags.pcap"})
  void matchesTshark(String file) throws IOException {
    L2Expectations.check(file, "etag.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"suricata__decode-etag-01.pcap", "crafted-tags.pcap"})
  void treeMatchesTshark(String file) throws IOException {
    L2Expectations.checkTree(file);
  }
}

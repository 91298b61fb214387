package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Wellfleet BOFL (0x8102): the keepalive with padding inside 802.1ah in the corpus, and crafted
 * ones without padding and cut short. Expected values: tshark 4.0, recorded by
 * {@code scripts/l2/make-expectations.sh}; see {@link L2Expectations} for what is compared.
 */
class BoflDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"zeek__pbb.pcap", "crafted-tags.pcap"})
  void matchesTshark(String file) throws IOException {
    L2Expectations.check(file, "bofl.");
  }
}

package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IP over InfiniBand (link type 242): destination address or global route header, type and the payload. Expected values: tshark 4.0 on the corpus and on the crafted captures, recorded by
 * {@code scripts/l2/make-expectations.sh}; see {@link L2Expectations} for what is compared.
 */
class IpoibDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"tcpdump__ipoib.pcap"})
  void matchesTshark(String file) throws IOException {
    L2Expectations.check(file, "ipoib.");
  }
}

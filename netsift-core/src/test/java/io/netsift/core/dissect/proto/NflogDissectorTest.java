package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NFLOG (link type 239): header, TLVs and the logged IPv4/IPv6 packet; TLVs that run past the frame. Expected values: tshark 4.0 on the corpus and on the crafted captures, recorded by
 * {@code scripts/l2/make-expectations.sh}; see {@link L2Expectations} for what is compared.
 */
class NflogDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"zeek__nflog-http.pcap", "crafted-nflog.pcap"})
  void matchesTshark(String file) throws IOException {
    L2Expectations.check(file, "nflog.");
  }
}

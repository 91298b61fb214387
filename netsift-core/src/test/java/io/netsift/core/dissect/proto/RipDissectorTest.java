package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RIP against tshark 4.0: columns, expert notes and every rip field of the corpus captures with
 * RIPv1 responses (rows recorded by
 * {@code scripts/golden/record-fields.sh netsift-core/src/test/resources/legacy/expected "rip" ...}).
 */
class RipDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"pcapplusplus__sll.pcap", "pcapplusplus__many-protocols.pcap"})
  void matchesTshark(String file) throws IOException {
    L2Expectations.checkIn("legacy", file, "rip.");
  }
}

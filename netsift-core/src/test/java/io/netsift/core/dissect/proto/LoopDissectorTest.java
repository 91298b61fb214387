package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Ethernet configuration testing protocol against tshark 4.0: columns, expert notes and every
 * loop field of the corpus captures carrying EtherType 0x9000 (rows recorded by
 * {@code scripts/golden/record-fields.sh netsift-core/src/test/resources/legacy/expected "loop dtp" ...}).
 */
class LoopDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"filesamples__teardrop.pcap", "tcpdump__various_gre.pcap"})
  void matchesTshark(String file) throws IOException {
    L2Expectations.checkIn("legacy", file, "loop.");
  }
}

package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Cisco's Dynamic Trunk Protocol against tshark 4.0 (rows recorded by
 * {@code scripts/golden/record-fields.sh netsift-core/src/test/resources/legacy/expected "loop dtp" ...}).
 */
class DtpDissectorTest {
  @Test
  void matchesTshark() throws IOException {
    L2Expectations.checkIn("legacy", "tcpdump__various_gre.pcap", "dtp.");
  }
}

package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * EIGRP against tshark 4.0: hellos with parameters, software version, sequence and next multicast
 * sequence TLVs, updates with IPv4 internal routes, acknowledgements (rows recorded by
 * {@code scripts/golden/record-fields.sh netsift-core/src/test/resources/legacy/expected "eigrp" ...}).
 */
class EigrpDissectorTest {
  @Test
  void matchesTshark() throws IOException {
    L2Expectations.checkIn("legacy", "tcpdump__EIGRP_adjacency.pcap", "eigrp.");
  }
}

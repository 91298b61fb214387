package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * PTPv2 over Ethernet against tshark 4.0: Sync, Follow_Up, Announce, Delay_Req and Delay_Resp
 * messages (rows recorded by
 * {@code scripts/golden/record-fields.sh netsift-core/src/test/resources/legacy/expected "ptp" ...}).
 */
class PtpDissectorTest {
  @Test
  void matchesTshark() throws IOException {
    L2Expectations.checkIn("legacy", "tcpdump__ptp_ethernet.pcap", "ptp.");
  }
}

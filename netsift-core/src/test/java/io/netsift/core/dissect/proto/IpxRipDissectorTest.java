package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * IPX Rip: columns, expert notes and every ipxrip field against tshark 4.0 on tcpdump's IPX capture (rows
 * recorded by {@code scripts/golden/record-fields.sh netsift-core/src/test/resources/legacy/expected
 * "ipx ipxrip ipxsap nbipx nmpi" ...}).
 */
class IpxRipDissectorTest {
  @Test
  void matchesTshark() throws IOException {
    L2Expectations.checkIn("legacy", "tcpdump__ipx.pcap", "ipxrip.");
  }
}

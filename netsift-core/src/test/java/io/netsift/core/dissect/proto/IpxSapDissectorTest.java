package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * IPX Sap: columns, expert notes and every ipxsap field against tshark 4.0 on tcpdump's IPX capture (rows
 * recorded by {@code scripts/golden/record-fields.sh netsift-core/src/test/resources/legacy/expected
 * "ipx ipxrip ipxsap nbipx nmpi" ...}).
 */
class IpxSapDissectorTest {
  @Test
  void matchesTshark() throws IOException {
    L2Expectations.checkIn("legacy", "tcpdump__ipx.pcap", "ipxsap.");
  }
}

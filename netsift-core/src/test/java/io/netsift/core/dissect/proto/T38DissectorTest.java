package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * T.38 against tshark 4.0 ({@code scripts/golden/record-fields.sh} into {@code sip/expected/}): on
 * the fax call, the UDPTL conversation that MEGACO's and SIP's SDP set up carries RTP that tshark
 * (and so netsift) decodes as T.38, failing in its PER decoder in the same places — too long
 * normally small numbers, unexpected fragment counts, a value above its constraint.
 */
class T38DissectorTest {
  static final String FAX = "ndpi__FAX-Call-t38-CA-TDM-SIP-FB-1.pcap";

  @Test
  void fieldsMatchTshark() throws IOException {
    L2Expectations.checkIn("sip", FAX, java.util.Set.of("megaco"), "t38.");
  }
}

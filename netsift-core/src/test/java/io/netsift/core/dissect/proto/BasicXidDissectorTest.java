package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * LLC's basic-format XID against tshark 4.0: columns, expert notes and every basicxid field of
 * the corpus capture that carries XID frames (rows recorded by
 * {@code scripts/golden/record-fields.sh netsift-core/src/test/resources/llc/expected "basicxid"
 * ../shared/corpus/ndpi__alexa-app.pcapng}).
 */
class BasicXidDissectorTest {
  @Test
  void matchesTshark() throws IOException {
    L2Expectations.checkIn("llc", "ndpi__alexa-app.pcapng", "basicxid.");
  }
}

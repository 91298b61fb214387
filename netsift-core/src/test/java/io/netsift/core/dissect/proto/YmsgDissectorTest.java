package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Yahoo Messenger on zeek's SMTP capture: one keep-alive on port 5050 that tshark finds by its
 * "YMSG" magic, with a key/value content line. Expected rows: tshark 4.0, recorded by
 * {@code scripts/messaging/make-expectations.sh}.
 */
class YmsgDissectorTest {
  @Test
  void fieldsAndColumnsMatchTshark() throws IOException {
    L2Expectations.checkIn("messaging", "zeek__smtp.pcap", "ymsg.");
  }
}

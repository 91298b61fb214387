package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Canon BJNP: the scanner discovery broadcast on PcapPlusPlus's BSD loopback capture. Expected
 * values: tshark 4.0, recorded by {@code scripts/golden/record-fields.sh
 * src/test/resources/bjnp/expected bjnp CAPTURE}.
 */
class BjnpDissectorTest {
  @Test
  void fieldsMatchTshark() throws IOException {
    L2Expectations.checkIn("bjnp", "pcapplusplus__NullLoopback.pcap", "bjnp.");
  }
}

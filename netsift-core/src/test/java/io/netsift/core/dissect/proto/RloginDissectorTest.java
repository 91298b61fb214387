package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * rlogin terminal data on PcapPlusPlus's ip-frag capture (a session captured after its
 * startup): the data and the Info column tshark shows for each segment. Expected values: tshark
 * 4.0, recorded by {@code scripts/golden/record-fields.sh src/test/resources/rlogin/expected rlogin
 * CAPTURE}.
 */
class RloginDissectorTest {
  @Test
  void dataAndColumnsMatchTshark() throws IOException {
    L2Expectations.checkFramesOf("rlogin", "pcapplusplus__ip-frag.pcap", "Rlogin", 76, "rlogin.data",
        "_ws.col.Protocol", "_ws.col.Info");
  }
}

package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OSPF against tshark 4.0.17 (see {@link L3Rows}): OSPFv2 with cryptographic authentication and LLS blocks, every message
 * type and the router, network and AS-external LSAs of the corpus; OSPFv3 from the corpus re-framed
 * as Ethernet; simple authentication, summary and NSSA LSAs and TOS metrics from the crafted capture.
 */
class OspfDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"tcpdump__OSPFv2_Capture_FINAL.pcapng", "ospfv3-ethernet.pcap", "crafted.pcap"})
  void matchesTshark(String file) throws IOException {
    L3Rows.compare(file, "ospf");
  }

  /** Every OSPF packet of these captures, cut short at every length and with bits flipped. */
  @ParameterizedTest
  @ValueSource(strings = {"tcpdump__OSPFv2_Capture_FINAL.pcapng", "ospfv3-ethernet.pcap"})
  void truncatedOrDamagedNeverThrows(String file) throws IOException {
    assertTrue(L3Rows.robustness(file, "ospf") > 0);
  }
}

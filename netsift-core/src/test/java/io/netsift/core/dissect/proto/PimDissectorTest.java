package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PIM against tshark 4.0.17 (see {@link L3Rows}): every message type of the corpus's assortment over IPv4 and IPv6
 * (Registers with their tunnelled packets and tshark's frozen Protocol and Info, IPv6 Register
 * checksums tshark finds bad), and an IPv6 Hello address list, an unknown option and a Graft from the
 * crafted capture.
 */
class PimDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"tcpdump__pim-packet-assortment.pcap", "crafted.pcap"})
  void matchesTshark(String file) throws IOException {
    L3Rows.compare(file, "pim");
  }

  /** Every PIM packet of these captures, cut short at every length and with bits flipped. */
  @ParameterizedTest
  @ValueSource(strings = {"tcpdump__pim-packet-assortment.pcap", "crafted.pcap"})
  void truncatedOrDamagedNeverThrows(String file) throws IOException {
    assertTrue(L3Rows.robustness(file, "pim") > 0);
  }
}

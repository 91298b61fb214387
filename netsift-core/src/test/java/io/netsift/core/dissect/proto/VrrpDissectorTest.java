package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * VRRP against tshark 4.0.17 (see {@link L3Rows}): versions 2 and 3 over IPv4 and IPv6, simple-text and MD5 authentication, a bad
 * checksum.
 */
class VrrpDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"tcpdump__vrrp.pcap", "crafted.pcap"})
  void matchesTshark(String file) throws IOException {
    L3Rows.compare(file, "vrrp");
  }

  /** Every VRRP packet of these captures, cut short at every length and with bits flipped. */
  @ParameterizedTest
  @ValueSource(strings = {"tcpdump__vrrp.pcap", "crafted.pcap"})
  void truncatedOrDamagedNeverThrows(String file) throws IOException {
    assertTrue(L3Rows.robustness(file, "vrrp") > 0);
  }
}

package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IGMP against tshark 4.0.17 (see {@link L3Rows}): v2 reports and leaves of the corpus, v3 reports (mDNS joins), and from the crafted capture v0, v1,
 * v2/v3 queries with sources, every v3 record type, multicast traceroute, an unknown type and a bad
 * checksum.
 */
class IgmpDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"pcapplusplus__IgmpPackets.pcap", "zeek__igmp__igmp-many-groups.pcap", "zeek__dns__mdns.pcap",
      "ndpi__alexa-app.pcapng", "ndpi__netflix.pcap", "crafted.pcap"})
  void matchesTshark(String file) throws IOException {
    L3Rows.compare(file, "igmp");
  }

  /** Every IGMP packet of these captures, cut short at every length and with bits flipped. */
  @ParameterizedTest
  @ValueSource(strings = {"crafted.pcap", "zeek__dns__mdns.pcap"})
  void truncatedOrDamagedNeverThrows(String file) throws IOException {
    assertTrue(L3Rows.robustness(file, "igmp") > 0);
  }
}

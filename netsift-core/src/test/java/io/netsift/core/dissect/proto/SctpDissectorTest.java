package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SCTP against tshark 4.0.17 (see {@link L3Rows}): association set-up, DATA with relative TSNs and one data layer per chunk,
 * SACKs, heartbeats, M3UA traffic (compared in the sctp fields) and SCTP inside ICMP errors from the
 * corpus; INIT parameters, gap blocks, ABORT, ERROR, SHUTDOWN, FORWARD-TSN, ECNE/CWR and an unknown
 * chunk from the crafted capture. tshark's TSN analysis ({@code sctp.ack}, RTTs) is a known difference.
 */
class SctpDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"suricata__decode-sctp-01.pcap", "zeek__communityid__sctp.pcap", "pcapplusplus__ip-frag.pcap",
      "crafted.pcap"})
  void matchesTshark(String file) throws IOException {
    L3Rows.compare(file, "sctp");
  }

  /** Every SCTP packet of these captures, cut short at every length and with bits flipped. */
  @ParameterizedTest
  @ValueSource(strings = {"zeek__communityid__sctp.pcap", "crafted.pcap"})
  void truncatedOrDamagedNeverThrows(String file) throws IOException {
    assertTrue(L3Rows.robustness(file, "sctp") > 0);
  }
}

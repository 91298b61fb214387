package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * IEEE 802.15.4 without FCS (link type 230) and the ZigBee layers above it on scapy's join and
 * authenticate capture: MAC frame control, PAN IDs, short and extended addresses, the extended
 * address learnt from an Association Response ({@code wpan.src64.origin}), beacons with their
 * ZigBee payload, MAC commands, the network layer's extended addresses and security headers
 * with tshark's "Encrypted Payload" warning, and the APS layer's secured commands. Expected
 * values: tshark 4.0, recorded by {@code scripts/l2/make-expectations.sh}; see
 * {@link L2Expectations} for what is compared (every wpan/zbee field on every packet, and the
 * Protocol and Info columns, frame.protocols and expert messages).
 */
class WpanDissectorTest {
  @Test
  void matchesTsharkOnZigbeeJoin() throws IOException {
    L2Expectations.check("scapy__zigbee-join-authenticate.pcap", "wpan.", "zbee");
  }
}

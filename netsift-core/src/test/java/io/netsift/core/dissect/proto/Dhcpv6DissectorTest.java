package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DHCPv6 on the corpus captures that carry it: client and server messages over PPPoE, Ethernet
 * and ERSPAN with DUID-LL and DUID-LLT identifiers, IA_NA and IA_PD with an IA Prefix, option
 * requests, elapsed time, vendor class, a domain search list and client FQDNs (full and
 * partial). Every dhcpv6 field, the columns and expert messages are compared with tshark 4.0's
 * rows ({@code scripts/dhcpv6-isakmp/make-expectations.sh}).
 */
class Dhcpv6DissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"pcapplusplus__PPPoESession.pcap", "pcapplusplus__many-protocols.pcap",
      "zeek__pppoe.pcap", "ndpi__1kxun.pcap", "zeek__erspan.pcap"})
  void fieldsAndColumnsMatchTshark(String file) throws IOException {
    L2Expectations.checkIn("dhcpv6", file, "dhcpv6.");
  }
}

package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ARCNET (Linux link type 129 with its offset field, BSD link type 7 with RFC 1201's exception
 * packets): IP, ARP, RARP, IPv6 and LLC hand-offs, RFC 1051 headers without split flag, frames
 * cut short. Expected values: tshark 4.0 on the corpus and on the crafted captures, recorded by
 * {@code scripts/l2/make-expectations.sh}; see {@link L2Expectations} for what is compared.
 */
class ArcnetDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"tcpdump__arcnet-rfc1201-arp-icmp-http.pcap", "crafted-arcnet.pcap", "crafted-arcnet-bsd.pcap"})
  void matchesTshark(String file) throws IOException {
    L2Expectations.check(file, "arcnet.");
  }
}

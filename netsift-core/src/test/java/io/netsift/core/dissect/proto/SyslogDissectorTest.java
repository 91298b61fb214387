package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Syslog against tshark 4.0 on nDPI's capture (RFC 3164 and RFC 5424 messages, Cisco and
 * NetScreen formats, a message ending in NUL, over Ethernet, VLAN, PPPoE and IPv6): every syslog
 * field and the Info column, recorded by {@code scripts/apps/make-expectations.sh}.
 */
class SyslogDissectorTest {
  @Test
  void fieldsMatchTshark() throws IOException {
    L2Expectations.checkIn("apps", "ndpi__syslog.pcap", "syslog.");
  }
}

package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * SIP against tshark 4.0 ({@code scripts/golden/record-fields.sh} into {@code sip/expected/}) on
 * the corpus captures that carry it: request and status lines, headers, From/To/Via/CSeq parts.
 */
class SipDissectorTest {
  private static final String[] FIELDS = {"sip.Method", "sip.Request-Line", "sip.r-uri", "sip.Status-", "sip.Call-ID",
      "sip.CSeq", "sip.From", "sip.To", "sip.Via", "sip.Contact", "sip.Content-", "sip.Max-Forwards",
      "sip.from.", "sip.to.", "sip.tag", "sip.Allow", "sip.Accept", "sip.Supported", "sip.Server",
      "sip.User-Agent", "sip.Expires", "sip.Min-SE", "sip.Reason", "sip.Date", "sip.Warning", "sip.msg_body", "sip.contact.", "sip.display."};

  @Test
  void faxCall() throws IOException {
    L2Expectations.checkIn("sip", T38DissectorTest.FAX, java.util.Set.of("megaco"), FIELDS);
  }

  @Test
  void cloudsharkCall() throws IOException {
    L2Expectations.checkIn("sip", "suricata__sip-body-frames__public-cloudshark-sip-s0.pcap", FIELDS);
  }

  @Test
  void zeekSip() throws IOException {
    L2Expectations.checkIn("sip", "zeek__sip__wireshark.pcap", FIELDS);
  }
}

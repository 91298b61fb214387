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
      "sip.User-Agent", "sip.Expires", "sip.Min-SE", "sip.Reason", "sip.Date", "sip.Warning", "sip.msg_body", "sip.contact.", "sip.display.", "sip.reason_", "sip.auth", "sip.WWW-", "sip.Proxy-",
      "sip.P-", "sip.msg_hdr", "sip.resend", "sip.response-"};

  /** The generated Call-ID too: once per message, again with an SDP body (not the one SDP's RTP set-ups add). */
  private static final String[] WITH_CALL_ID = java.util.stream.Stream.concat(java.util.Arrays.stream(FIELDS),
      java.util.stream.Stream.of("sip.call_id_generated")).toArray(String[]::new);

  @Test
  void faxCall() throws IOException {
    // Not the generated Call-ID: tshark shows it on the RTP that SIP's SDP set up, and netsift has no RTP yet.
    L2Expectations.checkIn("sip", T38DissectorTest.FAX, java.util.Set.of("megaco"), FIELDS);
  }

  @Test
  void cloudsharkCall() throws IOException {
    L2Expectations.checkIn("sip", "suricata__sip-body-frames__public-cloudshark-sip-s0.pcap", WITH_CALL_ID);
  }

  @Test
  void zeekSip() throws IOException {
    L2Expectations.checkIn("sip", "zeek__sip__wireshark.pcap", FIELDS);
  }
}

package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ISAKMP/IKE on UDP 500 and behind UDP 4500's non-ESP marker: IKEv1 main and quick mode (the
 * encrypted messages opaque) and IKEv2 IKE_SA_INIT, IKE_AUTH and INFORMATIONAL exchanges, with
 * SA proposals and transforms, key exchange, nonce, notify, vendor ID, NAT-D and Encrypted
 * payloads. The header, payload chain and the payload fields netsift decodes, the columns and
 * expert messages are compared with tshark 4.0's rows
 * ({@code scripts/dhcpv6-isakmp/make-expectations.sh}); transform attributes, vendor ID names
 * and notification data are not decoded.
 */
class IsakmpDissectorTest {
  private static final String[] FIELDS = {"isakmp.ispi", "isakmp.rspi", "isakmp.nextpayload",
      "isakmp.version", "isakmp.mjver", "isakmp.mnver", "isakmp.exchangetype", "isakmp.flag",
      "isakmp.messageid", "isakmp.length", "isakmp.typepayload", "isakmp.payloadlength",
      "isakmp.criticalpayload", "isakmp.reserved", "isakmp.datapayload", "isakmp.sa.", "isakmp.prop.",
      "isakmp.spi", "isakmp.trans.", "isakmp.tf.", "isakmp.key_exchange.", "isakmp.nonce",
      "isakmp.notify.protoid", "isakmp.notify.msgtype", "isakmp.vid_bytes", "isakmp.ike.nat_hash",
      "isakmp.enc."};

  @ParameterizedTest
  @ValueSource(strings = {"ndpi__ipsec_isakmp_esp.pcap", "scapy__ikev2_nat_t.pcapng", "tcpdump__isakmp4500.pcap"})
  void fieldsAndColumnsMatchTshark(String file) throws IOException {
    L2Expectations.checkIn("isakmp", file, FIELDS);
  }
}

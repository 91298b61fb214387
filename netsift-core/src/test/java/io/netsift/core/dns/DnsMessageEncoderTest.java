package io.netsift.core.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Encoder output, byte for byte, and encode→decode→encode round trips of every rdata shape. */
class DnsMessageEncoderTest {

  @Test
  void queryWithEdnsMatchesWhatDigSends() {
    // dig +noadflag +nocookie www.test A: id, RD, 1 question, 1 additional OPT udp 1232.
    DnsMessage q = DnsMessage.query(0xbeef, DnsQuestion.of(DnsName.of("www.test"), DnsRecordType.A), true,
        Edns.of(1232, false));
    assertEquals("beef01000001000000000001" + "03777777047465737400" + "00010001" + "00002904d0000000000000",
        HexFormat.of().formatHex(DnsMessageEncoder.encode(q)));
  }

  @Test
  void reencodingTheRealDnsmasqAnswerCompressesTheSameOrBetter() throws Exception {
    DnsMessage m = DnsMessageDecoder.decode(DnsMessageDecoderTest.CNAME_CHAIN);
    byte[] again = DnsMessageEncoder.encode(m);
    // dnsmasq wrote www.test in full inside the CNAME; we point its "test" at the question's.
    assertEquals(DnsMessageDecoderTest.CNAME_CHAIN.length - 4, again.length);
    DnsMessage back = DnsMessageDecoder.decode(again);
    assertEquals(m.answers().get(0).rdata(), back.answers().get(0).rdata());
    assertEquals(m.answers().get(1).rdata(), back.answers().get(1).rdata());
  }

  @Test
  void compressionKeepsCaseExactly() throws Exception {
    DnsMessage m = message(List.of(
        DnsRecord.of(DnsName.of("WwW.ExAmPlE"), DnsRecordType.CNAME, 1, new DnsRdata.Domain(DnsName.of("x.example")))));
    DnsMessage back = DnsMessageDecoder.decode(DnsMessageEncoder.encode(m));
    assertEquals("WwW.ExAmPlE.", back.answers().get(0).name().toString());
    assertEquals("x.example.", ((DnsRdata.Domain) back.answers().get(0).rdata()).name().toString());
  }

  @Test
  void srvTargetIsNeverCompressed() throws Exception {
    DnsName t = DnsName.of("sip.test");
    byte[] b = DnsMessageEncoder.encode(message(List.of(
        DnsRecord.of(t, DnsRecordType.A, 1, new DnsRdata.A((Inet4Address) InetAddress.getByName("192.0.2.1"))),
        DnsRecord.of(DnsName.of("_sip._udp.test"), DnsRecordType.SRV, 1, new DnsRdata.Srv(1, 2, 5060, t)))));
    DnsRecord srv = DnsMessageDecoder.decode(b).answers().get(1);
    DnsName target = ((DnsRdata.Srv) srv.rdata()).target();
    assertEquals(t.encodedLength(), target.wireLength(), "RFC 2782: the target is written in full");
  }

  @Test
  void everyRdataShapeRoundTrips() throws Exception {
    DnsName n = DnsName.of("example.test");
    List<DnsRecord> rrs = List.of(
        DnsRecord.of(n, DnsRecordType.A, 300, new DnsRdata.A((Inet4Address) InetAddress.getByName("192.0.2.1"))),
        DnsRecord.of(n, DnsRecordType.AAAA, 300,
            new DnsRdata.Aaaa((Inet6Address) InetAddress.getByName("2001:db8::1"))),
        DnsRecord.of(n, DnsRecordType.NS, 300, new DnsRdata.Domain(DnsName.of("ns1.example.test"))),
        DnsRecord.of(n, DnsRecordType.CNAME, 300, new DnsRdata.Domain(DnsName.of("other.test"))),
        DnsRecord.of(n, DnsRecordType.PTR, 300, new DnsRdata.Domain(DnsName.of("host.example.test"))),
        DnsRecord.of(n, DnsRecordType.DNAME, 300, new DnsRdata.Domain(DnsName.of("example.net"))),
        DnsRecord.of(n, DnsRecordType.MX, 300, new DnsRdata.Mx(10, DnsName.of("mail.example.test"))),
        DnsRecord.of(n, DnsRecordType.TXT, 300,
            new DnsRdata.Txt(List.of(Octets.utf8("v=spf1 -all"), Octets.EMPTY, Octets.of(new byte[255])))),
        DnsRecord.of(n, DnsRecordType.SOA, 300, new DnsRdata.Soa(DnsName.of("ns1.example.test"),
            DnsName.of("hostmaster.example.test"), 4294967295L, 7200, 3600, 1209600, 300)),
        DnsRecord.of(n, DnsRecordType.SRV, 300, new DnsRdata.Srv(0, 5, 443, DnsName.of("svc.example.test"))),
        DnsRecord.of(n, DnsRecordType.CAA, 300, new DnsRdata.Caa(128, "issue", Octets.utf8("ca.example; x=y"))),
        DnsRecord.of(n, DnsRecordType.HTTPS, 300, new DnsRdata.Svcb(1, DnsName.ROOT,
            List.of(new SvcParam(1, Octets.fromHex("026832")), new SvcParam(3, Octets.fromHex("01bb"))))),
        DnsRecord.of(n, DnsRecordType.SVCB, 300, new DnsRdata.Svcb(0, DnsName.of("alias.test"), List.of())),
        DnsRecord.of(n, DnsRecordType.DS, 300, new DnsRdata.Ds(12345, 13, 2, Octets.fromHex("00ff".repeat(16)))),
        DnsRecord.of(n, DnsRecordType.DNSKEY, 300, new DnsRdata.Dnskey(257, 3, 13, Octets.fromHex("ab".repeat(64)))),
        DnsRecord.of(n, DnsRecordType.RRSIG, 300, new DnsRdata.Rrsig(DnsRecordType.A, 13, 2, 300, 1700000000L,
            1690000000L, 12345, DnsName.of("example.test"), Octets.fromHex("cd".repeat(64)))),
        DnsRecord.of(n, DnsRecordType.NSEC, 300, new DnsRdata.Nsec(DnsName.of("z.example.test"),
            List.of(DnsRecordType.A, DnsRecordType.NS, DnsRecordType.RRSIG, DnsRecordType.NSEC, DnsRecordType.CAA,
                DnsRecordType.valueOf(65280)))),
        DnsRecord.of(n, DnsRecordType.valueOf(65400), 300, new DnsRdata.Unknown(Octets.fromHex("0102"))),
        new Edns(1232, 0, 0, Edns.DO, List.of(new EdnsOption(EdnsOption.COOKIE, Octets.fromHex("0011223344556677"))))
            .toRecord());
    DnsMessage m = message(rrs);
    byte[] wire = DnsMessageEncoder.encode(m);
    DnsMessage back = DnsMessageDecoder.decode(wire);
    assertEquals(rrs.size(), back.answers().size());
    for (int i = 0; i < rrs.size(); i++) {
      DnsRecord want = rrs.get(i);
      DnsRecord got = back.answers().get(i);
      assertEquals(want.name(), got.name());
      assertEquals(want.type(), got.type());
      assertEquals(want.dnsClass(), got.dnsClass());
      assertEquals(want.ttl(), got.ttl());
      assertEquals(want.rdata(), got.rdata(), "rdata of " + want.type());
    }
    assertArrayEquals(wire, DnsMessageEncoder.encode(back));
    // Record spans tile the message exactly.
    int p = back.questions().get(0).offset() + back.questions().get(0).length();
    for (DnsRecord r : back.answers()) {
      assertEquals(p, r.offset());
      assertEquals(r.offset() + r.length(), r.rdataOffset() + r.rdataLength());
      p += r.length();
    }
    assertEquals(wire.length, p);
  }

  @Test
  void edgesTheWireCannotCarryAreRefused() {
    DnsName n = DnsName.of("x");
    assertThrows(IllegalArgumentException.class, () -> DnsMessageEncoder.encode(message(List.of(
        DnsRecord.of(n, DnsRecordType.TXT, 0, new DnsRdata.Txt(List.of(Octets.of(new byte[256]))))))));
    assertThrows(IllegalArgumentException.class, () -> DnsMessageEncoder.encode(message(List.of(
        DnsRecord.of(n, DnsRecordType.MX, 0, new DnsRdata.Mx(70000, n))))));
    assertThrows(IllegalArgumentException.class, () -> DnsMessageEncoder.encode(message(List.of(
        DnsRecord.of(n, DnsRecordType.valueOf(999), 0, new DnsRdata.Unknown(Octets.of(new byte[70000])))))));
  }

  static DnsMessage message(List<DnsRecord> answers) {
    int flags = DnsHeader.flags(DnsOpcode.QUERY, DnsRcode.NOERROR, DnsHeader.QR | DnsHeader.AA);
    return new DnsMessage(new DnsHeader(7, flags, 1, answers.size(), 0, 0),
        List.of(DnsQuestion.of(DnsName.of("example.test"), DnsRecordType.ANY)), answers, List.of(), List.of(), 0);
  }
}

package io.netsift.core.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.dns.DnsDecodeException.Kind;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decoder over real and hand-made bytes, with a hexdump comment for each. */
class DnsMessageDecoderTest {
  /**
   * dnsmasq 2.90's answer to "alias.test A" (configured with --cname=alias.test,www.test and
   * --host-record=www.test,192.0.2.10,...,300), captured by sending the query over UDP:
   *
   * <pre>
   * 0000  12 34 85 80 00 01 00 02 00 00 00 00             id 0x1234, qr aa rd ra, 1 question, 2 answers
   * 000c  05 61 6c 69 61 73 04 74 65 73 74 00 00 01 00 01 alias.test. A IN
   * 001c  c0 0c 00 05 00 01 00 00 00 00 00 0a             -> 0x0c, CNAME IN ttl 0 rdlength 10
   * 0028  03 77 77 77 04 74 65 73 74 00                   www.test.
   * 0032  c0 28 00 01 00 01 00 00 01 2c 00 04 c0 00 02 0a -> 0x28, A IN ttl 300, 192.0.2.10
   * </pre>
   */
  static final byte[] CNAME_CHAIN = hex("12348580000100020000000005616c69617304746573740000010001c00c0005000100000000"
      + "000a03777777047465737400c028000100010000012c0004c000020a");

  /**
   * dnsmasq's answer to "test MX" with EDNS (udp 1232):
   *
   * <pre>
   * 0000  12 34 85 80 00 01 00 01 00 00 00 01             1 question, 1 answer, 1 additional
   * 000c  04 74 65 73 74 00 00 0f 00 01                   test. MX IN
   * 0016  c0 0c 00 0f 00 01 00 00 00 00 00 0d 00 0a       -> 0x0c, MX IN ttl 0 rdlength 13, pref 10
   * 0024  04 6d 61 69 6c 04 74 65 73 74 00                mail.test.
   * 002f  00 00 29 04 d0 00 00 00 00 00 00                OPT, udp 1232, ext-rcode 0, v0, no flags, rdlength 0
   * </pre>
   */
  static final byte[] MX_EDNS = hex("123485800001000100000001047465737400000f0001c00c000f000100000000000d000a046d6169"
      + "6c04746573740000002904d0000000000000");

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  void decodesRealCnameChainWithCompressionAndOffsets() throws Exception {
    DnsMessage m = DnsMessageDecoder.decode(CNAME_CHAIN);
    DnsHeader h = m.header();
    assertEquals(0x1234, h.id());
    assertTrue(h.isResponse() && h.authoritative() && h.recursionDesired() && h.recursionAvailable());
    assertFalse(h.truncated() || h.authenticData() || h.checkingDisabled() || h.z());
    assertEquals(DnsOpcode.QUERY, h.opcode());
    assertEquals(DnsRcode.NOERROR, m.rcode());
    assertEquals(CNAME_CHAIN.length, m.length());

    DnsQuestion q = m.questions().get(0);
    assertEquals("alias.test.", q.name().toString());
    assertEquals(DnsRecordType.A, q.type());
    assertEquals(DnsClass.IN, q.dnsClass());
    assertEquals(12, q.offset());
    assertEquals(16, q.length());
    assertEquals(12, q.name().wireLength());

    DnsRecord cname = m.answers().get(0);
    assertEquals(28, cname.offset());
    assertEquals(2, cname.name().wireLength()); // just the pointer
    assertEquals(DnsName.of("alias.test"), cname.name());
    assertEquals(DnsRecordType.CNAME, cname.type());
    assertEquals(40, cname.rdataOffset());
    assertEquals(10, cname.rdataLength());
    assertEquals(22, cname.length());
    assertEquals(new DnsRdata.Domain(DnsName.of("www.test.")), cname.rdata());
    assertEquals(40, ((DnsRdata.Domain) cname.rdata()).name().offset());

    DnsRecord a = m.answers().get(1);
    assertEquals(50, a.offset());
    assertEquals("www.test.", a.name().toString());
    assertEquals(300, a.ttl());
    assertEquals("192.0.2.10", ((DnsRdata.A) a.rdata()).address().getHostAddress());
    assertEquals(CNAME_CHAIN.length, a.offset() + a.length());
  }

  @Test
  void decodesOptIntoEdns() throws Exception {
    DnsMessage m = DnsMessageDecoder.decode(MX_EDNS);
    assertEquals(new DnsRdata.Mx(10, DnsName.of("mail.test")), m.answers().get(0).rdata());
    Edns e = m.edns().orElseThrow();
    assertEquals(1232, e.udpPayloadSize());
    assertEquals(0, e.version());
    assertFalse(e.dnssecOk());
    assertTrue(e.options().isEmpty());
    assertTrue(m.additionalsWithoutOpt().isEmpty());
    assertEquals(0x2f, m.additionals().get(0).offset());
  }

  @Test
  void decodesAtAnOffsetInsideABiggerArray() throws Exception {
    byte[] framed = new byte[CNAME_CHAIN.length + 10];
    System.arraycopy(CNAME_CHAIN, 0, framed, 7, CNAME_CHAIN.length);
    DnsMessage m = DnsMessageDecoder.decode(framed, 7, CNAME_CHAIN.length);
    // Offsets stay relative to the message, the space compression pointers count in.
    assertEquals(50, m.answers().get(1).offset());
    assertEquals(DnsName.of("www.test"), DnsMessageDecoder.decodeName(framed, 7, CNAME_CHAIN.length, 0x32));
  }

  @Test
  void everyPrefixOfARealMessageIsTruncatedNeverCorrupt() {
    for (byte[] msg : List.of(CNAME_CHAIN, MX_EDNS)) {
      for (int n = 0; n < msg.length; n++) {
        final int len = n;
        DnsDecodeException e = assertThrows(DnsDecodeException.class, () -> DnsMessageDecoder.decode(msg, 0, len));
        assertEquals(Kind.TRUNCATED, e.kind(), "prefix of " + n + " bytes: " + e.getMessage());
        assertTrue(e.offset() <= n);
        if (n >= 12) {
          assertNotNull(e.partial(), "header is complete at " + n);
        } else {
          assertNull(e.partial());
        }
      }
    }
  }

  @Test
  void partialKeepsRecordsBeforeTheDamage() {
    byte[] cut = java.util.Arrays.copyOf(CNAME_CHAIN, CNAME_CHAIN.length - 2);
    DnsDecodeException e = assertThrows(DnsDecodeException.class, () -> DnsMessageDecoder.decode(cut));
    assertTrue(e.isTruncated());
    assertEquals(1, e.partial().questions().size());
    assertEquals(1, e.partial().answers().size());
    assertEquals(2, e.partial().header().anCount());
    assertTrue(e.getMessage().startsWith("truncated DNS message: "), e.getMessage());
  }

  @Test
  void selfPointerIsALoop() {
    // 0000 header, 1 question; 000c  c0 0c  (points at itself) 00 01 00 01
    byte[] m = hex("000001000001000000000000" + "c00c00010001");
    DnsDecodeException e = assertThrows(DnsDecodeException.class, () -> DnsMessageDecoder.decode(m));
    assertEquals(Kind.CORRUPT, e.kind());
    assertEquals(12, e.offset());
    assertTrue(e.getMessage().contains("loop"), e.getMessage());
  }

  @Test
  void twoPointerLoopThroughALabel() {
    // 000c 01 61 c0 10 | 0010 c0 0c : a -> 0x10 -> 0x0c -> a ... never ends
    byte[] m = hex("000001000001000000000000" + "0161c010" + "c00c" + "00010001");
    DnsDecodeException e = assertThrows(DnsDecodeException.class, () -> DnsMessageDecoder.decode(m));
    assertEquals(Kind.CORRUPT, e.kind());
    assertTrue(e.getMessage().contains("loop"), e.getMessage());
  }

  @Test
  void pointerBeyondTheEndIsCorrupt() {
    byte[] m = hex("000001000001000000000000" + "c0ff00010001");
    DnsDecodeException e = assertThrows(DnsDecodeException.class, () -> DnsMessageDecoder.decode(m));
    assertEquals(Kind.CORRUPT, e.kind());
    assertEquals("corrupt DNS message: compression pointer at offset 12 points to 255, beyond the end of the "
        + "18-byte message", e.getMessage());
  }

  @Test
  void reasonsTellLoopsFromPointersPastTheEnd() {
    byte[] loop = hex("000001000001000000000000" + "0161c010" + "c00c" + "00010001");
    DnsDecodeException e = assertThrows(DnsDecodeException.class, () -> DnsMessageDecoder.decode(loop));
    assertEquals(DnsDecodeException.Reason.POINTER_LOOP, e.reason());
    byte[] past = hex("000001000001000000000000" + "c0ff00010001");
    e = assertThrows(DnsDecodeException.class, () -> DnsMessageDecoder.decode(past));
    assertEquals(DnsDecodeException.Reason.POINTER_OUT_OF_RANGE, e.reason());
    byte[] cut = hex("000001000001000000000000" + "0361");
    e = assertThrows(DnsDecodeException.class, () -> DnsMessageDecoder.decode(cut));
    assertEquals(DnsDecodeException.Reason.SHORT, e.reason());
    byte[] extended = hex("000001000001000000000000" + "4100");
    e = assertThrows(DnsDecodeException.class, () -> DnsMessageDecoder.decode(extended));
    assertEquals(DnsDecodeException.Reason.LABEL_TYPE, e.reason());
  }

  @Test
  void nameWireLengthStopsAtTheFirstPointerWithoutFollowingIt() {
    byte[] loop = hex("000001000001000000000000" + "0161c010" + "c00c" + "00010001");
    assertEquals(4, DnsMessageDecoder.nameWireLength(loop, 0, loop.length, 12));
    assertEquals(2, DnsMessageDecoder.nameWireLength(loop, 0, loop.length, 16));
    byte[] plain = hex("000001000001000000000000" + "01610162" + "00" + "00010001");
    assertEquals(5, DnsMessageDecoder.nameWireLength(plain, 0, plain.length, 12));
    assertEquals(-1, DnsMessageDecoder.nameWireLength(plain, 0, 14, 12));
  }

  @Test
  void forwardPointerIsAcceptedAsWiresharkDoes() throws Exception {
    // question name = pointer to 0x12, where "a" + root sits after the type/class
    byte[] m = hex("000001000001000000000000" + "c012" + "00010001" + "016100");
    DnsMessage d = DnsMessageDecoder.decode(m);
    assertEquals("a.", d.questions().get(0).name().toString());
    assertEquals(18, d.length()); // the 3 trailing bytes were only pointed into
  }

  @Test
  void reservedLabelTypesAreCorrupt() {
    for (String t : List.of("40", "80", "bf")) {
      byte[] m = hex("000001000001000000000000" + t + "0000010001");
      DnsDecodeException e = assertThrows(DnsDecodeException.class, () -> DnsMessageDecoder.decode(m));
      assertEquals(Kind.CORRUPT, e.kind());
      assertTrue(e.getMessage().contains("unsupported label type"), e.getMessage());
    }
  }

  @Test
  void nameOver255OctetsIsCorruptEvenThroughPointers() {
    // 5 labels of 63 octets = 320 octets
    StringBuilder sb = new StringBuilder("000001000001000000000000");
    for (int i = 0; i < 5; i++) {
      sb.append("3f").append("61".repeat(63));
    }
    sb.append("0000010001");
    DnsDecodeException e = assertThrows(DnsDecodeException.class, () -> DnsMessageDecoder.decode(hex(sb.toString())));
    assertEquals(Kind.CORRUPT, e.kind());
    assertTrue(e.getMessage().contains("longer than 255"), e.getMessage());
  }

  @Test
  void wrongAddressLengthIsCorrupt() {
    // answer: root name, A IN ttl 0, rdlength 5
    byte[] m = hex("000081000000000100000000" + "00" + "0001" + "0001" + "00000000" + "0005" + "0102030405");
    DnsDecodeException e = assertThrows(DnsDecodeException.class, () -> DnsMessageDecoder.decode(m));
    assertEquals(Kind.CORRUPT, e.kind());
    assertTrue(e.getMessage().contains("rdata length 5, expected 4"), e.getMessage());
  }

  @Test
  void rdlengthPastTheEndIsTruncated() {
    byte[] m = hex("000081000000000100000000" + "00" + "0001" + "0001" + "00000000" + "0004" + "0102");
    DnsDecodeException e = assertThrows(DnsDecodeException.class, () -> DnsMessageDecoder.decode(m));
    assertEquals(Kind.TRUNCATED, e.kind());
  }

  @Test
  void nameRunningPastItsRdataIsCorrupt() {
    // CNAME with rdlength 2 but a 3-byte name "\001a\000"
    byte[] m = hex("000081000000000100000000" + "00" + "0005" + "0001" + "00000000" + "0002" + "016100");
    DnsDecodeException e = assertThrows(DnsDecodeException.class, () -> DnsMessageDecoder.decode(m));
    assertEquals(Kind.CORRUPT, e.kind());
    assertTrue(e.getMessage().contains("runs past the end of the rdata"), e.getMessage());
  }

  @Test
  void trailingBytesInsideFixedRdataAreCorrupt() {
    // MX pref 1, name root, then a stray byte inside rdlength 4
    byte[] m = hex("000081000000000100000000" + "00" + "000f" + "0001" + "00000000" + "0004" + "00010099");
    DnsDecodeException e = assertThrows(DnsDecodeException.class, () -> DnsMessageDecoder.decode(m));
    assertEquals(Kind.CORRUPT, e.kind());
    assertTrue(e.getMessage().contains("unexpected bytes"), e.getMessage());
  }

  @Test
  void emptyRdataIsUnknownForAnyType() throws Exception {
    // RFC 2136 §2.5.2 delete-RRset: class ANY, rdlength 0
    byte[] m = hex("000028000000000100000000" + "00" + "0001" + "00ff" + "00000000" + "0000");
    DnsRecord r = DnsMessageDecoder.decode(m).answers().get(0);
    assertEquals(new DnsRdata.Unknown(Octets.EMPTY), r.rdata());
    assertEquals(DnsClass.ANY, r.dnsClass());
  }

  @Test
  void unknownTypesAndClassesMapNeverThrow() throws Exception {
    byte[] m = hex("000081000000000100000000" + "00" + "ff00" + "1234" + "ffffffff" + "0003" + "abcdef");
    DnsRecord r = DnsMessageDecoder.decode(m).answers().get(0);
    assertEquals("TYPE65280", r.type().toString());
    assertFalse(r.type().isKnown());
    assertEquals("CLASS4660", r.dnsClass().toString());
    assertEquals(0xffffffffL, r.ttl());
    assertEquals(new DnsRdata.Unknown(Octets.fromHex("abcdef")), r.rdata());
  }

  @Test
  void nsecBitmapDecodes() throws Exception {
    // NSEC next "a." types A(1) MX(15) RRSIG(46) NSEC(47) CAA(257):
    // window 0 len 6: 40 01 00 00 00 03 ; window 1 len 1: 40
    byte[] m = hex("000081000000000100000000" + "00" + "002f" + "0001" + "00000e10" + "000e" + "016100"
        + "0006400100000003" + "010140");
    DnsRdata.Nsec n = (DnsRdata.Nsec) DnsMessageDecoder.decode(m).answers().get(0).rdata();
    assertEquals(DnsName.of("a"), n.nextDomain());
    assertEquals(List.of(DnsRecordType.A, DnsRecordType.MX, DnsRecordType.RRSIG, DnsRecordType.NSEC,
        DnsRecordType.CAA), n.types());
  }

  @Test
  void badNsecBitmapLengthIsCorrupt() {
    byte[] m = hex("000081000000000100000000" + "00" + "002f" + "0001" + "00000e10" + "0005" + "00" + "0000" + "4000");
    DnsDecodeException e = assertThrows(DnsDecodeException.class, () -> DnsMessageDecoder.decode(m));
    assertEquals(Kind.CORRUPT, e.kind());
    assertTrue(e.getMessage().contains("outside 1..32"), e.getMessage());
  }

  @Test
  void httpsRecordDecodesParams() throws Exception {
    // HTTPS 1 . alpn=h2 (the bytes dnsmasq serves with --dns-rr=test,65,00010000010003026832)
    byte[] m = hex("000081000000000100000000" + "00" + "0041" + "0001" + "00000000" + "000a" + "00010000010003026832");
    DnsRdata.Svcb s = assertInstanceOf(DnsRdata.Svcb.class, DnsMessageDecoder.decode(m).answers().get(0).rdata());
    assertEquals(1, s.priority());
    assertTrue(s.target().isRoot());
    assertEquals(List.of(new SvcParam(SvcParam.ALPN, Octets.fromHex("026832"))), s.params());
    assertEquals("alpn", s.params().get(0).keyName());
  }

  @Test
  void caaWithEmptyTagIsCorrupt() {
    byte[] m = hex("000081000000000100000000" + "00" + "0101" + "0001" + "00000000" + "0003" + "800078");
    DnsDecodeException e = assertThrows(DnsDecodeException.class, () -> DnsMessageDecoder.decode(m));
    assertEquals(Kind.CORRUPT, e.kind());
  }

  @Test
  void extendedRcodeCombinesWithHeader() throws Exception {
    // rcode low bits 0, OPT ext-rcode 1 => BADVERS (16), RFC 6891 §7
    byte[] m = hex("000081000000000000000001" + "00" + "0029" + "1000" + "01000000" + "0000");
    assertEquals(DnsRcode.BADVERS, DnsMessageDecoder.decode(m).rcode());
  }

  @Test
  void mappedAaaaStaysIpv6() throws Exception {
    byte[] m = hex("000081000000000100000000" + "00" + "001c" + "0001" + "00000000" + "0010"
        + "00000000000000000000ffffc0000201");
    DnsRdata.Aaaa a = (DnsRdata.Aaaa) DnsMessageDecoder.decode(m).answers().get(0).rdata();
    assertEquals("::ffff:c000:201", a.address().getHostAddress().replace("0:0:0:0:0:", "::"));
  }
}

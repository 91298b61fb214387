package io.netsift.core.dns;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Arbitrary bytes in, and only a message or a {@link DnsDecodeException} out, quickly: random
 * buffers, and real messages with random bytes flipped, cut or inserted (mutations find
 * pointer loops far faster than pure noise). Seeds are fixed, so a failure reproduces.
 */
class DnsDecoderRobustnessTest {
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void neverThrowsAnythingElseNorHangs() throws Exception {
    Random rnd = new Random(20240601);
    byte[] rich = DnsMessageEncoder.encode(richMessage());
    List<byte[]> seeds = List.of(DnsMessageDecoderTest.CNAME_CHAIN, DnsMessageDecoderTest.MX_EDNS, rich);
    int decoded = 0;
    for (int i = 0; i < 60_000; i++) {
      byte[] in;
      if (i % 4 == 0) {
        in = new byte[rnd.nextInt(600)];
        rnd.nextBytes(in);
        if (in.length >= 12) {
          in[4] = 0; // modest counts, so the noise reaches the record decoders
          in[6] = 0;
        }
      } else {
        in = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
      }
      try {
        DnsMessage m = DnsMessageDecoder.decode(in);
        // What decodes re-encodes: the model never holds a value the wire cannot carry.
        assertNotNull(DnsMessageEncoder.encode(m));
        decoded++;
      } catch (DnsDecodeException expected) {
        assertNotNull(expected.kind());
      }
    }
    assertTrue(decoded > 1000, "some mutants should still decode: " + decoded);
  }

  static byte[] mutate(byte[] seed, Random rnd) {
    byte[] b = seed.clone();
    int edits = 1 + rnd.nextInt(4);
    for (int e = 0; e < edits; e++) {
      switch (rnd.nextInt(4)) {
        case 0 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
        case 1 -> b[rnd.nextInt(b.length)] = (byte) (0xc0 | rnd.nextInt(64)); // a pointer byte
        case 2 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
        default -> {
          int at = rnd.nextInt(b.length + 1);
          byte[] c = new byte[b.length + 1];
          System.arraycopy(b, 0, c, 0, at);
          c[at] = (byte) rnd.nextInt(256);
          System.arraycopy(b, at, c, at + 1, b.length - at);
          b = c;
        }
      }
      if (b.length == 0) {
        return b;
      }
    }
    return b;
  }

  static DnsMessage richMessage() throws Exception {
    DnsName n = DnsName.of("example.test");
    return DnsMessageEncoderTest.message(List.of(
        DnsRecord.of(n, DnsRecordType.MX, 300, new DnsRdata.Mx(10, DnsName.of("mail.example.test"))),
        DnsRecord.of(n, DnsRecordType.SOA, 300, new DnsRdata.Soa(DnsName.of("ns1.example.test"),
            DnsName.of("hostmaster.example.test"), 1, 2, 3, 4, 5)),
        DnsRecord.of(n, DnsRecordType.TXT, 300, new DnsRdata.Txt(List.of(Octets.utf8("hello"), Octets.utf8("x")))),
        DnsRecord.of(n, DnsRecordType.CAA, 300, new DnsRdata.Caa(0, "issue", Octets.utf8("ca.example"))),
        DnsRecord.of(n, DnsRecordType.HTTPS, 300, new DnsRdata.Svcb(1, DnsName.ROOT,
            List.of(new SvcParam(1, Octets.fromHex("026832"))))),
        DnsRecord.of(n, DnsRecordType.NSEC, 300, new DnsRdata.Nsec(DnsName.of("z.example.test"),
            List.of(DnsRecordType.A, DnsRecordType.CAA))),
        DnsRecord.of(n, DnsRecordType.RRSIG, 300, new DnsRdata.Rrsig(DnsRecordType.A, 13, 2, 300, 1, 2, 3,
            n, Octets.fromHex("cdcd"))),
        Edns.of(1232, true).toRecord()));
  }
}

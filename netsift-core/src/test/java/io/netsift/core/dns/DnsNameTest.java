package io.netsift.core.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Names in presentation form, and the open enums for TYPE, CLASS, OPCODE and RCODE. */
class DnsNameTest {
  @Test
  void presentationFormRoundTripsWithEscapes() {
    DnsName n = DnsName.of("a\\.b.c\\\\d.\\032x.");
    assertEquals(List.of("a.b", "c\\d", " x"), n.labels());
    assertEquals("a\\.b.c\\\\d.\\032x.", n.toString());
    assertEquals(DnsName.of(n.toString()), n);
    assertEquals("\\255\\000.", DnsName.fromLabels(List.of("\u00ff\u0000")).toString());
    assertEquals("\\195\\169.", DnsName.of("é").toString(), "non-ASCII is UTF-8 octets, shown as \\DDD like dig");
  }

  @Test
  void rootAndRelativeForms() {
    assertTrue(DnsName.of(".").isRoot());
    assertTrue(DnsName.of("").isRoot());
    assertEquals(".", DnsName.ROOT.toString());
    assertEquals("", DnsName.ROOT.toRelativeString());
    assertEquals("www.example.com", DnsName.of("www.example.com.").toRelativeString());
    assertEquals(1, DnsName.ROOT.encodedLength());
    assertEquals(17, DnsName.of("www.example.com").encodedLength());
  }

  @Test
  void equalityIgnoresAsciiCaseOnly() {
    assertEquals(DnsName.of("WWW.Example.COM"), DnsName.of("www.example.com."));
    assertEquals(DnsName.of("WWW.Example.COM").hashCode(), DnsName.of("www.example.com").hashCode());
    assertNotEquals(DnsName.of("\\195"), DnsName.of("\\227"));
    assertTrue(DnsName.of("a.b.example.com").isSubdomainOf(DnsName.of("EXAMPLE.com")));
    assertFalse(DnsName.of("example.com").isSubdomainOf(DnsName.of("a.example.com")));
  }

  @Test
  void limitsOfRfc1035() {
    assertEquals(63, DnsName.of("a".repeat(63)).labels().get(0).length());
    assertThrows(IllegalArgumentException.class, () -> DnsName.of("a".repeat(64)));
    String name253 = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61));
    assertEquals(255, DnsName.of(name253).encodedLength());
    assertThrows(IllegalArgumentException.class, () -> DnsName.of(name253 + "e"));
    assertThrows(IllegalArgumentException.class, () -> DnsName.of("a..b"));
    assertThrows(IllegalArgumentException.class, () -> DnsName.of(".a"));
    assertThrows(IllegalArgumentException.class, () -> DnsName.of("a\\"));
    assertThrows(IllegalArgumentException.class, () -> DnsName.of("a\\25"));
    assertThrows(IllegalArgumentException.class, () -> DnsName.of("a\\256"));
  }

  @Test
  void openEnumsAlwaysMapNumbersAndAreStrictForNames() {
    for (int v = 0; v <= 0xffff; v++) {
      DnsRecordType t = DnsRecordType.valueOf(v);
      assertEquals(v, t.value());
      assertEquals(t, DnsRecordType.forName(t.name()).orElseThrow());
      assertEquals(v, DnsClass.valueOf(v).value());
    }
    assertEquals(DnsRecordType.CAA, DnsRecordType.valueOf(257));
    assertEquals(Optional.of(DnsRecordType.AAAA), DnsRecordType.forName("aaaa"));
    assertEquals(Optional.of(DnsRecordType.valueOf(1)), DnsRecordType.forName("TYPE1"));
    assertEquals(Optional.empty(), DnsRecordType.forName("AAAAA"));
    assertEquals(Optional.empty(), DnsRecordType.forName("TYPE65536"));
    assertEquals(Optional.empty(), DnsRecordType.forName("TYPE"));
    assertEquals(Optional.of(DnsClass.CH), DnsClass.forName("ch"));
    assertEquals("RESERVED3", DnsOpcode.valueOf(3).name());
    assertEquals("RESERVED12", DnsRcode.valueOf(12).name());
    assertEquals(DnsRcode.NXDOMAIN, DnsRcode.valueOf(3));
    assertThrows(IllegalArgumentException.class, () -> DnsRecordType.valueOf(65536));
  }

  @Test
  void headerFlagsPackAndUnpack() {
    int f = DnsHeader.flags(DnsOpcode.UPDATE, DnsRcode.REFUSED, DnsHeader.QR | DnsHeader.TC | DnsHeader.CD);
    DnsHeader h = new DnsHeader(1, f, 0, 0, 0, 0);
    assertEquals(DnsOpcode.UPDATE, h.opcode());
    assertEquals(DnsRcode.REFUSED, h.rcode());
    assertTrue(h.isResponse() && h.truncated() && h.checkingDisabled());
    assertFalse(h.recursionDesired() || h.authoritative() || h.authenticData());
  }
}

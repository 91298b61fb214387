package io.netsift.net.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Parsing and the normal forms: dotted quads, and IPv6 per RFC 4291 §2.2 in, RFC 5952 out. */
class IpAddressTest {
  @ParameterizedTest
  @CsvSource({
      // input, RFC 5952 form, expanded form
      "2001:DB8:0:0:0:0:0:1, 2001:db8::1, 2001:0db8:0000:0000:0000:0000:0000:0001",
      "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1, 2001:0db8:0000:0000:0001:0000:0000:0001", // §4.2.3 first longest run
      "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1, 2001:0db8:0000:0001:0001:0001:0001:0001", // §4.2.2 no :: for one group
      "::, ::, 0000:0000:0000:0000:0000:0000:0000:0000",
      "::1, ::1, 0000:0000:0000:0000:0000:0000:0000:0001",
      "1::, 1::, 0001:0000:0000:0000:0000:0000:0000:0000",
      "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0, 0001:0002:0003:0004:0005:0006:0007:0000",
      "::ffff:192.0.2.1, ::ffff:192.0.2.1, 0000:0000:0000:0000:0000:ffff:c000:0201", // §5 mixed notation
      "::ffff:c000:201, ::ffff:192.0.2.1, 0000:0000:0000:0000:0000:ffff:c000:0201",
      "64:ff9b::192.0.2.33, 64:ff9b::c000:221, 0064:ff9b:0000:0000:0000:0000:c000:0221",
      "[fe80::1], fe80::1, fe80:0000:0000:0000:0000:0000:0000:0001",
      "FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, "
          + "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
      "0.0.0.0, 0.0.0.0, 0.0.0.0",
      "255.255.255.255, 255.255.255.255, 255.255.255.255"
  })
  void normalAndExpandedForms(String in, String normal, String expanded) {
    IpAddress a = IpAddress.parse(in);
    assertEquals(normal, a.toString());
    assertEquals(expanded, a.expanded());
    assertEquals(a, IpAddress.parse(a.toString()));
    assertEquals(a, IpAddress.parse(a.expanded()));
    assertEquals(a, IpAddress.of(a.toBytes()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "1.2.3.4 5", "a.b.c.d",
      "1:2:3:4:5:6:7:8:9", "1::2::3", ":::", "1:2:3:4:5:6:7:8::", "12345::", "g::", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:",
      "1.2.3.4::", "::1.2.3", "fe80::1%eth0", "1:2:3:4:5:6:7"})
  void rejectsMalformed(String in) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(in));
    assertTrue(e.getMessage().length() > 10, e.getMessage());
  }

  @Test
  void leadingZeroIsRefusedWithTheReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("10.0.0.010"));
    assertTrue(e.getMessage().contains("leading zero"), e.getMessage());
  }

  @Test
  void integersAndBinary() {
    IpAddress a = IpAddress.parse("192.168.1.10");
    assertEquals(BigInteger.valueOf(3232235786L), a.toBigInteger());
    assertEquals("11000000.10101000.00000001.00001010", a.binary());
    assertEquals(new BigInteger("340282366920938463463374607431768211455"),
        IpAddress.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").toBigInteger());
    assertEquals(IpAddress.parse("10.0.1.0"), IpAddress.parse("10.0.0.255").plus(BigInteger.ONE));
    assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("255.255.255.255").plus(BigInteger.ONE));
  }

  @Test
  void reverseNames() {
    // RFC 1035 §3.5 and RFC 3596 §2.5 (the example from RFC 3596 itself)
    assertEquals("10.1.168.192.in-addr.arpa.", IpAddress.parse("192.168.1.10").reverseName());
    assertEquals("b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4.ip6.arpa.",
        IpAddress.parse("4321:0:1:2:3:4:567:89ab").reverseName());
  }
}

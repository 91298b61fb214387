package io.netsift.core.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsift.core.field.Addresses;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The encoded buffer writes what encoding the same text with {@code String.getBytes} writes. */
class Utf8BufferTest {
  @Test
  void everyOctetOfAnAddressIsWrittenAsTheDottedQuadIs() {
    byte[] addr = new byte[5];
    for (int v = 0; v < 256; v++) {
      for (int pos = 0; pos < 4; pos++) {
        addr[0] = 9;
        addr[1] = (byte) (pos == 0 ? v : 255 - v);
        addr[2] = (byte) (pos == 1 ? v : 100);
        addr[3] = (byte) (pos == 2 ? v : 7);
        addr[4] = (byte) (pos == 3 ? v : 10);
        // Starting at every length near the initial capacity: the address must fit wherever it lands.
        for (int before = 0; before < 20; before++) {
          Utf8Buffer b = new Utf8Buffer(16);
          StringBuilder expected = new StringBuilder();
          for (int i = 0; i < before; i++) {
            b.ascii('x');
            expected.append('x');
          }
          b.ipv4(addr, 1).ascii('|');
          expected.append(Addresses.ipv4(addr, 1)).append('|');
          assertEquals(expected.toString(), b.toString());
        }
      }
    }
  }

  @Test
  void numbersAreWrittenAsLongToStringWritesThem() {
    long[] edges = {0, 1, 9, 10, 99, 100, Integer.MAX_VALUE - 1L, Integer.MAX_VALUE,
        Integer.MAX_VALUE + 1L, 4294967295L, 4294967296L, Long.MAX_VALUE, -1, -10,
        Integer.MIN_VALUE, Long.MIN_VALUE};
    for (long v : edges) {
      assertEquals(Long.toString(v), new Utf8Buffer(1).append(v).toString());
    }
    Random r = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      long v = r.nextInt(4) == 0 ? r.nextLong() : r.nextInt() & 0xffffffffL;
      assertEquals(Long.toString(v), new Utf8Buffer(4).append(v).toString());
    }
  }

  @Test
  void textBeyondAsciiAndAnotherBufferAreEncodedAsAWhole() {
    String s = "GET /caf\u00e9 \u2192 \ud83d\ude00 done";
    Utf8Buffer inner = new Utf8Buffer(2).append(s);
    Utf8Buffer outer = new Utf8Buffer(2).append("a\t").append(inner).append(new StringBuilder("\t\u00fc"));
    assertArrayEquals(("a\t" + s + "\t\u00fc").getBytes(StandardCharsets.UTF_8), outer.toByteArray());
    assertEquals("a\t" + s + "\t\u00fc", outer.toString());
  }
}

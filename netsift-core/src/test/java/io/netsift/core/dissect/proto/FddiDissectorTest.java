package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FDDI (link type 10, bit-swapped addresses): every frame-control class, LLC on async frames,
 * frames cut short. Expected values: tshark 4.0 on the corpus and on the crafted capture, recorded
 * by {@code scripts/l2/make-expectations.sh}; see {@link L2Expectations} for what is compared.
 */
class FddiDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"zeek__llc.pcap", "crafted-fddi.pcap"})
  void matchesTshark(String file) throws IOException {
    L2Expectations.check(file, "fddi.");
  }

  @Test
  void swapsTheBitsOfEveryAddressByte() {
    // aa 00 04 00 82 a7 as sent on the ring reads 55:00:20:00:41:e5.
    byte[] b = {(byte) 0xaa, 0x00, 0x04, 0x00, (byte) 0x82, (byte) 0xa7};
    assertEquals("5500200041e5", java.util.HexFormat.of().formatHex(FddiDissector.swapped(b, 0)));
  }

  @Test
  void namesFrameControlValuesAsTsharkDoes() {
    assertEquals("Async LLC frame, priority 3", FddiDissector.frameType(0x53));
    assertEquals("Async LLC frame, control c", FddiDissector.frameType(0x5c));
    assertEquals("MAC claim token", FddiDissector.frameType(0xc3));
    assertEquals("Unknown frame type", FddiDissector.frameType(0x81));
  }
}

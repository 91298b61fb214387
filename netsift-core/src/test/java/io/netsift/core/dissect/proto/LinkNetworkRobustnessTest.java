package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsift.core.capture.Frame;
import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.output.JsonFormat;
import io.netsift.core.output.SummaryFormat;
import io.netsift.core.output.TimeFormat;
import io.netsift.core.output.TreeFormat;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every prefix of frames carrying the link and network protocols, and random bytes behind
 * their headers, dissect and render without an exception; a header cut short inside the frame
 * (not by the snap length) marks the frame malformed, as in tshark.
 */
class LinkNetworkRobustnessTest {
  private static final Object[][] FRAMES = {
      {LinkType.RAW, "4e000040123420000111000 00a0000010a000002010707040000000044 0c0501000000010000000c94040000830b04"
          + "0a0000010a00000200303930390008ffff"},
      {LinkType.IPV6, "60000000001c0040 20010db8000000000000000000000001 20010db8000000000000000000000002"
          + "2c00050200000100 3b000001 00000002 2b02040000000000 20010db8000000000000000000000003"},
      {LinkType.ETHERNET, "ffffffffffffe0cb4e5e1a0e8100000d88a8000a0806 0001080006040001e0cb4e5e1a0e80022ee3"
          + "00000000000080022e94 0000000000000000000000000000000000"},
      {LinkType.ETHERNET, "01000ccccccc001122334455 0020 aaaa03000000 0800 4500001c0001000040fd0000c0a80001c0a80002"},
      {LinkType.LINUX_SLL, "000100010006cc2de02619990000 0806 0001080006040001cc2de0261999c0a81601000000000000c0a816a0"},
      {LinkType.LINUX_SLL2, "86dd0000000000010304000600000000000000 00 6000000000003b4020010db8000000000000000000000001"
          + "20010db8000000000000000000000002"},
      {LinkType.NULL, "1e000000 6000000000003b4020010db8000000000000000000000001 20010db8000000000000000000000002"},
      {LinkType.LOOP, "00000002 4500001c0001000040fd0000c0a80001c0a80002 0102030405060708"},
  };

  private static Dissection dissect(int linkType, byte[] b, int captured, long original) {
    Frame f = new Frame();
    f.data = b;
    f.capturedLength = captured;
    f.originalLength = original;
    f.linkType = linkType;
    Dissection d = new DissectionEngine().dissect(f);
    StringBuilder sb = new StringBuilder(new TreeFormat().format(d));
    new JsonFormat().append(d, sb);
    sb.append(new SummaryFormat(TimeFormat.RELATIVE).line(d));
    return d;
  }

  private static String last(Dissection d) {
    return d.dissector(d.layerCount() - 1).name();
  }

  @Test
  void everyPrefixDissects() {
    for (Object[] frame : FRAMES) {
      byte[] b = HexFormat.of().parseHex(((String) frame[1]).replace(" ", ""));
      for (int n = 0; n <= b.length; n++) {
        byte[] prefix = Arrays.copyOf(b, n);
        dissect((Integer) frame[0], prefix, n, n);
        dissect((Integer) frame[0], prefix, n, b.length);
      }
    }
  }

  @Test
  void randomBytesBehindHeaders() {
    Random r = new Random(4711);
    for (int i = 0; i < 5_000; i++) {
      Object[] frame = FRAMES[r.nextInt(FRAMES.length)];
      byte[] b = HexFormat.of().parseHex(((String) frame[1]).replace(" ", ""));
      int keep = r.nextInt(b.length);
      for (int k = keep; k < b.length; k++) {
        b[k] = (byte) r.nextInt(256);
      }
      dissect((Integer) frame[0], b, b.length, b.length + (i % 3 == 0 ? r.nextInt(64) : 0));
    }
  }

  @Test
  void cutHeaderIsMalformedUnlessTheSnapLengthCutIt() {
    byte[] ip = HexFormat.of().parseHex("4500001c0001000040fd0000c0a8");
    Dissection inFrame = dissect(LinkType.RAW, ip, ip.length, ip.length);
    assertEquals("_ws.malformed", last(inFrame));
    Dissection snapped = dissect(LinkType.RAW, ip, ip.length, 28);
    assertEquals("ip", last(snapped));
    assertEquals("28", LayerTestFrames.value(snapped, "ip.len"));
  }
}

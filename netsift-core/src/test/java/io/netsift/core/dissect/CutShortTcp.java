package io.netsift.core.dissect;

import io.netsift.core.capture.Frame;
import io.netsift.core.capture.LinkType;
import java.util.Arrays;

/**
 * Test support for the readers of fixed header bytes (the filter's and {@code -T fields}'s):
 * one Ethernet/IPv4/TCP frame with ports 80 to 1234, dissected with only its first bytes
 * captured, so that each cut loses the occurrences the tree's truncation rule loses.
 */
public final class CutShortTcp {
  /** Bytes of Ethernet and IPv4 before the TCP header. */
  public static final int TCP_AT = 14 + 20;

  private static final byte[] FULL = new byte[TCP_AT + 20];

  static {
    FULL[12] = 0x08; // IPv4
    FULL[14] = 0x45;
    FULL[17] = 40; // total length
    FULL[22] = 64;
    FULL[23] = 6; // TCP
    FULL[35] = 80;
    FULL[36] = 0x04;
    FULL[37] = (byte) 0xd2;
    FULL[46] = 0x50; // header length 20
  }

  private CutShortTcp() {}

  /** The whole frame's length. */
  public static int length() {
    return FULL.length;
  }

  /** The frame dissected with its first {@code captured} bytes (of {@link #length()}). */
  public static Dissection dissect(int captured) {
    Frame f = new Frame();
    f.data = Arrays.copyOf(FULL, captured);
    f.capturedLength = captured;
    f.originalLength = FULL.length;
    f.linkType = LinkType.ETHERNET;
    return new DissectionEngine().dissect(f);
  }
}

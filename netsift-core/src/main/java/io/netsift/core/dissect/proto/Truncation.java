package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Dissection;

/**
 * The one place link and network dissectors report a header that does not fit in its layer.
 * tshark tells two cases apart: bytes that exist on the wire but were cut by the capture's
 * snap length ("Packet size limited during capture", no malformed mark) and bytes that are
 * missing from the frame itself (an exception: {@code _ws.malformed}). netsift has no
 * {@code _ws.short} layer yet, so the first case just ends dissection quietly.
 */
final class Truncation {
  private Truncation() {}

  /** Whether {@code need} bytes from absolute index {@code from} lie beyond the captured bytes of a snaplen-cut frame. */
  static boolean cutByCapture(Dissection d, int layer, int from, int need) {
    long capturedEnd = d.frameStart() + (long) d.capturedLength();
    boolean cut = d.originalLength() > d.capturedLength();
    return cut && d.end(layer) == capturedEnd && from + (long) need > capturedEnd
        && from - d.frameStart() + (long) need <= d.originalLength();
  }

  /**
   * Bytes the layer had on the wire (Wireshark's reported length): its captured bytes, plus
   * what the snap length cut off when the layer runs to the end of the captured frame.
   */
  static long reportedLength(Dissection d, int layer) {
    long capturedEnd = d.frameStart() + (long) d.capturedLength();
    long n = d.length(layer);
    if (d.end(layer) == capturedEnd && d.originalLength() > d.capturedLength()) {
      n += d.originalLength() - d.capturedLength();
    }
    return n;
  }

  /** Reports that layer {@code layer} needs {@code need} bytes from absolute index {@code from}. */
  static void report(Dissection d, int layer, int from, int need) {
    if (!cutByCapture(d, layer, from, need)) {
      d.malformed(layer);
    }
  }
}

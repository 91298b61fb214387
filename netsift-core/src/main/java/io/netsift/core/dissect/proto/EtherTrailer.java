package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * Padding and trailer after a payload that ends before the link-layer frame does, as
 * Wireshark's {@code add_ethernet_trailer()} reports them on the layer that handed the payload
 * on (VLAN, Linux cooked capture; no FCS is assumed there). The rules of Wireshark 4.0:
 *
 * <ul>
 *   <li>padding exists only when the frame is at least 60 bytes and the payload ends before
 *       byte 60 (IEEE 802.3 clause 4.2.3.3 minimum frame), and only when those bytes are all
 *       zero ("eth.padding: zeros", the default);
 *   <li>whatever follows the padding is the trailer ({@code vlan.trailer}, {@code sll.trailer});
 *   <li>a trailer where padding was possible but not zero gets the {@code eth.padding_bad} note.
 * </ul>
 */
final class EtherTrailer {
  static final Expert PADDING_BAD = new Expert("eth.padding_bad", Expert.Severity.NOTE, "Protocol",
      "Padding identification may be inaccurate and impact trailer dissector");
  /** The same note raised from the Ethertype hand-off, which is where tshark checks the trailer. */
  private static final Expert PADDING_BAD_ETHERTYPE = PADDING_BAD.inProtocol("Ethertype");
  private static final String NOT_ZERO =
      "Didn't find padding of zeros, and an undecoded trailer exists. There may be padding of non-zeros.";
  private static final int MIN_FRAME = 60;

  private EtherTrailer() {}

  /**
   * Emits padding and trailer for the layer {@code t} walks, from where the layer after it (past
   * a zero-length ethertype hand-off) ends; nothing when that layer is data or absent.
   */
  static void emit(Tree t, Field trailer) {
    emit(t, trailer, false);
  }

  /**
   * As {@link #emit(Tree, Field)}; with {@code guessFcs} (the outermost Ethernet, whose FCS
   * Wireshark guesses by default) the last 4 bytes of a trailer of a frame of 64 bytes or more
   * are the frame check sequence.
   */
  static void emit(Tree t, Field trailer, boolean guessFcs) {
    Dissection d = t.dissection();
    int inner = t.layer() + 1;
    boolean viaEthertype = inner < d.layerCount() && d.dissector(inner) instanceof EtherTypeDissector;
    if (viaEthertype) {
      inner++;
    }
    if (inner >= d.layerCount() || d.dissector(inner) instanceof DataDissector) {
      return;
    }
    int payloadEnd = d.end(inner) - t.start();
    int rest = t.length() - payloadEnd;
    if (payloadEnd < 0 || rest <= 0) {
      return;
    }
    long frameLen = d.originalLength();
    long before = d.end(inner) - d.frameStart();
    boolean maybePadded = frameLen >= MIN_FRAME && before < MIN_FRAME;
    int pad = 0;
    if (maybePadded) {
      pad = (int) (MIN_FRAME - before);
      if (t.start() + t.length() < d.frameStart() + d.capturedLength()) {
        // A link layer that ends before the frame (the Ethernet inside FabricPath, before the
        // FCS): the padding is what is left of it.
        pad = Math.min(pad, rest);
      }
      for (int i = 0; i < pad; i++) {
        if (!t.has(payloadEnd + i, 1) || t.u8(payloadEnd + i) != 0) {
          pad = 0;
          break;
        }
      }
      if (pad > 0) {
        t.bytes(EthernetDissector.PADDING, payloadEnd, pad);
      }
    }
    int tail = rest - pad;
    // Reported trailer bytes: the captured ones plus what the snap length cut off.
    long reportedTail = tail + (frameLen - d.capturedLength());
    boolean fcs = guessFcs && frameLen >= 64 && reportedTail >= 4;
    int fcsCaptured = 0;
    if (fcs) {
      fcsCaptured = (int) Math.max(0, Math.min(tail, 4 - (reportedTail - tail)));
      tail -= fcsCaptured;
    }
    if (tail > 0) {
      t.bytes(trailer, payloadEnd + pad, tail);
      if (maybePadded && pad == 0) {
        t.enter();
        TreeExperts.emit(t, viaEthertype ? PADDING_BAD_ETHERTYPE : PADDING_BAD, payloadEnd, NOT_ZERO);
        t.exit();
      }
    }
    if (fcs && fcsCaptured == 4) {
      t.uint(EthernetDissector.FCS, payloadEnd + pad + tail, 4);
      t.number(EthernetDissector.FCS_STATUS, payloadEnd + pad + tail, 4, 2);
    }
  }
}

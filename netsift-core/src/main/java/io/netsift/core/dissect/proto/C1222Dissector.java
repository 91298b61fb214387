package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * ANSI C12.22 (tshark's {@code c1222}) on TCP and UDP port 1153, as far as tshark 4.0 shows it
 * for the bytes the corpus sends there: a message is one BER element, tag {@code [APPLICATION 0]}
 * and a length, whose content is the ACSE-like MESSAGE sequence.
 *
 * <p>Over TCP, tshark frames messages the way it frames every length-prefixed protocol: it needs
 * 5 bytes, takes the length from the BER length octets after a one-byte tag (a long form keeps
 * the low 32 bits of however many octets it names) and waits for the rest. A length that makes
 * the message shorter than those 5 bytes is its bounds error: the segment ends in a Malformed
 * Packet note and the columns stay TCP's (the protocol is still listed in frame.protocols). A
 * message whose tag is not {@code [APPLICATION 0]} gets BER's "Wrong tag in tagged type" warning,
 * and its content is still read as the MESSAGE sequence; an element whose identifier or length
 * runs past the content ends the message in a Malformed Packet note.
 *
 * <p>The MESSAGE's own fields (AP titles, invocation ids, the EPSEM user information) are not
 * decoded: the only C12.22 in the corpus is DCE/RPC traffic on the C12.22 port (zeek's MAPI
 * capture), which tshark reads as above.
 */
public final class C1222Dissector extends Dissector implements Protocols.Registrable, StreamPdus {
  static final int PORT = 1153;
  /** Bytes tshark needs before it asks for a message's length (tcp_dissect_pdus' fixed part). */
  private static final int FIXED = 5;

  public static final Field MESSAGE = Field.none("c1222.MESSAGE_element", "MESSAGE");
  static final Expert WRONG_TAG = new Expert("ber.error.wrong_tag_in_tagged_type",
      Expert.Severity.WARNING, "Malformed", "BER Error: Wrong tag in tagged type");

  private static final String[] CLASSES = {"UNIVERSAL", "APPLICATION", "CONTEXT", "PRIVATE"};

  public C1222Dissector() {
    super("c1222", "ANSI C12.22", "ANSI C12.22");
  }

  @Override
  public String shortName() {
    return "C12.22";
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, PORT, this);
    p.map(Protocols.Table.UDP_PORT, PORT, this);
  }

  /**
   * The length tshark gives the message at {@code b[off]} (tag, length octets and content, as
   * an unsigned 32-bit sum), or -1 when the length octets run past {@code avail} bytes.
   */
  static long messageLength(byte[] b, int off, int avail) {
    if (avail < 2) {
      return -1;
    }
    int first = b[off + 1] & 0xff;
    if (first < 0x80) {
      return first + 2;
    }
    int n = first & 0x7f;
    if (n == 0) {
      return -1; // indefinite: never seen here; read as a message running to the end
    }
    if (2 + n > avail) {
      return -1;
    }
    long length = 0;
    for (int i = 0; i < n; i++) {
      length = ((length << 8) + (b[off + 2 + i] & 0xff)) & 0xffffffffL;
    }
    return (length + 2 + n) & 0xffffffffL;
  }

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    if (avail < FIXED) {
      return MORE;
    }
    long length = messageLength(b, off, avail);
    if (length < 0) {
      return NOT_MINE; // the rest of the segment, which dissect() finds malformed
    }
    if (length < FIXED) {
      return avail; // the bounds error: the rest of the segment, shown as nothing but the note
    }
    // A length past what an int holds can never complete in a capture: keep collecting.
    return length > Integer.MAX_VALUE - 1 ? MORE : (int) length;
  }

  /** Whether the layer is tshark's bounds error: a TCP message shorter than its fixed part. */
  private static boolean bogus(Dissection d, int layer) {
    int s = d.start(layer);
    int n = d.end(layer) - s;
    if (layer == 0 || !"tcp".equals(d.dissector(layer - 1).name())) {
      return false;
    }
    long length = messageLength(d.data(), s, n);
    return n >= FIXED && length >= 0 && length < FIXED;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    d.payload(end, end);
    if (bogus(d, layer) || contentEnd(d.data(), s, end) < 0) {
      d.malformed(layer);
    }
    return null;
  }

  /**
   * Walks the message at {@code b[s, end)}: the end of its content, or -1 where tshark's BER
   * reader would throw (an identifier or length past the message, or an element longer than the
   * content holds).
   */
  static int contentEnd(byte[] b, int s, int end) {
    long length = messageLength(b, s, end - s);
    if (length < 0 || length > end - s) {
      return -1;
    }
    int first = b[s + 1] & 0xff;
    int p = s + 2 + (first < 0x80 ? 0 : first & 0x7f);
    int stop = (int) (s + length);
    while (p < stop) {
      if ((b[p] & 0x1f) == 0x1f) {
        do {
          p++;
        } while (p < stop && (b[p] & 0x80) != 0);
      }
      p++;
      if (p >= stop) {
        return -1;
      }
      long inner = messageLength(b, p - 1, stop - p + 1);
      if (inner < 0 || p - 1 + inner > stop) {
        return -1;
      }
      p = (int) (p - 1 + inner);
    }
    return stop;
  }

  @Override
  public boolean hiddenInTree(Dissection d, int layer) {
    return bogus(d, layer);
  }

  @Override
  public void fields(Tree t) {
    Dissection d = t.dissection();
    if (bogus(d, t.layer())) {
      return;
    }
    int tag = t.u8(0);
    if (tag != 0x60) {
      int header = t.length() >= 2 && (t.u8(1) & 0x80) != 0 ? 2 + (t.u8(1) & 0x7f) : 2;
      String text = WRONG_TAG.message()
          + " - expected class:APPLICATION(1) tag:0 ('end-of-content') but found class:"
          + CLASSES[tag >>> 6] + "(" + (tag >>> 6) + ") tag:" + (tag & 0x1f);
      int len = Math.min(header, t.length());
      t.text(0, len, text); // BER shows the error as an item with its note under it
      t.enter();
      t.expert(WRONG_TAG, 0, len, text);
      t.exit();
    }
    t.object(MESSAGE, 0, t.length(), null);
  }

  @Override
  public void columns(Tree t, Columns c) {
    if (!bogus(t.dissection(), t.layer())) {
      c.protocol = columnName();
    }
  }
}

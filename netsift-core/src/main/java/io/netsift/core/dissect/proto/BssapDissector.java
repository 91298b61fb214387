package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * BSS Application Part (3GPP TS 48.006) as tshark 4.0 reaches it: by its heuristic over SCCP
 * data (tshark gives no subsystem number to BSSAP by default, not even 254).
 *
 * <pre>
 * BSSMAP: | 0x00 | length | BSSMAP message ...
 * DTAP:   | 0x01 | DLCI (control channel, spare, SAPI) | length | DTAP message ...
 * </pre>
 *
 * The heuristic ({@link #heuristic}) takes a message whose first byte is 0x00 and second the
 * length of what follows (unless a 0x40 at the third byte is not followed by 0x01: a RANAP
 * direct transfer), or whose first byte is 0x01 and third the length of what follows. It reads
 * those bytes without checking the length first, so SCCP data too short for them raises tshark's
 * exception under BSSAP: the layer is listed, empty, and followed by {@code _ws.malformed}.
 * The BSSMAP and DTAP messages themselves (tshark's {@code gsm_a_bssmap}, {@code gsm_a_dtap})
 * are not dissected: they stay data.
 */
public final class BssapDissector extends Dissector {
  /** {@link #heuristic}: the bytes are not BSSAP. */
  static final int REJECT = 0;
  /** {@link #heuristic}: BSSAP. */
  static final int ACCEPT = 1;
  /** {@link #heuristic}: tshark's test reads past the bytes (an exception, under BSSAP). */
  static final int THROWS = 2;

  public static final Field PDU_TYPE = Field.u8("bssap.pdu_type", "Message Type").hex()
      .labels(ValueNames.parse("0=BSS Management|1=Direct Transfer"));
  public static final Field DLCI_CC = Field.u8("bssap.dlci.cc", "Control Channel").hex().mask(0xc0, 8)
      .labels(ValueNames.parse("0=not further specified|2=FACCH or SDCCH|3=SACCH"));
  public static final Field DLCI_SPARE = Field.u8("bssap.dlci.spare", "Spare").hex().mask(0x38, 8);
  public static final Field DLCI_SAPI = Field.u8("bssap.dlci.sapi", "SAPI").hex().mask(0x07, 8)
      .labels(ValueNames.parse("0=RR/MM/CC|3=SMS"));
  public static final Field LENGTH = Field.u8("bssap.length", "Length");

  public BssapDissector() {
    super("bssap", "BSSAP", "BSSAP");
  }

  /** tshark's BSSAP heuristic over {@code len} bytes at {@code off}: {@link #REJECT}, {@link #ACCEPT} or {@link #THROWS}. */
  static int heuristic(byte[] b, int off, int len) {
    if (len < 1) {
      return THROWS;
    }
    switch (Bytes.u8(b, off)) {
      case 0x00:
        if (len < 2) {
          return THROWS;
        }
        if (Bytes.u8(b, off + 1) != len - 2) {
          return REJECT;
        }
        if (len < 3) {
          return THROWS;
        }
        if (Bytes.u8(b, off + 2) == 0x40) {
          if (len < 4) {
            return THROWS;
          }
          if (Bytes.u8(b, off + 3) != 0x01) {
            return REJECT;
          }
        }
        return ACCEPT;
      case 0x01:
        if (len < 3) {
          return THROWS;
        }
        return Bytes.u8(b, off + 2) != len - 3 ? REJECT : ACCEPT;
      default:
        return REJECT;
    }
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    d.payload(end, end);
    if (heuristic(d.data(), s, end - s) != ACCEPT) {
      d.malformed(layer); // the heuristic's read past the data
      return null;
    }
    int header = Bytes.u8(d.data(), s) == 0x01 ? 3 : 2; // DTAP has a DLCI before its length
    d.payload(s + header, end);
    return null;
  }

  /** A layer the heuristic's exception left empty: listed in frame.protocols, no tree. */
  @Override
  public boolean hiddenInTree(Dissection d, int layer) {
    return d.length(layer) == 0 || heuristic(d.data(), d.start(layer), d.length(layer)) != ACCEPT;
  }

  @Override
  public void fields(Tree t) {
    if (heuristic(t.data(), t.start(), t.length()) != ACCEPT) {
      return;
    }
    int type = (int) t.uint(PDU_TYPE, 0, 1);
    if (type == 0x01) {
      t.text(1, 1, "Data Link Connection Identifier");
      t.enter();
      t.uint(DLCI_CC, 1, 1);
      t.uint(DLCI_SPARE, 1, 1);
      t.uint(DLCI_SAPI, 1, 1);
      t.exit();
      t.uint(LENGTH, 2, 1);
    } else {
      t.uint(LENGTH, 1, 1);
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    if (heuristic(t.data(), t.start(), t.length()) == ACCEPT) {
      c.protocol = columnName();
    }
  }
}

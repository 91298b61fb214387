package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * IEEE 802.1Q VLAN tag (EtherType 0x8100, and 0x9100 as Wireshark also registers it).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | PRI |D|        VLAN ID        |    EtherType or 802.3 length  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Stacked tags (Q-in-Q) need nothing special: the inner type leads back here. A type of 1500
 * or less is an IEEE 802.3 length and LLC follows. As in Wireshark, the tag that hands the
 * payload on reports the Ethernet padding and trailer after it ({@link EtherTrailer}).
 */
public final class VlanDissector extends Dissector implements Protocols.Registrable {
  public static final Field PRIORITY = Field.u16("vlan.priority", "Priority").mask(0xe000, 16)
      .blurb("Descriptions are recommendations from IEEE standard 802.1D-2004")
      .labels(ValueNames.parse("0=Best Effort (default)|1=Background|2=Excellent Effort|3=Critical Applications|"
          + "4=Video, < 100ms latency and jitter|5=Voice, < 10ms latency and jitter|6=Internetwork Control|"
          + "7=Network Control"));
  /** Declared as in Wireshark, where it replaces DEI only under a non-default preference; never emitted. */
  public static final Field CFI = Field.bool("vlan.cfi", "CFI").mask(0x1000, 16).blurb("Canonical Format Identifier");
  public static final Field DEI = Field.bool("vlan.dei", "DEI").mask(0x1000, 16).states("Eligible", "Ineligible")
      .blurb("Drop Eligible Indicator");
  public static final Field ID = Field.u16("vlan.id", "ID").mask(0x0fff, 16).blurb("VLAN ID");
  public static final Field ETYPE = Field.u16("vlan.etype", "Type").hex().labels(EtherTypes::name).blurb("Ethertype");
  public static final Field LEN = Field.u16("vlan.len", "Length");
  public static final Field TRAILER = Field.bytes("vlan.trailer", "Trailer").blurb("VLAN Trailer");
  /** Reported with the trailer; declared here too so its filter name is registered. */
  static final Expert PADDING_BAD = EtherTrailer.PADDING_BAD;
  static final Expert LEN_PAST_END = new Expert("vlan.len.past_end", Expert.Severity.ERROR, "Malformed",
      "Length field value goes past the end of the payload");

  private static final int HEADER = 4;
  private static final int MAX_LENGTH = 1500;

  public VlanDissector() {
    super("vlan", "802.1Q Virtual LAN", "VLAN");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.ETHERTYPE, 0x8100, this);
    p.map(Protocols.Table.ETHERTYPE, 0x9100, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    return dissectTag(d, layer);
  }

  /** Shared with 802.1ad: the type after the tag leads to the ethertype hand-off or to LLC. */
  static Dissector dissectTag(Dissection d, int layer) {
    return dissectTag(d, layer, d.start(layer), HEADER, LEN_PAST_END);
  }

  /**
   * A tag of {@code header} bytes at absolute index {@code at} of {@code layer} whose last two
   * bytes are the type (VLAN, VN-Tag, E-Tag, the 802.1ah I-Tag). With {@code lengthPastEnd} a
   * type of 1500 or less is an 802.3 length and LLC follows; without it (tags for which tshark
   * reads none) every type goes to the ethertype hand-off.
   */
  static Dissector dissectTag(Dissection d, int layer, int at, int header, Expert lengthPastEnd) {
    if (d.end(layer) - at < header) {
      Truncation.report(d, layer, at, header);
      return null;
    }
    int type = Bytes.u16(d.data(), at + header - 2);
    if (lengthPastEnd != null && type <= MAX_LENGTH) {
      // IEEE 802.3 length: LLC gets exactly that many bytes, the rest is padding/trailer.
      int end = at + header + type;
      if (end > d.end(layer)) {
        d.expert(layer, lengthPastEnd, at + header - 2, 0, null);
        end = d.end(layer);
      }
      d.payload(at + header, end);
      return d.protocols().byName("llc");
    }
    d.dispatchKey(type);
    d.payload(at + header, d.end(layer));
    return d.protocols().byName("ethertype");
  }

  @Override
  public void fields(Tree t) {
    t.uint(PRIORITY, 0, 2);
    t.uint(DEI, 0, 2);
    t.uint(ID, 0, 2);
    typeOrLength(t, ETYPE);
    EtherTrailer.emit(t, TRAILER);
  }

  /** The type field, or the 802.3 length it is when 1500 or less. */
  static void typeOrLength(Tree t, Field etype) {
    if (t.u16(2) <= MAX_LENGTH) {
      t.uint(LEN, 2, 2);
    } else {
      t.uint(etype, 2, 2);
    }
  }

  @Override
  public String label(Tree t) {
    if (!t.has(0, 2)) {
      return longName();
    }
    int tci = t.u16(0);
    return longName() + ", PRI: " + (tci >> 13) + ", DEI: " + ((tci >> 12) & 1) + ", ID: " + (tci & 0x0fff);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo("");
    if (t.has(0, 2)) {
      int tci = t.u16(0);
      c.setInfo("PRI: " + (tci >> 13) + "  DEI: " + ((tci >> 12) & 1) + "  ID: " + (tci & 0x0fff));
    }
  }
}

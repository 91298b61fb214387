package io.netsift.core.dissect.proto;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Addresses;
import io.netsift.core.field.Field;

/**
 * Ethernet II and IEEE 802.3 framing (IEEE 802.3 clause 3; Ethernet II per the DIX spec).
 *
 * <pre>
 *  0                   6                  12      14
 * +-------------------+------------------+-------+----------------
 * | destination MAC   | source MAC       | type  | payload ...   (type ≥ 0x0600: EtherType)
 * +-------------------+------------------+-------+----------------  (type ≤ 1500: 802.3 length, LLC follows)
 * </pre>
 *
 * Bytes after the payload's own length are padding (up to the 60-byte minimum frame) and
 * trailer, reported on this layer as tshark does.
 */
public final class EthernetDissector extends Dissector implements Protocols.Registrable {
  public static final Field DST = Field.ether("eth.dst", "Destination");
  public static final Field DST_RESOLVED = Field.string("eth.dst_resolved", "Destination (resolved)").hidden();
  public static final Field DST_OUI = Field.u24("eth.dst.oui", "Destination OUI").hidden();
  public static final Field ADDR = Field.ether("eth.addr", "Address");
  public static final Field ADDR_RESOLVED = Field.string("eth.addr_resolved", "Address (resolved)").hidden();
  public static final Field ADDR_OUI = Field.u24("eth.addr.oui", "Address OUI").hidden();
  public static final Field DST_LG = Field.bool("eth.dst.lg", "LG bit").mask(0x020000, 24)
      .states("Locally administered address (this is NOT the factory default)", "Globally unique address (factory default)");
  public static final Field LG = Field.bool("eth.lg", "LG bit").mask(0x020000, 24).hidden()
      .states("Locally administered address (this is NOT the factory default)", "Globally unique address (factory default)");
  public static final Field DST_IG = Field.bool("eth.dst.ig", "IG bit").mask(0x010000, 24)
      .states("Group address (multicast/broadcast)", "Individual address (unicast)");
  public static final Field IG = Field.bool("eth.ig", "IG bit").mask(0x010000, 24).hidden()
      .states("Group address (multicast/broadcast)", "Individual address (unicast)");
  public static final Field SRC = Field.ether("eth.src", "Source");
  public static final Field SRC_RESOLVED = Field.string("eth.src_resolved", "Source (resolved)").hidden();
  public static final Field SRC_OUI = Field.u24("eth.src.oui", "Source OUI").hidden();
  public static final Field SRC_LG = Field.bool("eth.src.lg", "LG bit").mask(0x020000, 24)
      .states("Locally administered address (this is NOT the factory default)", "Globally unique address (factory default)");
  public static final Field SRC_IG = Field.bool("eth.src.ig", "IG bit").mask(0x010000, 24)
      .states("Group address (multicast/broadcast)", "Individual address (unicast)");
  public static final Field TYPE = Field.u16("eth.type", "Type").hex().labels(EtherTypes::name);
  public static final Field LEN = Field.u16("eth.len", "Length");
  public static final Field PADDING = Field.bytes("eth.padding", "Padding");
  public static final Field TRAILER = Field.bytes("eth.trailer", "Trailer");
  public static final Field FCS = Field.u32("eth.fcs", "Frame check sequence").hex();
  public static final Field FCS_STATUS = Field.u8("eth.fcs.status", "FCS Status").base(io.netsift.core.field.Base.NONE)
      .labels(v -> v == 0 ? "Bad" : v == 1 ? "Good" : v == 2 ? "Unverified" : v == 3 ? "Not present" : v == 4 ? "Illegal" : null);
  static final io.netsift.core.dissect.Expert SRC_NOT_GROUP = new io.netsift.core.dissect.Expert("eth.src_not_group",
      io.netsift.core.dissect.Expert.Severity.WARNING, "Protocol",
      "Source MAC must not be a group address: IEEE 802.3-2002, Section 3.2.3(b)");

  private static final int HEADER = 14;

  public EthernetDissector() {
    super("eth", "Ethernet II", "Ethernet");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.LINK_TYPE, LinkType.ETHERNET, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    if (d.length(layer) < HEADER) {
      d.malformed(layer);
      return null;
    }
    int type = Bytes.u16(d.data(), s + 12);
    if ((type == CfpDissector.ETHERTYPE || type == 0x8100 || type == 0x88a8)
        && CfpDissector.headerLength(d.data(), s, d.length(layer)) > 0) {
      // Wireshark's only Ethernet heuristic, tried before the header is read: FabricPath
      // replaces the whole header, and this layer then shows no tree.
      Dissector cfp = next(d.protocols()).cfp();
      if (cfp != null) {
        d.payload(s, d.end(layer));
        return cfp;
      }
    }
    if (type <= 1500) {
      // IEEE 802.3: the field is the length of the LLC payload.
      d.payload(s + HEADER, Math.min(d.end(layer), s + HEADER + type));
      if (IpxDissector.novellRaw(d.data(), s + HEADER, d.end(layer))) {
        // Novell's "raw" 802.3: IPX with no LLC header, told by its 0xffff checksum.
        Dissector ipx = d.protocols().byName("ipx");
        if (ipx != null) {
          return ipx;
        }
      }
      return d.protocols().byName("llc");
    }
    d.dispatchKey(type);
    d.payload(s + HEADER, d.end(layer));
    return next(d.protocols()).ethertype();
  }

  /**
   * The registry the last frame used, its "ethertype" hand-off and its FabricPath dissector
   * (one look-up per registry).
   */
  private record Next(Protocols registry, Dissector ethertype, Dissector cfp) {}

  private Next next = new Next(null, null, null);

  private Next next(Protocols p) {
    Next n = next;
    if (n.registry() != p) {
      n = new Next(p, p.byName("ethertype"), p.byName("cfp"));
      next = n;
    }
    return n;
  }

  /** A frame FabricPath took over: tshark lists its "eth" in frame.protocols, nothing more. */
  @Override
  public boolean hiddenInTree(Dissection d, int layer) {
    return layer + 1 < d.layerCount() && d.dissector(layer + 1) instanceof CfpDissector
        && d.start(layer + 1) == d.start(layer);
  }

  @Override
  public void fields(Tree t) {
    if (hiddenInTree(t.dissection(), t.layer())) {
      return;
    }
    address(t, 0, DST, DST_RESOLVED, DST_OUI, DST_LG, DST_IG);
    address(t, 6, SRC, SRC_RESOLVED, SRC_OUI, SRC_LG, SRC_IG);
    if ((t.u8(6) & 1) != 0) {
      t.expert(SRC_NOT_GROUP, 6, 6, null);
    }
    int type = t.u16(12);
    if (type <= 1500) {
      t.uint(LEN, 12, 2);
    } else {
      t.uint(TYPE, 12, 2);
    }
    // Only the outermost Ethernet guesses an FCS; encapsulated ones carry none.
    EtherTrailer.emit(t, TRAILER, t.layer() == 1);
  }

  private static void address(Tree t, int rel, Field f, Field resolved, Field oui, Field lg, Field ig) {
    t.bytes(f, rel, 6);
    t.enter();
    if (t.has(rel, 6)) {
      // The text only for a visitor that takes one of the resolved twins.
      String text = t.wants(resolved) || t.wants(ADDR_RESOLVED) ? Addresses.mac(t.data(), t.start() + rel) : null;
      if (text != null) {
        t.object(resolved, rel, 6, text);
      }
      t.uint(oui, rel, 3);
      t.bytes(ADDR, rel, 6);
      if (text != null) {
        t.object(ADDR_RESOLVED, rel, 6, text);
      }
      t.uint(ADDR_OUI, rel, 3);
    }
    t.uint(lg, rel, 3);
    t.uint(LG, rel, 3);
    t.uint(ig, rel, 3);
    t.uint(IG, rel, 3);
    t.exit();
  }

  @Override
  public String label(Tree t) {
    if (!t.has(0, 14)) {
      return longName();
    }
    if (t.u16(12) <= 1500) {
      return "IEEE 802.3 Ethernet";
    }
    return "Ethernet II, Src: " + Addresses.mac(t.data(), t.start() + 6) + ", Dst: " + Addresses.mac(t.data(), t.start());
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = "Ethernet";
    c.setInfo("Ethernet II");
    int type = t.has(12, 2) ? t.u16(12) : 0;
    if (type > 1500 && t.dissection().protocols().etherType(type) == null) {
      // tshark names an EtherType no dissector takes by its number; formatted only then,
      // since this runs for every frame.
      c.protocol = String.format("0x%04x", type);
    }
    if (t.has(0, 12)) {
      c.source = Addresses.mac(t.data(), t.start() + 6);
      c.destination = Addresses.mac(t.data(), t.start());
    }
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * Cisco HDLC (LINKTYPE_C_HDLC, 104): an address (0x0f unicast, 0x8f multicast), a control byte
 * and a protocol that is an EtherType, or one of Cisco's own (0x8035 SLARP, 0x2000 CDP).
 *
 * <pre>
 * +---------+---------+-------------------+--------------
 * | address | control |  protocol (2)     | payload ...
 * +---------+---------+-------------------+--------------
 * </pre>
 *
 * The payload is handed on by protocol without tshark's ethertype hand-off layer
 * ({@code chdlc:ip}).
 */
public final class ChdlcDissector extends Dissector implements Protocols.Registrable {
  public static final Field ADDRESS = Field.u8("chdlc.address", "Address").hex()
      .labels(ValueNames.parse("0x0f=Unicast|0x8f=Multicast"));
  public static final Field CONTROL = Field.u8("chdlc.control", "Control").hex();
  public static final Field PROTOCOL = Field.u16("chdlc.protocol", "Protocol").hex().labels(ValueNames.parse(
      "0x2000=Cisco Discovery Protocol|0x0800=IP|0x86dd=IPv6|0x8035=SLARP|0x8038=DEC LanBridge|"
          + "0x4242=Spanning Tree BPDU|0x809b=Appletalk|0x80f3=AARP|0x8137=Netware IPX/SPX|"
          + "0x6558=Transparent Ethernet bridging|0xfefe=OSI|0x8847=MPLS unicast|0x8848=MPLS multicast"));

  private static final int HEADER = 4;

  public ChdlcDissector() {
    super("chdlc", "Cisco HDLC", "CHDLC");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.LINK_TYPE, LinkType.CHDLC, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    if (d.length(layer) < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    int proto = Bytes.u16(d.data(), s + 2);
    d.payload(s + HEADER, d.end(layer));
    switch (proto) {
      case 0x8035: return d.protocols().byName("slarp");
      case 0x2000: return d.protocols().byName("cdp");
      default: return d.protocols().etherType(proto);
    }
  }

  @Override
  public void fields(Tree t) {
    if (!t.has(0, HEADER)) {
      return;
    }
    t.uint(ADDRESS, 0, 1);
    t.uint(CONTROL, 1, 1);
    t.uint(PROTOCOL, 2, 2);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.source = "N/A";
    c.destination = "N/A";
    c.setInfo("");
  }
}

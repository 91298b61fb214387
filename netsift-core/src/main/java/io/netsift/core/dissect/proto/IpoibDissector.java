package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * IP over InfiniBand as libpcap captures it (LINKTYPE_IPOIB, 242; RFC 4391 section 6): a
 * 40-byte address area, then the EtherType of the payload and two reserved bytes. The address
 * area is a Global Route Header when its first nibble (the GRH IP version) is non-zero, else
 * the destination address (queue pair number and GID) in its last 20 bytes.
 *
 * <pre>
 * GRH:      | ver/tclass/flow (4) | - | src QPN (3) | src GID (16) | dst GID (16) |
 * no GRH:   | 20 bytes unused                     | - | dst QPN (3) | dst GID (16) |
 *           | type (2) | reserved (2) | payload ...
 * </pre>
 */
public final class IpoibDissector extends Dissector implements Protocols.Registrable {
  public static final Field DADDR = Field.none("ipoib.daddr", "Destination address");
  public static final Field DADDR_QPN = Field.u24("ipoib.daddr.qpn", "Destination QPN").hex();
  public static final Field DGID = Field.ipv6("ipoib.dgid", "Destination GID");
  public static final Field GRH = Field.none("ipoib.grh", "Global Route Header");
  public static final Field GRH_IPVER = Field.u8("ipoib.grh.ipver", "IP Version").mask(0xf0, 8);
  public static final Field GRH_TCLASS = Field.u16("ipoib.grh.tclass", "Traffic Class").mask(0x0ff0, 16);
  public static final Field GRH_FLOWLABEL = Field.u32("ipoib.grh.flowlabel", "Flow Label").mask(0xfffff, 32);
  public static final Field GRH_SQPN = Field.u24("ipoib.grh.sqpn", "Source QPN").hex();
  public static final Field GRH_SGID = Field.ipv6("ipoib.grh.sgid", "Source GID");
  public static final Field TYPE = Field.u16("ipoib.type", "Type").hex().labels(EtherTypes::name);
  public static final Field RESERVED = Field.u16("ipoib.reserved", "Reserved").hex();

  private static final int ADDRESSES = 40;
  private static final int HEADER = 44;

  public IpoibDissector() {
    super("ipoib", "IP over Infiniband", "IPoIB");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.LINK_TYPE, 242, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    if (d.length(layer) < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    d.payload(s + HEADER, d.end(layer));
    return d.protocols().etherType(Bytes.u16(d.data(), s + ADDRESSES));
  }

  @Override
  public void fields(Tree t) {
    if ((t.u8(0) & 0xf0) != 0) {
      t.object(GRH, 0, ADDRESSES, null);
      t.enter();
      t.uint(GRH_IPVER, 0, 1);
      t.uint(GRH_TCLASS, 0, 2);
      t.uint(GRH_FLOWLABEL, 0, 4);
      t.uint(GRH_SQPN, 5, 3);
      t.bytes(GRH_SGID, 8, 16);
      t.bytes(DGID, 24, 16);
      t.exit();
    } else {
      t.object(DADDR, 20, 20, null);
      t.enter();
      t.uint(DADDR_QPN, 21, 3);
      t.bytes(DGID, 24, 16);
      t.exit();
    }
    t.uint(TYPE, ADDRESSES, 2);
    t.uint(RESERVED, ADDRESSES + 2, 2);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo("");
  }
}

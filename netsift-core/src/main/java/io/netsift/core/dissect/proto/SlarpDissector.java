package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Addresses;
import io.netsift.core.field.Field;

/**
 * Cisco Serial Line Address Resolution Protocol, carried by Cisco HDLC (protocol 0x8035): an
 * address request or reply, or a line keepalive with two sequence numbers.
 *
 * <pre>
 * | packet type (4) | request/reply: address (4), netmask (4)
 * |                 | keepalive: my sequence (4), your sequence (4), reliability (2)
 * </pre>
 */
public final class SlarpDissector extends Dissector {
  public static final Field PTYPE = Field.u32("slarp.ptype", "Packet type")
      .labels(ValueNames.parse("0=Request|1=Reply|2=Line keepalive"));
  public static final Field ADDRESS = Field.ipv4("slarp.address", "Address");
  public static final Field NETMASK = Field.ipv4("slarp.netmask", "Netmask");
  public static final Field MYSEQUENCE = Field.u32("slarp.mysequence", "Outgoing sequence number");
  public static final Field YOURSEQUENCE = Field.u32("slarp.yoursequence", "Returned sequence number");
  public static final Field RELIABILITY = Field.u16("slarp.reliability", "Reliability").hex();
  static final Expert RELIABILITY_INVALID = new Expert("slarp.reliability.invalid", Expert.Severity.ERROR,
      "Malformed", "Reliability must be 0xFFFF");

  private static final int KEEPALIVE = 2;

  public SlarpDissector() {
    super("slarp", "Cisco SLARP", "SLARP");
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    if (d.length(layer) < 4) {
      Truncation.report(d, layer, s, 4);
      return null;
    }
    d.payload(d.end(layer), d.end(layer));
    return null;
  }

  @Override
  public void fields(Tree t) {
    long type = t.uint(PTYPE, 0, 4);
    if (type == KEEPALIVE) {
      t.uint(MYSEQUENCE, 4, 4);
      t.uint(YOURSEQUENCE, 8, 4);
      if (t.uint(RELIABILITY, 12, 2) != 0xffff && t.has(12, 2)) {
        t.enter();
        TreeExperts.emit(t, RELIABILITY_INVALID, 12, null);
        t.exit();
      }
    } else if (type == 0 || type == 1) {
      t.bytes(ADDRESS, 4, 4);
      t.bytes(NETMASK, 8, 4);
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (!t.has(0, 4)) {
      c.setInfo("");
      return;
    }
    long type = t.u32(0);
    if (type == KEEPALIVE && t.has(4, 8)) {
      c.setInfo("Line keepalive, outgoing sequence " + t.u32(4) + ", returned sequence " + t.u32(8));
    } else if ((type == 0 || type == 1) && t.has(4, 8)) {
      c.setInfo((type == 0 ? "Request" : "Reply") + ", from " + Addresses.ipv4(t.data(), t.start() + 4)
          + ", mask " + Addresses.ipv4(t.data(), t.start() + 8));
    } else {
      c.setInfo("Unknown packet type 0x" + Long.toHexString(type));
    }
  }
}

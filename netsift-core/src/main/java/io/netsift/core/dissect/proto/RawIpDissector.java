package io.netsift.core.dissect.proto;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;

/**
 * Raw IP link types: LINKTYPE_RAW (101), whose version nibble tells IPv4 from IPv6 and which
 * tshark shows as a field-less {@code raw} layer, and LINKTYPE_IPV4 (228) / LINKTYPE_IPV6 (229),
 * which tshark hands straight to IP, so frame.protocols starts at {@code ip}/{@code ipv6}
 * (https://www.tcpdump.org/linktypes.html).
 *
 * <pre>
 * +-------+-------------------------------------------------------
 * |Version| rest of the IPv4 or IPv6 header ...        (no link-layer header)
 * +-------+-------------------------------------------------------
 * </pre>
 */
public final class RawIpDissector extends Dissector implements Protocols.Registrable {
  public RawIpDissector() {
    super("raw", "Raw packet data", "Raw");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.LINK_TYPE, LinkType.RAW, this);
    // The frame layer dispatches 228/229 straight to IP; the raw layer never appears for them.
    p.map(Protocols.Table.LINK_TYPE, LinkType.IPV4, p.byName("ip"));
    p.map(Protocols.Table.LINK_TYPE, LinkType.IPV6, p.byName("ipv6"));
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    d.payload(s, d.end(layer));
    if (d.length(layer) < 1) {
      return null;
    }
    int version = Bytes.u8(d.data(), s) >> 4;
    if (version == 4) {
      return d.protocols().byName("ip");
    }
    if (version == 6) {
      return d.protocols().byName("ipv6");
    }
    // Neither version: tshark leaves the bytes undissected and marks the frame malformed.
    d.malformed(layer);
    return null;
  }

  @Override
  public void fields(Tree t) {}

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = "N/A";
    c.source = "N/A";
    c.destination = "N/A";
    c.setInfo("Raw packet data");
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/** PPP IPv6 Control Protocol (RFC 5072, PPP protocol 0x8057): the interface identifier option. */
public final class Ipv6cpDissector extends PppControlDissector {
  public static final Field OPT_TYPE = Field.u8("ipv6cp.opt.type", "Type")
      .labels(ValueNames.parse("1=Interface Identifier|2=IPv6 compression"));
  public static final Field OPT_LENGTH = Field.u8("ipv6cp.opt.length", "Length");
  public static final Field INTERFACE_IDENTIFIER = Field.bytes("ipv6cp.interface_identifier", "Interface Identifier");

  public Ipv6cpDissector() {
    super("ipv6cp", "PPP IPv6 Control Protocol", "PPP IPV6CP", 0x8057, NCP_CODES);
  }

  @Override
  void option(Tree t, int type, int p, int len) {
    t.uint(OPT_TYPE, p, 1);
    t.uint(OPT_LENGTH, p + 1, 1);
    if (type == 1) {
      if (t.has(p + 2, 8)) {
        // Wireshark shows these bytes colon-separated (SEP_COLON).
        t.object(INTERFACE_IDENTIFIER, p + 2, 8,
            io.netsift.core.field.Addresses.hex(t.data(), t.start() + p + 2, 8, ':'));
      }
    }
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * PPP Compression Control Protocol (RFC 1962, PPP protocol 0x80fd): the control packet of
 * {@link PppControlDissector}, with Reset-Request and Reset-Ack; options are reported by type
 * and length.
 */
public final class CcpDissector extends PppControlDissector {
  public static final Field OPT_TYPE = Field.u8("ccp.opt.type", "Type");
  public static final Field OPT_LENGTH = Field.u8("ccp.opt.length", "Length");

  public CcpDissector() {
    super("ccp", "PPP Compression Control Protocol", "PPP CCP", 0x80fd, ValueNames.parse(
        "1=Configuration Request|2=Configuration Ack|3=Configuration Nak|4=Configuration Reject|"
            + "5=Termination Request|6=Termination Ack|7=Code Reject|14=Reset Request|15=Reset Ack"));
  }

  @Override
  void option(Tree t, int type, int p, int len) {
    t.uint(OPT_TYPE, p, 1);
    t.uint(OPT_LENGTH, p + 1, 1);
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * Generic Network Virtualization Encapsulation, <a href="https://www.rfc-editor.org/rfc/rfc8926">RFC
 * 8926</a>; UDP port 6081.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Ver|  Opt Len  |O|C|    Rsvd.  |          Protocol Type        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Virtual Network Identifier (VNI)       |    Reserved   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Option Class         |      Type     |R|R|R| Length  |  options, Opt Len * 4 bytes
 * |                      Variable-Length Option Data              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The protocol type goes through the EtherType table; 0x6558 is a whole Ethernet frame. As in
 * Wireshark, the header's option length is reported as {@code geneve.option.length} in bytes.
 */
public final class GeneveDissector extends Dissector implements Protocols.Registrable {
  static final Map<Long, String> CLASSES = ValueNames.parse("0x0000=Standard|0x0100=Linux|"
      + "0x0101=Open vSwitch|0x0102=Open Virtual Networking (OVN)|0x0103=In-band Network Telemetry (INT)|"
      + "0x0104=VMware, Inc.|0x0105=Amazon.com, Inc.|0x0106=Cisco Systems, Inc.|0x0107=Oracle Corporation|"
      + "0xffff=Experimental");

  public static final Field VERSION = Field.u8("geneve.version", "Version");
  public static final Field FLAGS = Field.u8("geneve.flags", "Flags").hex();
  public static final Field FLAG_OAM = Field.bool("geneve.flags.oam",
      "Operations, Administration and Management Frame").mask(0x80, 8);
  public static final Field FLAG_CRITICAL = Field.bool("geneve.flags.critical", "Critical Options Present")
      .mask(0x40, 8);
  public static final Field FLAG_RESERVED = Field.bool("geneve.flags.reserved", "Reserved").mask(0x3f, 8);
  public static final Field PROTO_TYPE = Field.u16("geneve.proto_type", "Protocol Type").hex()
      .labels(EtherTypes::name);
  public static final Field VNI = Field.u24("geneve.vni", "Virtual Network Identifier (VNI)").hexDec();
  public static final Field RESERVED = Field.u8("geneve.reserved", "Reserved").hex().hidden();
  public static final Field OPTIONS = Field.bytes("geneve.options", "Geneve Options");
  public static final Field OPTION_CLASS = Field.u16("geneve.option.class", "Class").hex()
      .labels(v -> CLASSES.getOrDefault(v, "Unknown"));
  public static final Field OPTION_TYPE = Field.u8("geneve.option.type", "Type").hex()
      .labels(v -> (v & 0x80) != 0 ? "Critical" : "Non-critical");
  public static final Field OPTION_TYPE_CRITICAL = Field.bool("geneve.option.type.critical", "Critical Option")
      .mask(0x80, 8).hidden();
  public static final Field OPTION_FLAGS = Field.u8("geneve.option.flags", "Flags").hex().hidden();
  public static final Field OPTION_FLAGS_RESERVED = Field.bool("geneve.option.flags.reserved", "Reserved")
      .mask(0xe0, 8);
  public static final Field OPTION_LENGTH = Field.u8("geneve.option.length", "Length").unit(" bytes");
  public static final Field OPTION = Field.bytes("geneve.option", "Option");
  public static final Field OPTION_UNKNOWN_DATA = Field.bytes("geneve.option.unknown.data", "Unknown Option Data");
  static final Expert VERSION_UNKNOWN = new Expert("geneve.version.unknown", Expert.Severity.WARNING, "Protocol",
      "Unknown version");
  static final Expert OPTION_LENGTH_INVALID = new Expert("geneve.option.length.invalid", Expert.Severity.ERROR,
      "Malformed", "Invalid length for option");

  private static final int HEADER = 8;
  public static final int PORT = 6081;

  public GeneveDissector() {
    super("geneve", "Generic Network Virtualization Encapsulation", "Geneve");
  }

  /** A tunnel: its payload is a link or network layer again (kept when applications are pruned). */
  @Override
  public boolean carriesLowerLayers() {
    return true;
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, PORT, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    d.payload(end, end);
    if (end - s < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    int version = Bytes.u8(b, s) >> 6;
    if (version != 0) {
      d.expert(layer, VERSION_UNKNOWN, s, 1, null);
      return null;
    }
    int len = HEADER + (Bytes.u8(b, s) & 0x3f) * 4;
    if (end - s < len) {
      Truncation.report(d, layer, s, len);
      return null;
    }
    d.payload(s + len, end);
    if (s + len >= end) {
      return null;
    }
    int type = Bytes.u16(b, s + 2);
    return type == GreDissector.TYPE_ETHERNET ? d.protocols().byName("eth") : d.protocols().etherType(type);
  }

  @Override
  public void fields(Tree t) {
    int b0 = t.u8(0);
    t.number(VERSION, 0, 1, b0 >> 6);
    if (b0 >> 6 != 0) {
      return;
    }
    int optLen = (b0 & 0x3f) * 4;
    t.number(OPTION_LENGTH, 0, 1, optLen);
    t.uint(FLAGS, 1, 1);
    t.enter();
    t.uint(FLAG_OAM, 1, 1);
    t.uint(FLAG_CRITICAL, 1, 1);
    t.uint(FLAG_RESERVED, 1, 1);
    t.exit();
    t.uint(PROTO_TYPE, 2, 2);
    t.uint(VNI, 4, 3);
    t.uint(RESERVED, 7, 1);
    if (optLen == 0) {
      return;
    }
    t.bytes(OPTIONS, HEADER, optLen);
    t.enter();
    int off = HEADER;
    int end = HEADER + optLen;
    while (off + 4 <= end && t.has(off, 4)) {
      int len = ((t.u8(off + 3) & 0x1f) + 1) * 4;
      if (off + len > end) {
        t.expert(OPTION_LENGTH_INVALID, off + 3, 1, null);
        break;
      }
      t.bytes(OPTION, off, len);
      t.enter();
      t.uint(OPTION_CLASS, off, 2);
      t.uint(OPTION_TYPE, off + 2, 1);
      t.uint(OPTION_TYPE_CRITICAL, off + 2, 1);
      t.number(OPTION_FLAGS, off + 3, 1, t.u8(off + 3) & 0xe0);
      t.enter();
      t.uint(OPTION_FLAGS_RESERVED, off + 3, 1);
      t.exit();
      t.number(OPTION_LENGTH, off + 3, 1, len);
      if (len > 4) {
        t.bytes(OPTION_UNKNOWN_DATA, off + 4, len - 4);
      } else {
        t.object(OPTION_UNKNOWN_DATA, off + 4, 0, "<MISSING>"); // tshark's text for empty bytes
      }
      t.exit();
      off += len;
    }
    t.exit();
  }

  @Override
  public String label(Tree t) {
    if (!t.has(4, 3)) {
      return longName();
    }
    return longName() + String.format(", VNI: 0x%06x", t.u24(4));
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (!t.has(2, 2)) {
      c.setInfo("");
      return;
    }
    String name = EtherTypes.name(t.u16(2));
    c.setInfo("Encapsulated " + (name != null ? name : String.format("0x%04x (unknown)", t.u16(2))));
  }
}

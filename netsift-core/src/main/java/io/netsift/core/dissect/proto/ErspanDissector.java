package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * Cisco's Encapsulated Remote Switch Packet ANalysis (draft-foschiano-erspan-03), reached from
 * GRE types 0x88be (types I and II) and 0x22eb (type III); a mirrored Ethernet frame follows.
 *
 * <pre>
 * Type I:   no header of its own (the GRE header carries no sequence number)
 * Type II:  | Ver | VLAN | COS | En |T| Session ID | Reserved | Index |          8 bytes
 * Type III: | Ver | VLAN | COS | BSO|T| Session ID | Timestamp |
 *           | SGT |P| FT | Hw ID |D|Gra|O| [platform specific sub-header]    12 (+8) bytes
 * </pre>
 */
public final class ErspanDissector extends Dissector {
  public static final Field VERSION = Field.u16("erspan.version", "Version").mask(0xf000, 16)
      .labels(ValueNames.parse("1=Type II|2=Type III"));
  public static final Field VLAN = Field.u16("erspan.vlan", "Vlan").mask(0x0fff, 16);
  public static final Field COS = Field.u16("erspan.cos", "COS").mask(0xe000, 16);
  public static final Field ENCAP = Field.u16("erspan.encap", "Encap").mask(0x1800, 16)
      .labels(ValueNames.parse("0=Originally without VLAN tag|1=Originally ISL encapsulated|"
          + "2=Originally 802.1Q encapsulated|3=VLAN tag preserved in frame"));
  public static final Field BSO = Field.u16("erspan.bso", "Bad/Short/Oversized").mask(0x1800, 16)
      .labels(ValueNames.parse("0=Not truncated|1=Truncated"));
  public static final Field TRUNCATED = Field.u16("erspan.truncated", "Truncated").mask(0x0400, 16)
      .labels(ValueNames.parse("0=Not truncated|1=Truncated")).blurb("ERSPAN packet exceeded the MTU size");
  public static final Field SPANID = Field.u16("erspan.spanid", "SpanID").mask(0x03ff, 16);
  public static final Field RESERVED = Field.u32("erspan.reserved", "Reserved").mask(0xfff00000L, 32);
  public static final Field INDEX = Field.u32("erspan.index", "Index").mask(0x000fffff, 32);
  public static final Field TIMESTAMP = Field.u32("erspan.timestamp", "Timestamp").mask(0xffffffffL, 32);
  public static final Field SGT = Field.u16("erspan.sgt", "Security Group Tag").mask(0xffff, 16);
  public static final Field P = Field.u16("erspan.p", "Has Ethernet PDU").mask(0x8000, 16);
  public static final Field FT = Field.u16("erspan.ft", "Frame Type").mask(0x7c00, 16);
  public static final Field HW = Field.u16("erspan.hw", "Hardware ID").mask(0x03f0, 16);
  public static final Field GRA = Field.u16("erspan.gra", "Timestamp granularity").mask(0x0006, 16)
      .labels(ValueNames.parse("0=100 microseconds|1=100 nanoseconds|2=IEEE 1588|3=Custom granularity"));
  public static final Field DIRECTION = Field.bool("erspan.direction", "Direction").mask(0x0008, 16)
      .states("Egress", "Ingress");
  public static final Field O = Field.u16("erspan.o", "Optional Sub headers").mask(0x0001, 16);
  public static final Field PLATID = Field.u32("erspan.platid", "Platform ID").mask(0xfc000000L, 32);
  public static final Field PID1_RSVD1 = Field.u32("erspan.pid1.rsvd1", "Reserved").mask(0x03fff000L, 32);
  public static final Field PID1_VSMID = Field.u32("erspan.pid1.vsmid", "VSM Domain ID").mask(0xfff, 32);
  public static final Field PID1_PORT_INDEX = Field.u32("erspan.pid1.port_index", "Port ID/Index")
      .mask(0xffffffffL, 32);
  public static final Field PID3_RSVD1 = Field.u32("erspan.pid3.rsvd1", "Reserved").mask(0x03ffc000L, 32);
  public static final Field PID3_PORT_INDEX = Field.u32("erspan.pid3.port_index", "Port ID/Index").mask(0x3fff, 32);
  public static final Field PID3_TIMESTAMP = Field.u32("erspan.pid3.timestamp", "Upper 32-bit Timestamp")
      .mask(0xffffffffL, 32);
  public static final Field PID4_RSVD1 = Field.u32("erspan.pid4.rsvd1", "Reserved").mask(0x03ffc000L, 32);
  public static final Field PID4_RSVD2 = Field.u32("erspan.pid4.rsvd2", "Reserved").mask(0x3fff, 32);
  public static final Field PID4_RSVD3 = Field.u32("erspan.pid4.rsvd3", "Reserved").mask(0xffffffffL, 32);
  public static final Field PID5_SWITCHID = Field.u32("erspan.pid5.switchid", "Switch ID").mask(0x03ff0000L, 32);
  public static final Field PID5_PORT_INDEX = Field.u32("erspan.pid5.port_index", "Port ID/Index").mask(0xffff, 32);
  public static final Field PID5_TIMESTAMP = Field.u32("erspan.pid5.timestamp", "Timestamp (seconds)")
      .mask(0xffffffffL, 32);
  public static final Field PID7_RSVD1 = Field.u32("erspan.pid7.rsvd1", "Reserved").mask(0x03f00000L, 32);
  public static final Field PID7_SOURCE_INDEX = Field.u32("erspan.pid7.source_index", "Source Index")
      .mask(0x000fffff, 32);
  public static final Field PID7_TIMESTAMP = Field.u32("erspan.pid7.timestamp", "Upper 32-bit Timestamp")
      .mask(0xffffffffL, 32);
  public static final Field PID_RSVD = Field.u64("erspan.pid.rsvd", "Reserved").mask(0x03ffffff, 64);
  static final Expert VERSION_UNKNOWN = new Expert("erspan.version.unknown", Expert.Severity.WARNING,
      "Undecoded", "Unknown version, please report or test to use fake ERSPAN preference");

  private static final int TYPE_I = 0;
  private static final int TYPE_II = 1;
  private static final int TYPE_III = 2;
  private static final int UNKNOWN = 3;

  public ErspanDissector() {
    super("erspan", "Encapsulated Remote Switch Packet ANalysis", "ERSPAN");
  }

  /** The type: from the GRE header below (type I has no sequence number), else from the version nibble. */
  private static int type(Dissection d, int layer) {
    int gre = layer - 1;
    if (gre > 0 && d.dissector(gre) instanceof GreDissector && d.length(gre) >= 4) {
      int flags = Bytes.u16(d.data(), d.start(gre));
      int proto = Bytes.u16(d.data(), d.start(gre) + 2);
      if (proto == GreDissector.TYPE_ERSPAN && (flags & GreDissector.F_SEQUENCE) == 0) {
        return TYPE_I;
      }
    }
    if (d.length(layer) < 2) {
      return UNKNOWN;
    }
    int version = Bytes.u8(d.data(), d.start(layer)) >> 4;
    return version == 1 ? TYPE_II : version == 2 ? TYPE_III : UNKNOWN;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    d.annotate(layer, 1);
    int type = type(d, layer);
    d.setAnnotation(layer, 0, type);
    int len;
    switch (type) {
      case TYPE_I: len = 0; break;
      case TYPE_II: len = 8; break;
      case TYPE_III:
        len = 12;
        if (end - s >= 12 && (Bytes.u16(b, s + 10) & 1) != 0) {
          len += 8;
        }
        break;
      default:
        d.payload(end, end);
        if (end - s < 2) {
          Truncation.report(d, layer, s, 2);
        } else {
          d.expert(layer, VERSION_UNKNOWN, s, 2, null);
          d.setEnd(layer, s + 2);
        }
        return null;
    }
    if (end - s < len) {
      d.payload(end, end);
      Truncation.report(d, layer, s, len);
      return null;
    }
    d.payload(s + len, end);
    // Even an empty payload goes to Ethernet, which then finds it malformed, as in tshark.
    return d.protocols().byName("eth");
  }

  @Override
  public void fields(Tree t) {
    int type = (int) t.annotation(0);
    if (type == TYPE_I) {
      return;
    }
    t.uint(VERSION, 0, 2);
    if (type == UNKNOWN) {
      return;
    }
    t.uint(VLAN, 0, 2);
    t.uint(COS, 2, 2);
    t.uint(type == TYPE_II ? ENCAP : BSO, 2, 2);
    t.uint(TRUNCATED, 2, 2);
    t.uint(SPANID, 2, 2);
    if (type == TYPE_II) {
      t.uint(RESERVED, 4, 4);
      t.uint(INDEX, 4, 4);
      return;
    }
    t.uint(TIMESTAMP, 4, 4);
    t.uint(SGT, 8, 2);
    t.uint(P, 10, 2);
    t.uint(FT, 10, 2);
    t.uint(HW, 10, 2);
    t.uint(DIRECTION, 10, 2);
    t.uint(GRA, 10, 2);
    t.uint(O, 10, 2);
    if ((t.u16(10) & 1) == 0) {
      return;
    }
    int platform = (int) (t.u32(12) >>> 26);
    t.uint(PLATID, 12, 4);
    switch (platform) {
      case 1:
        t.uint(PID1_RSVD1, 12, 4);
        t.uint(PID1_VSMID, 12, 4);
        t.uint(PID1_PORT_INDEX, 16, 4);
        break;
      case 3:
        t.uint(PID3_RSVD1, 12, 4);
        t.uint(PID3_PORT_INDEX, 12, 4);
        t.uint(PID3_TIMESTAMP, 16, 4);
        break;
      case 4:
        t.uint(PID4_RSVD1, 12, 4);
        t.uint(PID4_RSVD2, 12, 4);
        t.uint(PID4_RSVD3, 16, 4);
        break;
      case 5:
      case 6:
        t.uint(PID5_SWITCHID, 12, 4);
        t.uint(PID5_PORT_INDEX, 12, 4);
        t.uint(PID5_TIMESTAMP, 16, 4);
        break;
      case 7:
      case 0:
        t.uint(PID7_RSVD1, 12, 4);
        t.uint(PID7_SOURCE_INDEX, 12, 4);
        t.uint(PID7_TIMESTAMP, 16, 4);
        break;
      default:
        t.uint(PID_RSVD, 12, 8);
        break;
    }
  }

  @Override
  public String label(Tree t) {
    switch ((int) t.annotation(0)) {
      case TYPE_I: return longName() + " Type I";
      case TYPE_II: return longName() + " Type II";
      case TYPE_III: return longName() + " Type III";
      default: return longName() + " Unknown";
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo("ERSPAN:");
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import io.netsift.core.field.Strings;
import java.util.Map;

/**
 * MikroTik Neighbor Discovery Protocol, broadcast by RouterOS devices to UDP port 5678: a
 * 4-byte header, then type-length-value items, big-endian except the uptime:
 *
 * <pre>
 * | unknown (2) | sequence (2) | type (2) | length (2) | value (length) | ...
 * </pre>
 *
 * As tshark does, the Protocol column becomes "MNDP" and the Info column stays UDP's.
 */
public final class MndpDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> TYPES = ValueNames.parse(
      "1=MAC-Address|5=Identity|7=Version|8=Platform|10=Uptime|11=Software-ID|12=Board|14=Unpack|"
          + "15=IPv6-Address|16=Interface name|17=IPv4-Address");
  public static final Field TLV_TYPE = Field.u16("mndp.tlv.type", "TlvType").labels(TYPES);
  public static final Field TLV_LENGTH = Field.u16("mndp.tlv.length", "TlvLength");
  public static final Field TLV_DATA = Field.bytes("mndp.tlv.data", "TlvData");
  public static final Field HEADER_UNKNOWN = Field.bytes("mndp.header.unknown", "Header Unknown");
  public static final Field HEADER_SEQNO = Field.u16("mndp.header.seqno", "SeqNo");
  public static final Field MAC = Field.ether("mndp.mac", "MAC-Address");
  public static final Field SOFTWAREID = Field.string("mndp.softwareid", "Software-ID");
  public static final Field VERSION = Field.string("mndp.version", "Version");
  public static final Field IDENTITY = Field.string("mndp.identity", "Identity");
  public static final Field UPTIME = Field.of("mndp.uptime", "Uptime", FieldType.RELATIVE_TIME);
  public static final Field PLATFORM = Field.string("mndp.platform", "Platform");
  public static final Field BOARD = Field.string("mndp.board", "Board");
  public static final Field UNPACK = Field.u8("mndp.unpack", "Unpack").labels(ValueNames.parse("1=None"));
  public static final Field IPV6ADDRESS = Field.ipv6("mndp.ipv6address", "IPv6-Address");
  public static final Field INTERFACENAME = Field.string("mndp.interfacename", "Interface name");
  public static final Field IPV4ADDRESS = Field.ipv4("mndp.ipv4address", "IPv4-Address");

  private static final int HEADER = 4;

  public MndpDissector() {
    super("mndp", "Mikrotik Neighbor Discovery Protocol", "MNDP");
  }

  private static final int PORT = 5678;

  /**
   * UDP port 5678, when the payload passes tshark's check (at least a header and one TLV header,
   * bytes 4 and 6 zero); other payloads on the port stay data, as in tshark.
   */
  @Override
  public void register(Protocols p) {
    p.heuristic(Protocols.Table.UDP_PORT, this, (d, b, off, len) -> off >= 8
        && (Bytes.u16(b, off - 8) == PORT || Bytes.u16(b, off - 6) == PORT)
        && len >= 8 && b[off + 4] == 0 && b[off + 6] == 0);
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    d.payload(d.end(layer), d.end(layer));
    return null;
  }

  @Override
  public void fields(Tree t) {
    if (!t.has(0, HEADER)) {
      return;
    }
    t.bytes(HEADER_UNKNOWN, 0, 2);
    t.uint(HEADER_SEQNO, 2, 2);
    int p = HEADER;
    while (t.has(p, 4)) {
      int type = t.u16(p);
      int len = t.u16(p + 2);
      int n = Math.min(len, t.length() - p - 4);
      t.text(p, 4 + n, "T " + type + ", L " + len + ": " + TYPES.getOrDefault((long) type, "Unknown"));
      t.enter();
      t.uint(TLV_TYPE, p, 2);
      t.uint(TLV_LENGTH, p + 2, 2);
      value(t, type, p + 4, len, n);
      t.exit();
      p += 4 + len;
    }
  }

  private static void value(Tree t, int type, int v, int len, int n) {
    Field text = switch (type) {
      case 5 -> IDENTITY;
      case 7 -> VERSION;
      case 8 -> PLATFORM;
      case 11 -> SOFTWAREID;
      case 12 -> BOARD;
      case 16 -> INTERFACENAME;
      default -> null;
    };
    if (text != null) {
      t.object(text, v, n, Strings.ascii(t.data(), t.start() + v, n));
    } else if (type == 1 && len == 6 && n == 6) {
      t.bytes(MAC, v, 6);
    } else if (type == 10 && len == 4 && n == 4) {
      t.number(UPTIME, v, 4, t.u32le(v) * 1_000_000_000L);
    } else if (type == 14 && len == 1 && n == 1) {
      t.uint(UNPACK, v, 1);
    } else if (type == 15 && len == 16 && n == 16) {
      t.bytes(IPV6ADDRESS, v, 16);
    } else if (type == 17 && len == 4 && n == 4) {
      t.bytes(IPV4ADDRESS, v, 4);
    } else if (n > 0) {
      t.bytes(TLV_DATA, v, n);
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
  }
}

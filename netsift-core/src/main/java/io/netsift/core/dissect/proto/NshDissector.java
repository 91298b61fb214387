package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * Network Service Header (RFC 8300; EtherType 0x894f, also GRE protocol type 0x894f): the
 * service-function-chaining header in front of the packet a service path carries.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Ver|O|U|    TTL    |   Length  |U|U|U|U|MD Type| Next Protocol |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Service Path Identifier (SPI)        | Service Index |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  MD type 1: four 4-byte context headers; MD type 2: TLVs      |
 * </pre>
 *
 * Length counts 4-byte words of the whole header; the next protocol (1 IPv4, 2 IPv6, 3
 * Ethernet, 4 NSH, 5 MPLS) follows it. tshark's third bit is the "C Bit" of the draft.
 */
public final class NshDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> NEXT = Map.of(1L, "IPv4", 2L, "IPv6", 3L, "Ethernet", 4L, "NSH", 5L, "MPLS",
      254L, "Experiment 1", 255L, "Experiment 2");
  public static final Field VERSION = Field.u16("nsh.version", "Version").decHex().mask(0xc000, 16);
  public static final Field OBIT = Field.u16("nsh.Obit", "O Bit").mask(0x2000, 16);
  public static final Field CBIT = Field.u16("nsh.CBit", "C Bit").mask(0x1000, 16);
  public static final Field TTL = Field.u16("nsh.ttl", "Time to live").hex().mask(0x0fc0, 16);
  public static final Field LENGTH = Field.u16("nsh.length", "Length").decHex().mask(0x003f, 16);
  public static final Field MD_TYPE = Field.u8("nsh.mdtype", "MD Type").decHex();
  public static final Field NEXT_PROTO = Field.u8("nsh.nextproto", "Next Protocol")
      .labels(v -> NEXT.getOrDefault(v, "Unknown"));
  public static final Field SPI = Field.u24("nsh.spi", "SPI").decHex();
  public static final Field SI = Field.u8("nsh.si", "SI").decHex();
  public static final Field CONTEXT = Field.bytes("nsh.contextheader", "Context Header");
  public static final Field TLV_CLASS = Field.u16("nsh.metadataclass", "TLV Class").decHex();
  public static final Field TLV_TYPE = Field.u8("nsh.metadatatype", "Type").decHex();
  public static final Field TLV_UNASSIGNED = Field.u8("nsh.metadataunassignedbit", "Unassigned Bit").hex().mask(0x80, 8);
  public static final Field TLV_LENGTH = Field.u8("nsh.metadatalen", "Length").hex().mask(0x7f, 8);
  public static final Field METADATA = Field.bytes("nsh.metadata", "Variable Metadata");

  static final Expert LENGTH_INVALID = new Expert("nsh.length.invalid", Expert.Severity.WARNING, "Protocol",
      "Length MUST be of value 0x6 for MD Type equal to 0x1");

  /** Base and service path headers. */
  private static final int BASE = 8;
  private static final int MD1_CONTEXT = 16;

  public NshDissector() {
    super("nsh", "Network Service Header", "NSH");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.ETHERTYPE, 0x894f, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    if (end - s < BASE) {
      Truncation.report(d, layer, s, BASE);
      return null;
    }
    byte[] b = d.data();
    int words = Bytes.u16(b, s) & 0x3f;
    // MD type 1 is always the base, the service path and four context headers: tshark reads
    // that much whatever the length says (and notes a length other than 6); other types end
    // where the length says.
    boolean md1 = b[s + 2] == 1;
    int header = md1 ? BASE + MD1_CONTEXT : Math.max(words * 4, BASE);
    if (end - s < header) {
      Truncation.report(d, layer, s, header);
      return null;
    }
    int payload = s + header;
    d.headerEnd(layer, payload);
    d.payload(payload, end);
    if (payload >= end) {
      return null;
    }
    switch (b[s + 3] & 0xff) {
      case 1: return d.protocols().byName("ip");
      case 2: return d.protocols().byName("ipv6");
      case 3: return d.protocols().byName("eth");
      case 4: return this;
      case 5: return d.protocols().byName("mpls");
      default: return null;
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo(longName());
  }

  @Override
  public void fields(Tree t) {
    t.uint(VERSION, 0, 2);
    t.uint(OBIT, 0, 2);
    t.uint(CBIT, 0, 2);
    t.uint(TTL, 0, 2);
    long words = t.uint(LENGTH, 0, 2);
    int mdType = t.has(2, 1) ? t.u8(2) : -1;
    if (mdType == 1 && words != 6) {
      t.enter();
      t.expert(LENGTH_INVALID, 0, 2, null);
      t.exit();
    }
    t.uint(MD_TYPE, 2, 1);
    t.uint(NEXT_PROTO, 3, 1);
    t.uint(SPI, 4, 3);
    t.uint(SI, 7, 1);
    int length = (int) words * 4;
    if (mdType == 1) {
      for (int off = BASE; off < BASE + MD1_CONTEXT; off += 4) {
        t.bytes(CONTEXT, off, 4);
      }
    } else if (mdType == 2) {
      int off = BASE;
      while (off + 4 <= length && t.has(off, 4)) {
        t.uint(TLV_CLASS, off, 2);
        t.uint(TLV_TYPE, off + 2, 1);
        t.uint(TLV_UNASSIGNED, off + 3, 1);
        int len = (int) t.uint(TLV_LENGTH, off + 3, 1);
        off += 4;
        if (len > 0) {
          t.bytes(METADATA, off, len);
          off += (len + 3) & ~3;
        }
      }
    }
  }
}

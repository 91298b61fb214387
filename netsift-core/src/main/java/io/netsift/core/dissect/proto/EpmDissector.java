package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The DCE/RPC endpoint mapper (tshark's {@code epm}, interface e1af8308-5d1f-11c9-91a4-08002b14a0fa
 * v3): the stub of a whole request or response on a context bound to it, handed over by
 * {@link DcerpcDissector}. Lookup (2) and Map (3) are decoded, both ways, with their protocol
 * towers; other operations show their name only.
 *
 * <pre>
 * Lookup request  inquiry type 4 | object: unique ptr, UUID 16 | interface: unique ptr, UUID 16,
 *                 major 2, minor 2 | version option 4 | handle 20 | max entries 4
 * Lookup response handle 20 | entries 4 | conformant varying array (max, offset, count) of
 *                 { object UUID 16 | tower: unique ptr | annotation: offset 4, length 4, chars }
 *                 then the towers the pointers refer to | return code 4
 * Map request     object: unique ptr, UUID 16 | tower: unique ptr | handle 20 | max towers 4
 * Map response    handle 20 | towers 4 | array (max, offset, count) of tower pointers, then the
 *                 towers | return code 4
 * tower           length 4 | length 4 | floors 2 | floors of { LHS length 2 | protocol 1 | LHS
 *                 data | RHS length 2 | RHS data }, little-endian; then NDR's 4-byte alignment
 * </pre>
 *
 * NDR integers follow the PDU's byte order (drep); NDR items align to their size from the stub's
 * start. A floor's RHS is decoded for the protocols tshark decodes (UUID version, TCP, UDP and
 * HTTP ports, IP address, named pipe and NetBIOS names; the RPC protocol floors carry nothing it
 * shows); any other gets tshark's "RightHandSide not decoded yet" warning. The Info column is
 * tshark's: the operation, a Lookup response's annotations and the UUID floors' names.
 * frame.protocols does not list the layer: tshark's DCE/RPC calls it without a hand-off. In
 * {@code -V} the items come in tshark's order but flat: tshark's pointer, array and floor
 * subtrees ("Tower pointer:", "Floor 1 UUID: NSPI") are not drawn yet.
 */
public final class EpmDissector extends Dissector {
  private static final Map<Long, String> OPS = ValueNames.parse("0=Insert|1=Delete|2=Lookup|3=Map"
      + "|4=LookupHandleFree|5=InqObject|6=MgmtDelete|7=MapAuth");
  private static final Map<Long, String> INQUIRY = ValueNames.parse("0=rpc_c_ep_all_elts"
      + "|1=rpc_c_ep_match_by_if|2=rpc_c_ep_match_by_obj|3=rpc_c_ep_match_by_both");
  private static final Map<Long, String> PROTOCOLS = ValueNames.parse("0=OSI OID|2=DNA Session Control"
      + "|3=DNA Session Control V3|4=DNA NSP Transport|5=OSI TP4|6=OSI CLNS or DNA Routing|7=DOD TCP"
      + "|8=DOD UDP|9=DOD IP|10=RPC connectionless protocol|11=RPC connection-oriented protocol"
      + "|13=UUID|14=IPX|15=Named Pipes|16=Named Pipes|17=NetBIOS|18=NetBEUI|19=Netware SPX"
      + "|20=Netware IPX|22=Appletalk Stream|23=Appletalk Datagram|24=Appletalk|25=NetBIOS"
      + "|26=Vines SPP|27=Vines IPC|28=StreetTalk|31=RPC over HTTP|32=Unix Domain Socket|33=null"
      + "|34=NetBIOS");

  public static final Field OPNUM = Field.u16("epm.opnum", "Operation").labels(OPS);
  public static final Field INQ_TYPE = Field.u32("epm.inq_type", "Inquiry type").labels(INQUIRY);
  public static final Field OBJECT = Field.of("epm.object", "Object", FieldType.GUID);
  public static final Field IF_ID = Field.of("epm.if_id", "Interface", FieldType.GUID);
  public static final Field VER_MAJ = Field.u16("epm.ver_maj", "Version Major");
  public static final Field VER_MIN = Field.u16("epm.ver_min", "Version Minor");
  public static final Field VER_OPT = Field.u32("epm.ver_opt", "Version Option");
  public static final Field HND = Field.bytes("epm.hnd", "Handle");
  public static final Field MAX_ENTS = Field.u32("epm.max_ents", "Max entries");
  public static final Field NUM_ENTS = Field.u32("epm.num_ents", "Num entries");
  public static final Field UUID = Field.of("epm.uuid", "UUID", FieldType.GUID);
  public static final Field UUID_VERSION = Field.u16("epm.uuid_version", "Version");
  public static final Field ANNOTATION = Field.string("epm.annotation", "Annotation");
  public static final Field NAMED_PIPE = Field.string("epm.proto.named_pipe", "Named Pipe");
  public static final Field NETBIOS_NAME = Field.string("epm.proto.netbios_name", "NetBIOS Name");
  public static final Field TOWER_LEN = Field.u32("epm.tower.len", "Length");
  public static final Field MAX_TOWERS = Field.u32("epm.max_towers", "Max Towers");
  public static final Field NUM_TOWERS = Field.u32("epm.num_towers", "Num Towers");
  public static final Field ANN_OFFSET = Field.u32("epm.ann_offset", "Annotation offset");
  public static final Field ANN_LEN = Field.u32("epm.ann_len", "Annotation length");
  public static final Field RC = Field.u32("epm.rc", "Return code").hex();
  public static final Field NUM_FLOORS = Field.u16("epm.tower.num_floors", "Number of floors");
  public static final Field UDP_PORT = Field.u16("epm.proto.udp_port", "UDP Port");
  public static final Field TCP_PORT = Field.u16("epm.proto.tcp_port", "TCP Port");
  public static final Field HTTP_PORT = Field.u16("epm.proto.http_port", "TCP Port");
  public static final Field RHS_LEN = Field.u16("epm.tower.rhs.len", "RHS Length");
  public static final Field LHS_LEN = Field.u16("epm.tower.lhs.len", "LHS Length");
  public static final Field IP = Field.ipv4("epm.proto.ip", "IP");
  public static final Field PROTO_ID = Field.u8("epm.tower.proto_id", "Protocol").hex().labels(PROTOCOLS);
  /** NDR's own items, which tshark names after DCE/RPC. */
  public static final Field REFERENT_ID = Field.u32("dcerpc.referent_id", "Referent ID").hex();
  public static final Field REFERENT_ID64 = Field.u64("dcerpc.referent_id64", "Referent ID").hex();
  public static final Field MAX_COUNT = Field.u32("dcerpc.array.max_count", "Max Count");
  public static final Field OFFSET = Field.u32("dcerpc.array.offset", "Offset");
  public static final Field ACTUAL_COUNT = Field.u32("dcerpc.array.actual_count", "Actual Count");
  static final Expert RHS_UNDECODED = new Expert("epm.proto_id.undecoded", Expert.Severity.WARNING, "Undecoded",
      "RightHandSide not decoded yet for proto_id");

  public EpmDissector() {
    super("epm", "DCE/RPC Endpoint Mapper", "EPM");
  }

  @Override
  public boolean listedInProtocols() {
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    d.payload(d.end(layer), d.end(layer));
    return null;
  }

  /** What the operation's decoding adds to the Info column, and the NDR cursor. */
  static final class Ndr {
    final Tree t;
    final boolean le;
    final boolean ndr64;
    final StringBuilder info;
    int p;

    Ndr(Tree t, boolean le, boolean ndr64, StringBuilder info) {
      this.t = t;
      this.le = le;
      this.ndr64 = ndr64;
      this.info = info;
    }

    /** A pointer's referent ID (4 bytes, or 8 in NDR64); 0 is the null pointer. */
    long referent() {
      return ndr64 ? uint(8, REFERENT_ID64) : uint(4, REFERENT_ID);
    }

    /** A conformance or variance count (NDR64 widens them to 8 bytes). */
    long count(Field f) {
      return uint(ndr64 ? 8 : 4, f);
    }

    /** A conformant varying array's header (max count, offset, actual count); returns the actual count. */
    long varyingArray() {
      count(MAX_COUNT);
      count(OFFSET);
      return count(ACTUAL_COUNT);
    }

    /** The towers whose pointers were not null, then the status code that ends a Map or Lookup response. */
    void towersAndStatus(int towers) {
      for (int i = 0; i < towers && ok(); i++) {
        tower(this);
      }
      u32(RC);
    }

    void align(int n) {
      p = (p + n - 1) / n * n;
    }

    long u32(Field f) {
      return uint(4, f);
    }

    int u16(Field f) {
      return (int) uint(2, f);
    }

    /**
     * An NDR integer of {@code size} bytes (2, 4 or 8) in the PDU's byte order, aligned to its
     * size, shown as {@code f}; -1, and the cursor past the end, when the stub is too short.
     */
    long uint(int size, Field f) {
      align(size);
      if (!t.has(p, size)) {
        p = t.length() + 1;
        return -1;
      }
      int at = t.start() + p;
      long v = size == 2 ? (le ? Bytes.u16le(t.data(), at) : Bytes.u16(t.data(), at))
          : size == 4 ? (le ? Bytes.u32le(t.data(), at) : Bytes.u32(t.data(), at))
          : (le ? Bytes.u64le(t.data(), at) : t.u64(p));
      t.number(f, p, size, v);
      p += size;
      return v;
    }

    String uuid(Field f) {
      align(4);
      if (!t.has(p, 16)) {
        p = t.length() + 1;
        return null;
      }
      String id = DcerpcDissector.uuid(t.data(), t.start() + p, le);
      t.object(f, p, 16, id);
      p += 16;
      return id;
    }

    void handle() {
      align(4);
      if (t.has(p, 20)) {
        t.bytes(HND, p, 20);
      }
      p += 20;
    }

    boolean ok() {
      return p <= t.length();
    }
  }

  @Override
  public void fields(Tree t) {
    walk(t, new StringBuilder());
  }

  /** Decodes the stub into {@code t} (null tree items are skipped by Tree itself) and the Info text. */
  private void walk(Tree t, StringBuilder info) {
    Dissection d = t.dissection();
    int dce = t.layer() - 1;
    byte[] b = d.data();
    int s = d.start(dce);
    boolean le = (b[s + 4] & 0x10) != 0;
    boolean request = (b[s + 2] & 0xff) == DcerpcDissector.REQUEST;
    int op = DcerpcDissector.opnum(d, dce);
    info.append(OPS.getOrDefault((long) op, "Unknown operation " + op)).append(request ? " request" : " response");
    t.number(OPNUM, 0, 0, op);
    Ndr n = new Ndr(t, le, d.annotation(dce, DcerpcDissector.A_NDR64) == 1, info);
    if (op == 2 && request) {
      n.u32(INQ_TYPE);
      if (n.referent() > 0) {
        n.uuid(OBJECT);
      }
      if (n.referent() > 0) {
        n.uuid(IF_ID);
        n.u16(VER_MAJ);
        n.u16(VER_MIN);
      }
      n.u32(VER_OPT);
      n.handle();
      n.u32(MAX_ENTS);
    } else if (op == 2) {
      n.handle();
      n.u32(NUM_ENTS);
      long count = n.varyingArray();
      int towers = 0;
      for (long i = 0; i < count && n.ok(); i++) {
        n.uuid(OBJECT);
        if (n.referent() > 0) {
          towers++;
        }
        n.u32(ANN_OFFSET);
        long len = n.u32(ANN_LEN);
        if (len > 0 && t.has(n.p, (int) Math.min(len, t.length()))) {
          String text = new String(t.data(), t.start() + n.p, (int) len, StandardCharsets.ISO_8859_1);
          int nul = text.indexOf('\0');
          text = nul >= 0 ? text.substring(0, nul) : text;
          t.object(ANNOTATION, n.p, (int) len, text);
          info.append(", Service:").append(text);
          n.p += (int) len;
        }
      }
      n.towersAndStatus(towers);
    } else if (op == 3 && request) {
      if (n.referent() > 0) {
        n.uuid(UUID);
      }
      if (n.referent() > 0) {
        tower(n);
      }
      n.handle();
      n.u32(MAX_TOWERS);
    } else if (op == 3) {
      n.handle();
      n.u32(NUM_TOWERS);
      long count = n.varyingArray();
      int towers = 0;
      for (long i = 0; i < count && n.ok(); i++) {
        if (n.referent() > 0) {
          towers++;
        }
      }
      n.towersAndStatus(towers);
    }
  }

  /** One protocol tower: two lengths, then its floors (always little-endian). */
  private static void tower(Ndr n) {
    Tree t = n.t;
    n.count(TOWER_LEN);
    long len = n.u32(TOWER_LEN);
    int start = n.p;
    if (len < 0 || !t.has(start, 2)) {
      n.p = t.length() + 1;
      return;
    }
    int end = (int) Math.min(t.length(), start + len);
    int floors = t.u16le(start);
    t.number(NUM_FLOORS, start, 2, floors);
    int p = start + 2;
    for (int i = 1; i <= floors && p + 2 <= end; i++) {
      int lhs = t.u16le(p);
      t.number(LHS_LEN, p, 2, lhs);
      p += 2;
      if (lhs < 1 || p + lhs + 2 > end) {
        break;
      }
      int proto = t.u8(p);
      t.number(PROTO_ID, p, 1, proto);
      if (proto == 0x0d && lhs >= 19) {
        String id = DcerpcDissector.uuid(t.data(), t.start() + p + 1, true);
        t.object(UUID, p + 1, 16, id);
        t.number(UUID_VERSION, p + 17, 2, t.u16(p + 17));
        n.info.append(", ").append(DcerpcDissector.UUIDS.getOrDefault(id, id));
      }
      p += lhs;
      int rhs = t.u16le(p);
      t.number(RHS_LEN, p, 2, rhs);
      p += 2;
      if (p + rhs > end) {
        break;
      }
      rhs(t, proto, p, rhs);
      p += rhs;
    }
    n.p = (int) (start + len);
    n.align(4);
  }

  /** A floor's right-hand side, as tshark decodes it for {@code proto}. */
  private static void rhs(Tree t, int proto, int p, int len) {
    switch (proto) {
      case 0x0d:
        if (len >= 2) {
          t.number(VER_MIN, p, 2, t.u16(p));
        }
        break;
      case 0x07:
      case 0x08:
      case 0x1f:
        if (len >= 2) {
          t.number(proto == 0x07 ? TCP_PORT : proto == 0x08 ? UDP_PORT : HTTP_PORT, p, 2, t.u16(p));
        }
        break;
      case 0x09:
        if (len >= 4) {
          t.bytes(IP, p, 4);
        }
        break;
      case 0x0f:
      case 0x10:
        t.object(NAMED_PIPE, p, len, zeroTerminated(t, p, len));
        break;
      case 0x11:
        t.object(NETBIOS_NAME, p, len, zeroTerminated(t, p, len));
        break;
      case 0x0a:
      case 0x0b:
        break;
      default:
        t.expert(RHS_UNDECODED, p, len, RHS_UNDECODED.message() + String.format(" 0x%02x", proto));
        break;
    }
  }

  /** The {@code len} bytes at {@code p} as ISO-8859-1 text, up to the first NUL. */
  static String zeroTerminated(Tree t, int p, int len) {
    String s = new String(t.data(), t.start() + p, len, StandardCharsets.ISO_8859_1);
    int nul = s.indexOf('\0');
    return nul >= 0 ? s.substring(0, nul) : s;
  }

  @Override
  public String label(Tree t) {
    int op = DcerpcDissector.opnum(t.dissection(), t.layer() - 1);
    return longName() + ", " + OPS.getOrDefault((long) op, "Unknown operation " + op);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    StringBuilder info = new StringBuilder();
    walk(t, info); // without a visitor the walk emits nothing
    c.setInfo(info.toString());
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * NetBIOS Name Service (RFC 1002 section 4.2, tshark's {@code nbns}) on UDP 137: a DNS-shaped
 * header, then questions and resource records whose names are first-level encoded NetBIOS names
 * (RFC 1001 section 14.1) with an optional scope; NB records carry flags and addresses, NBSTAT
 * records a node's name table and statistics.
 *
 * <pre>
 * +----------------+-------------------+-----------+-----------+----------+----------+
 * | transaction id | R opcode AA TC RD | questions | answers   | auth RRs | add. RRs |
 * |                | RA 0 0 B rcode    |           |           |          |          |
 * +----------------+-------------------+-----------+-----------+----------+----------+
 * | name (32 encoded bytes + scope labels, or a pointer) | type | class | [ttl | rdlength | rdata]
 * </pre>
 */
public final class NbnsDissector extends Dissector implements Protocols.Registrable {
  static final int PORT = 137;
  private static final int HEADER = 12;
  static final int T_NB = 32;
  static final int T_NBSTAT = 33;

  private static final Map<Long, String> OPCODES = ValueNames.parse(
      "0=Name query|5=Registration|6=Release|7=Wait for acknowledgment|8=Refresh|9=Refresh (alternate opcode)|"
          + "15=Multi-homed registration");
  private static final Map<Long, String> RCODES = ValueNames.parse(
      "0=No error|1=Request was invalidly formatted|2=Server failure|3=Requested name does not exist|"
          + "4=Request is not implemented|5=Request was refused|6=Name is owned by another node|7=Name is in conflict");
  private static final Map<Long, String> TYPES = ValueNames.parse("1=A|2=NS|10=NULL|32=NB|33=NBSTAT");
  private static final Map<Long, String> CLASSES = ValueNames.parse("1=IN");
  private static final Map<Long, String> ONT = ValueNames.parse("0=B-node|1=P-node|2=M-node|3=H-node");
  /** Wireshark's descriptions of the 16th byte of a NetBIOS name. */
  static final Map<Long, String> NAME_TYPES = ValueNames.parse(
      "0x00=Workstation/Redirector|0x01=Browser|0x02=Workstation/Redirector|0x03=Messenger service/Main name|"
          + "0x05=Forwarded name|0x06=RAS Server service|0x1b=Domain Master Browser|0x1c=Domain Controllers|"
          + "0x1d=Local Master Browser|0x1e=Browser Election Service|0x1f=Net DDE Service|0x20=Server service|"
          + "0x21=RAS client service|0x22=Exchange Interchange (MSMail Connector)|0x23=Exchange Store|"
          + "0x24=Exchange Directory|0x2b=Lotus Notes Server service|0x30=Modem sharing server service|"
          + "0x31=Modem sharing client service|0x43=SMS Clients Remote Control|"
          + "0x44=SMS Administrators Remote Control Tool|0x45=SMS Clients Remote Chat|"
          + "0x46=SMS Clients Remote Transfer|0x4c=DEC Pathworks TCP/IP Service on Windows NT|"
          + "0x52=DEC Pathworks TCP/IP Service on Windows NT|0x6a=Microsoft Exchange IMC|"
          + "0x87=Microsoft Exchange MTA|0xbe=Network Monitor Agent|0xbf=Network Monitor Analyzer");

  public static final Field ID = Field.u16("nbns.id", "Transaction ID").hex();
  public static final Field FLAGS = Field.u16("nbns.flags", "Flags").hex();
  public static final Field F_RESPONSE = Field.bool("nbns.flags.response", "Response").mask(0x8000, 16)
      .states("Message is a response", "Message is a query");
  public static final Field F_OPCODE = Field.u16("nbns.flags.opcode", "Opcode").mask(0x7800, 16).labels(OPCODES);
  public static final Field F_AUTHORITATIVE = Field.bool("nbns.flags.authoritative", "Authoritative")
      .mask(0x0400, 16).states("Server is an authority for domain", "Server is not an authority for domain");
  public static final Field F_TRUNCATED = Field.bool("nbns.flags.truncated", "Truncated").mask(0x0200, 16)
      .states("Message is truncated", "Message is not truncated");
  public static final Field F_RECDESIRED = Field.bool("nbns.flags.recdesired", "Recursion desired").mask(0x0100, 16)
      .states("Do query recursively", "Don't do query recursively");
  public static final Field F_RECAVAIL = Field.bool("nbns.flags.recavail", "Recursion available").mask(0x0080, 16)
      .states("Server can do recursive queries", "Server can't do recursive queries");
  public static final Field F_BROADCAST = Field.bool("nbns.flags.broadcast", "Broadcast").mask(0x0010, 16)
      .states("Broadcast packet", "Not a broadcast packet");
  public static final Field F_RCODE = Field.u16("nbns.flags.rcode", "Reply code").mask(0x000f, 16).labels(RCODES);
  public static final Field QUERIES = Field.u16("nbns.count.queries", "Questions");
  public static final Field ANSWERS = Field.u16("nbns.count.answers", "Answer RRs");
  public static final Field AUTH_RR = Field.u16("nbns.count.auth_rr", "Authority RRs");
  public static final Field ADD_RR = Field.u16("nbns.count.add_rr", "Additional RRs");
  public static final Field NAME = Field.string("nbns.name", "Name");
  public static final Field TYPE = Field.u16("nbns.type", "Type").labels(TYPES);
  public static final Field CLASS = Field.u16("nbns.class", "Class").labels(CLASSES);
  public static final Field TTL = Field.u32("nbns.ttl", "Time to live");
  public static final Field DATA_LENGTH = Field.u16("nbns.data_length", "Data length");
  public static final Field NB_FLAGS = Field.u16("nbns.nb_flags", "Name flags").hex();
  public static final Field NB_GROUP = Field.bool("nbns.nb_flags.group", "Name type").mask(0x8000, 16)
      .states("Group name", "Unique name");
  public static final Field NB_ONT = Field.u16("nbns.nb_flags.ont", "ONT").mask(0x6000, 16).labels(ONT);
  public static final Field ADDR = Field.ipv4("nbns.addr", "Addr");
  public static final Field NUMBER_OF_NAMES = Field.u8("nbns.number_of_names", "Number of names");
  public static final Field NETBIOS_NAME = Field.string("nbns.netbios_name", "Name");
  public static final Field NAME_FLAGS = Field.u16("nbns.name_flags", "Name flags").hex();
  public static final Field NAME_GROUP = Field.bool("nbns.name_flags.group", "Name type").mask(0x8000, 16)
      .states("Group name", "Unique name");
  public static final Field NAME_ONT = Field.u16("nbns.name_flags.ont", "ONT").mask(0x6000, 16).labels(ONT);
  public static final Field NAME_DRG = Field.bool("nbns.name_flags.drg", "Name is being deregistered")
      .mask(0x1000, 16).states("Yes", "No");
  public static final Field NAME_CNF = Field.bool("nbns.name_flags.cnf", "Name is in conflict").mask(0x0800, 16)
      .states("Yes", "No");
  public static final Field NAME_ACT = Field.bool("nbns.name_flags.act", "Name is active").mask(0x0400, 16)
      .states("Yes", "No");
  public static final Field NAME_PRM = Field.bool("nbns.name_flags.prm", "Permanent node name").mask(0x0200, 16)
      .states("Yes", "No");
  public static final Field UNIT_ID = Field.ether("nbns.unit_id", "Unit ID");
  public static final Field JUMPERS = Field.u8("nbns.jumpers", "Jumpers").hex();
  public static final Field TEST_RESULT = Field.u8("nbns.test_result", "Test result").hex();
  public static final Field VERSION_NUMBER = Field.u16("nbns.version_number", "Version number").hex();
  public static final Field PERIOD = Field.u16("nbns.period_of_statistics", "Period of statistics").hex();
  /** The NBSTAT statistics after the period, in order, with their widths. */
  private static final Field[] STATS = {
      Field.u16("nbns.num_crcs", "Number of CRCs"),
      Field.u16("nbns.num_alignment_errors", "Number of alignment errors"),
      Field.u16("nbns.num_collisions", "Number of collisions"),
      Field.u16("nbns.num_send_aborts", "Number of send aborts"),
      Field.u32("nbns.num_good_sends", "Number of good sends"),
      Field.u32("nbns.num_good_receives", "Number of good receives"),
      Field.u16("nbns.numretransmits", "Number of retransmits"),
      Field.u16("nbns.num_no_resource_conditions", "Number of no resource conditions"),
      Field.u16("nbns.numcommand_blocks", "Number of command blocks"),
      Field.u16("nbns.numpending_sessions", "Number of pending sessions"),
      Field.u16("nbns.max_num_pending_sessions", "Max number of pending sessions"),
      Field.u16("nbns.max_total_sessions_possible", "Max total sessions possible"),
      Field.u16("nbns.session_data_packet_size", "Session data packet size")};
  public static final Field DATA = Field.bytes("nbns.data", "Data");

  public NbnsDissector() {
    super("nbns", "NetBIOS Name Service", "NBNS");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, PORT, this);
  }

  @Override
  public java.util.List<Field> declaredFields() {
    java.util.List<Field> out = super.declaredFields();
    out.addAll(java.util.List.of(STATS));
    return out;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    if (d.length(layer) < HEADER) {
      Truncation.report(d, layer, d.start(layer), HEADER);
    }
    return null;
  }

  // ---- NetBIOS names ----

  /** A decoded name and the bytes it takes where it stands (a pointer counts 2). */
  record Name(String text, int type, int length) {
    /** The text with the type's description, as tshark shows a name in a tree line. */
    String described() {
      return type < 0 ? text : text + " (" + NAME_TYPES.getOrDefault((long) type, "Unknown") + ")";
    }
  }

  /**
   * The 15 bytes of a NetBIOS name at {@code at} as tshark prints them: printable ASCII as is,
   * other bytes as {@code <xx>}, trailing spaces dropped.
   */
  static String printable(byte[] b, int at) {
    StringBuilder sb = new StringBuilder(20);
    for (int i = 0; i < 15; i++) {
      int c = b[at + i] & 0xff;
      if (c >= ' ' && c <= '~') {
        sb.append((char) c);
      } else {
        sb.append('<').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16)).append('>');
      }
    }
    int end = sb.length();
    while (end > 0 && sb.charAt(end - 1) == ' ') {
      end--;
    }
    sb.setLength(end);
    return sb.toString();
  }

  /**
   * The encoded name at absolute {@code at}, DNS-style labels with compression pointers relative
   * to {@code msg}, read no further than {@code end}: "NAME&lt;xx&gt;" then ".scope" when the first
   * label is a valid first-level encoding, else the labels as they stand.
   */
  static Name name(byte[] b, int msg, int at, int end) {
    StringBuilder labels = new StringBuilder();
    int p = at;
    int length = -1;
    for (int hops = 0; p < end && hops < 64; hops++) {
      int n = b[p] & 0xff;
      if (n == 0) {
        p++;
        break;
      }
      if ((n & 0xc0) == 0xc0) {
        if (p + 1 >= end) {
          p = end;
          break;
        }
        if (length < 0) {
          length = p + 2 - at;
        }
        p = msg + ((n & 0x3f) << 8 | (b[p + 1] & 0xff));
        continue;
      }
      if (labels.length() > 0) {
        labels.append('.');
      }
      for (int i = 1; i <= n && p + i < end; i++) {
        labels.append((char) (b[p + i] & 0xff));
      }
      p += 1 + n;
    }
    if (length < 0) {
      length = Math.min(p, end) - at;
    }
    String s = labels.toString();
    int dot = s.indexOf('.');
    String first = dot < 0 ? s : s.substring(0, dot);
    if (first.length() != 32) {
      return new Name(first.length() % 2 != 0 ? "Illegal NetBIOS name (odd number of bytes)" : s, -1, length);
    }
    byte[] raw = new byte[16];
    for (int i = 0; i < 16; i++) {
      int hi = first.charAt(2 * i) - 'A';
      int lo = first.charAt(2 * i + 1) - 'A';
      if (hi < 0 || hi > 25 || lo < 0 || lo > 25) {
        return new Name("Illegal NetBIOS name (character not between A and Z in first-level encoding)", -1, length);
      }
      raw[i] = (byte) (hi << 4 | lo);
    }
    int type = raw[15] & 0xff;
    String text = printable(raw, 0) + String.format("<%02x>", type) + (dot < 0 ? "" : s.substring(dot));
    return new Name(text, type, length);
  }

  private static Name name(Tree t, int rel) {
    return name(t.data(), t.start(), t.start() + rel, t.start() + t.length());
  }

  // ---- fields ----

  @Override
  public void fields(Tree t) {
    int flags = t.u16(2);
    boolean response = (flags & 0x8000) != 0;
    int opcode = (flags >> 11) & 0xf;
    t.uint(ID, 0, 2);
    t.uint(FLAGS, 2, 2);
    t.enter();
    t.uint(F_RESPONSE, 2, 2);
    t.uint(F_OPCODE, 2, 2);
    if (response) {
      t.uint(F_AUTHORITATIVE, 2, 2);
    }
    t.uint(F_TRUNCATED, 2, 2);
    t.uint(F_RECDESIRED, 2, 2);
    if (response) {
      t.uint(F_RECAVAIL, 2, 2);
    }
    t.uint(F_BROADCAST, 2, 2);
    if (response && opcode != 7) {
      t.uint(F_RCODE, 2, 2);
    }
    t.exit();
    int[] counts = {t.u16(4), t.u16(6), t.u16(8), t.u16(10)};
    t.uint(QUERIES, 4, 2);
    t.uint(ANSWERS, 6, 2);
    t.uint(AUTH_RR, 8, 2);
    t.uint(ADD_RR, 10, 2);
    int at = HEADER;
    if (counts[0] > 0 && t.has(at, 1)) {
      int start = at;
      t.text(at, 0, "Queries");
      t.enter();
      for (int i = 0; i < counts[0] && t.has(at, 1); i++) {
        Name n = name(t, at);
        int type = t.u16(at + n.length());
        t.text(at, n.length() + 4, n.text() + ": type " + TYPES.getOrDefault((long) type, "unknown") + ", class "
            + CLASSES.getOrDefault((long) t.u16(at + n.length() + 2), "unknown"));
        t.enter();
        t.object(NAME, at, n.length(), n.text());
        t.uint(TYPE, at + n.length(), 2);
        t.uint(CLASS, at + n.length() + 2, 2);
        t.exit();
        at += n.length() + 4;
      }
      t.exit();
      if (at < start) {
        return;
      }
    }
    String[] sections = {"Answers", "Authoritative nameservers", "Additional records"};
    for (int k = 0; k < 3; k++) {
      if (counts[k + 1] == 0 || !t.has(at, 1)) {
        continue;
      }
      t.text(at, 0, sections[k]);
      t.enter();
      for (int i = 0; i < counts[k + 1] && t.has(at, 1); i++) {
        at = record(t, at, opcode);
      }
      t.exit();
    }
  }

  /** One resource record at {@code at}; returns where the next one starts. */
  private static int record(Tree t, int at, int opcode) {
    Name n = name(t, at);
    int p = at + n.length();
    int type = t.u16(p);
    int dataLen = t.u16(p + 8);
    t.text(at, n.length() + 10 + dataLen, n.text() + ": type " + TYPES.getOrDefault((long) type, "unknown")
        + ", class " + CLASSES.getOrDefault((long) t.u16(p + 2), "unknown"));
    t.enter();
    t.object(NAME, at, n.length(), type == T_NB ? n.described() : n.text());
    t.uint(TYPE, p, 2);
    t.uint(CLASS, p + 2, 2);
    t.uint(TTL, p + 4, 4);
    t.uint(DATA_LENGTH, p + 8, 2);
    int d = p + 10;
    int end = d + dataLen;
    if (type == T_NB) {
      while (d + 6 <= end && t.has(d, 6) && opcode != 7) {
        t.uint(NB_FLAGS, d, 2);
        t.enter();
        t.uint(NB_GROUP, d, 2);
        t.uint(NB_ONT, d, 2);
        t.exit();
        t.bytes(ADDR, d + 2, 4);
        d += 6;
      }
    } else if (type == T_NBSTAT && dataLen >= 1) {
      int names = (int) t.uint(NUMBER_OF_NAMES, d, 1);
      d++;
      for (int i = 0; i < names && d + 18 <= end && t.has(d, 18); i++) {
        String text = printable(t.data(), t.start() + d);
        t.object(NETBIOS_NAME, d, 16, text);
        t.uint(NAME_FLAGS, d + 16, 2);
        t.enter();
        for (Field f : new Field[] {NAME_GROUP, NAME_ONT, NAME_DRG, NAME_CNF, NAME_ACT, NAME_PRM}) {
          t.uint(f, d + 16, 2);
        }
        t.exit();
        d += 18;
      }
      if (d + 6 <= end) {
        t.bytes(UNIT_ID, d, 6);
        d += 6;
        int[] widths = {1, 1, 2, 2};
        Field[] head = {JUMPERS, TEST_RESULT, VERSION_NUMBER, PERIOD};
        for (int i = 0; i < head.length && d + widths[i] <= end; i++) {
          t.uint(head[i], d, widths[i]);
          d += widths[i];
        }
        for (Field f : STATS) {
          int w = f.type() == io.netsift.core.field.FieldType.UINT32 ? 4 : 2;
          if (d + w > end) {
            break;
          }
          t.uint(f, d, w);
          d += w;
        }
      }
    } else if (dataLen > 0) {
      t.bytes(DATA, d, dataLen);
    }
    t.exit();
    return end;
  }

  // ---- columns ----

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (!t.has(0, HEADER)) {
      return;
    }
    int flags = t.u16(2);
    boolean response = (flags & 0x8000) != 0;
    int opcode = (flags >> 11) & 0xf;
    StringBuilder info = new StringBuilder(OPCODES.getOrDefault((long) opcode, "Unknown operation (" + opcode + ")"));
    if (response) {
      info.append(" response");
      if ((flags & 0xf) != 0 && opcode != 7) {
        info.append(", ").append(RCODES.getOrDefault((long) (flags & 0xf), "Unknown error"));
      }
    }
    int at = HEADER;
    int questions = t.u16(4);
    for (int i = 0; i < questions && t.has(at, 1); i++) {
      Name n = name(t, at);
      if (!response) {
        info.append(' ').append(TYPES.getOrDefault((long) t.u16(at + n.length()), "unknown")).append(' ')
            .append(n.text());
      }
      at += n.length() + 4;
    }
    int answers = t.u16(6);
    for (int i = 0; i < answers && response && t.has(at, 1); i++) {
      Name n = name(t, at);
      int p = at + n.length();
      int type = t.u16(p);
      String typeName = TYPES.getOrDefault((long) type, "unknown");
      if (type == T_NB) {
        if (opcode != 7) {
          byte[] b = t.data();
          int a = t.start() + p + 12;
          info.append(' ').append(typeName).append(' ').append(t.has(p + 12, 4)
              ? (b[a] & 0xff) + "." + (b[a + 1] & 0xff) + "." + (b[a + 2] & 0xff) + "." + (b[a + 3] & 0xff) : "");
        }
      } else {
        info.append(' ').append(typeName);
      }
      at = p + 10 + t.u16(p + 8);
    }
    c.setInfo(info.toString());
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The MySQL client/server protocol on TCP port 3306, as tshark 4.0 shows it. Every packet is
 *
 * <pre>
 * uint24le  packet length   (what follows the 4-byte header)
 * uint8     packet number   (sequence id, 0 at each command)
 * byte[len] payload
 * </pre>
 *
 * What a payload is depends on the conversation's state, which tshark tracks as the packets go
 * by: the server's packet 0 before anything else is the greeting, the client's packet 1 after it
 * the login request; after that the client sends commands (COM_QUERY...) and the server answers
 * with OK / ERR / EOF packets, a result set (column count, column definitions, intermediate EOF,
 * rows, final EOF) after a query, or column definitions with a default value after SHOW FIELDS
 * (COM_FIELD_LIST). Packets of one segment share one {@code mysql} layer (tshark's
 * frame.protocols lists the protocol once), the Info column tells the first of them.
 */
public final class MysqlDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  public static final int PORT = 3306;
  private static final int HEADER = 4;

  private static final Map<Long, String> COMMANDS = ValueNames.parse("0=Sleep|1=Quit|2=Use Database|3=Query"
      + "|4=Show Fields|5=Create Database|6=Drop Database|7=Refresh|8=Shutdown|9=Statistics|10=Process List"
      + "|11=Connect|12=Kill Server Thread|13=Dump Debug Info|14=Ping|15=Time|16=Insert Delayed|17=Change User"
      + "|18=Send Binlog|19=Send Table|20=Slave Connect|21=Register Slave|22=Prepare Statement"
      + "|23=Execute Statement|24=Send BLOB|25=Close Statement|26=Reset Statement|27=Set Option"
      + "|28=Fetch Data|29=Daemon|30=Binlog Dump GTID|31=Reset Connection");
  private static final Map<Long, String> CHARSETS = ValueNames.parse("1=big5 COLLATE big5_chinese_ci"
      + "|8=latin1 COLLATE latin1_swedish_ci|28=gbk COLLATE gbk_chinese_ci|33=utf8 COLLATE utf8_general_ci"
      + "|45=utf8mb4 COLLATE utf8mb4_general_ci|46=utf8mb4 COLLATE utf8mb4_bin|47=latin1 COLLATE latin1_bin"
      + "|63=binary COLLATE binary|83=utf8 COLLATE utf8_bin|224=utf8mb4 COLLATE utf8mb4_unicode_ci"
      + "|255=utf8mb4 COLLATE utf8mb4_0900_ai_ci");
  private static final Map<Long, String> FIELD_TYPES = ValueNames.parse("0=FIELD_TYPE_DECIMAL|1=FIELD_TYPE_TINY"
      + "|2=FIELD_TYPE_SHORT|3=FIELD_TYPE_LONG|4=FIELD_TYPE_FLOAT|5=FIELD_TYPE_DOUBLE|6=FIELD_TYPE_NULL"
      + "|7=FIELD_TYPE_TIMESTAMP|8=FIELD_TYPE_LONGLONG|9=FIELD_TYPE_INT24|10=FIELD_TYPE_DATE|11=FIELD_TYPE_TIME"
      + "|12=FIELD_TYPE_DATETIME|13=FIELD_TYPE_YEAR|14=FIELD_TYPE_NEWDATE|15=FIELD_TYPE_VARCHAR"
      + "|16=FIELD_TYPE_BIT|245=FIELD_TYPE_JSON|246=FIELD_TYPE_NEWDECIMAL|247=FIELD_TYPE_ENUM|248=FIELD_TYPE_SET"
      + "|249=FIELD_TYPE_TINY_BLOB|250=FIELD_TYPE_MEDIUM_BLOB|251=FIELD_TYPE_LONG_BLOB|252=FIELD_TYPE_BLOB"
      + "|253=FIELD_TYPE_VAR_STRING|254=FIELD_TYPE_STRING|255=FIELD_TYPE_GEOMETRY");
  private static final Map<Long, String> RESPONSE_CODES = ValueNames.parse(
      "0=OK Packet|254=EOF Packet|255=ERR Packet");

  public static final Field PACKET_LENGTH = Field.u24("mysql.packet_length", "Packet Length");
  public static final Field PACKET_NUMBER = Field.u8("mysql.packet_number", "Packet Number");
  public static final Field REQUEST = Field.none("mysql.request", "Request Command");
  public static final Field COMMAND = Field.u8("mysql.command", "Command").labels(COMMANDS);
  public static final Field RESPONSE_CODE = Field.u8("mysql.response_code", "Response Code").hex()
      .labels(RESPONSE_CODES);
  public static final Field ERROR_CODE = Field.u16("mysql.error_code", "Error Code");
  public static final Field ERROR_MESSAGE = Field.string("mysql.error.message", "Error message");
  public static final Field SQLSTATE = Field.string("mysql.sqlstate", "SQL state");
  public static final Field MESSAGE = Field.string("mysql.message", "Message");
  public static final Field SERVER_GREETING = Field.none("mysql.server_greeting", "Server Greeting");
  public static final Field PROTOCOL = Field.u8("mysql.protocol", "Protocol");
  public static final Field VERSION = Field.string("mysql.version", "Version");
  public static final Field THREAD_ID = Field.u32("mysql.thread_id", "Thread ID");
  public static final Field SALT = Field.string("mysql.salt", "Salt");
  public static final Field SALT2 = Field.string("mysql.salt2", "Salt");
  public static final Field CAPS_SERVER = Field.u16("mysql.caps.server", "Server Capabilities").hex();
  public static final Field CAPS_CLIENT = Field.u16("mysql.caps.client", "Client Capabilities").hex();
  public static final Field EXTCAPS_SERVER = Field.u16("mysql.extcaps.server", "Extended Server Capabilities").hex();
  public static final Field EXTCAPS_CLIENT = Field.u16("mysql.extcaps.client", "Extended Client Capabilities").hex();
  /**
   * tshark 4.0 files the greeting's language and the login's charset under MariaDB's names when
   * the server's greeting clears CLIENT_MYSQL (Long Password), as MariaDB servers do, else under MySQL's.
   */
  public static final Field SERVER_LANGUAGE = Field.u8("mariadb.server_language", "Server Language").labels(CHARSETS);
  public static final Field MYSQL_SERVER_LANGUAGE = Field.u8("mysql.server_language", "Server Language")
      .labels(CHARSETS);
  public static final Field SERVER_STATUS = Field.u16("mysql.server_status", "Server Status").hex();
  public static final Field AUTH_PLUGIN_LENGTH = Field.u8("mysql.auth_plugin.length", "Authentication Plugin Length");
  public static final Field UNUSED = Field.bytes("mysql.unused", "Unused");
  public static final Field LOGIN_REQUEST = Field.none("mysql.login_request", "Login Request");
  public static final Field MAX_PACKET = Field.u32("mysql.max_packet", "MAX Packet");
  public static final Field CHARSET = Field.u8("mariadb.charset", "Charset").labels(CHARSETS);
  public static final Field MYSQL_CHARSET = Field.u8("mysql.charset", "Charset").labels(CHARSETS);
  public static final Field MARIADB_EXTCAPS_SERVER = Field.u32("mariadb.extcaps.server",
      "MariaDB Extended Server Capabilities").hex();
  public static final Field USER = Field.string("mysql.user", "Username");
  public static final Field PASSWD = Field.bytes("mysql.passwd", "Password");
  public static final Field SCHEMA = Field.string("mysql.schema", "Schema");
  public static final Field TABLE_NAME = Field.string("mysql.table_name", "Table Name");
  public static final Field QUERY = Field.string("mysql.query", "Statement");
  public static final Field AFFECTED_ROWS = Field.u64("mysql.affected_rows", "Affected Rows");
  public static final Field INSERT_ID = Field.u64("mysql.insert_id", "Last INSERT ID");
  public static final Field WARNINGS = Field.u16("mysql.warnings", "Warnings");
  public static final Field EOF = Field.u8("mysql.eof", "EOF marker");
  public static final Field NUM_FIELDS = Field.u64("mysql.num_fields", "Number of fields");
  public static final Field FIELD_CATALOG = Field.string("mysql.field.catalog", "Catalog");
  public static final Field FIELD_DB = Field.string("mysql.field.db", "Database");
  public static final Field FIELD_TABLE = Field.string("mysql.field.table", "Table");
  public static final Field FIELD_ORG_TABLE = Field.string("mysql.field.org_table", "Original table");
  public static final Field FIELD_NAME = Field.string("mysql.field.name", "Name");
  public static final Field FIELD_ORG_NAME = Field.string("mysql.field.org_name", "Original name");
  public static final Field FIELD_CHARSETNR = Field.u16("mysql.field.charsetnr", "Charset number").labels(CHARSETS);
  public static final Field FIELD_LENGTH = Field.u32("mysql.field.length", "Length");
  public static final Field FIELD_TYPE = Field.u8("mysql.field.type", "Type").labels(FIELD_TYPES);
  public static final Field FIELD_FLAGS = Field.u16("mysql.field.flags", "Flags").hex();
  public static final Field FIELD_DECIMALS = Field.u8("mysql.field.decimals", "Decimals");
  public static final Field FIELD_DEFAULT = Field.string("mysql.field.default", "Default");
  public static final Field ROW_TEXT = Field.string("mysql.row.text", "text");
  /** A length-encoded integer's first byte and value (tshark 4.0 registers them under mariadb). */
  public static final Field PREFIX = Field.u8("mariadb.prefix", "Prefix");
  public static final Field LENGTH = Field.u64("mariadb.length", "Length");
  private static final Field[] CAPS = flags(16, "mysql.caps.lp=Long Password|mysql.caps.fr=Found Rows"
      + "|mysql.caps.lf=Long Column Flags|mysql.caps.cd=Connect With Database"
      + "|mysql.caps.ns=Don't Allow database.table.column|mysql.caps.cp=Can use compression protocol"
      + "|mysql.caps.ob=ODBC Client|mysql.caps.li=Can Use LOAD DATA LOCAL|mysql.caps.is=Ignore Spaces before '('"
      + "|mysql.caps.cu=Speaks 4.1 protocol (new flag)|mysql.caps.ia=Interactive Client"
      + "|mysql.caps.sl=Switch to SSL after handshake|mysql.caps.ii=Ignore sigpipes"
      + "|mysql.caps.ta=Knows about transactions|mysql.caps.rs=Speaks 4.1 protocol (old flag)"
      + "|mysql.caps.sc=Can do 4.1 authentication");
  /** tshark 4.0 names two of these bits mysql.caps.pm; the last two bits are one number. */
  private static final Field[] EXTCAPS = flags(16, "mysql.caps.ms=Multiple statements|mysql.caps.mr=Multiple results"
      + "|mysql.caps.pm=PS Multiple results|mysql.caps.pa=Plugin Auth|mysql.caps.ca=Connect attrs"
      + "|mysql.caps.pm=Plugin Auth LENENC Client Data|mysql.caps.ep=Client can handle expired passwords"
      + "|mysql.caps.session_track=Session variable tracking|mysql.caps.deprecate_eof=Deprecate EOF"
      + "|mysql.caps.optional_metadata=Client can hanle optional resultset metadata"
      + "|mysql.caps.compress_zsd=ZSTD Compression Algorithm|mysql.caps.query_attrs=Query Attributes"
      + "|mysql.caps.mf_auth=Multifactor Authentication|mysql.caps.cap_ext=Capability Extension");
  public static final Field CAPS_UNUSED = Field.u16("mysql.caps.unused", "Unused").hex().mask(0xc000, 16);
  private static final Field[] STATUS = flags(16, "mysql.stat.it=In transaction|mysql.stat.ac=AUTO_COMMIT"
      + "|mysql.stat.mu=Multi query / Unused|mysql.stat.mr=More results|mysql.stat.bi=Bad index used"
      + "|mysql.stat.ni=No index used|mysql.stat.cr=Cursor exists|mysql.stat.lr=Last row sent"
      + "|mysql.stat.dr=Database dropped|mysql.stat.bs=No backslash escapes|mysql.stat.mc=Metadata changed"
      + "|mysql.stat.query_was_slow=Query was slow|mysql.stat.ps_out_params=PS Out Params"
      + "|mysql.stat.trans_readonly=In Trans Readonly|mysql.stat.session_state_changed=Session state changed");
  /** Bit 0x80 (binary) has no item in tshark 4.0. */
  private static final Field[] FIELD_FLAG_BITS = flags(16, "mysql.field.flags.not_null=Not null"
      + "|mysql.field.flags.primary_key=Primary key|mysql.field.flags.unique_key=Unique key"
      + "|mysql.field.flags.multiple_key=Multiple key|mysql.field.flags.blob=Blob|mysql.field.flags.unsigned=Unsigned"
      + "|mysql.field.flags.zero_fill=Zero fill|-|mysql.field.flags.enum=Enum"
      + "|mysql.field.flags.auto_increment=Auto increment|mysql.field.flags.timestamp=Timestamp"
      + "|mysql.field.flags.set=Set");
  private static final Field[] MARIADB_CAPS = flags(32, "mariadb.caps.pr=Progress indication"
      + "|mariadb.caps.cm=Multi commands|mariadb.caps.bo=Bulk Operations|mariadb.caps.em=Extended metadata"
      + "|mariadb.caps.me=Cache metadata");
  private static final Field[] COLUMN_STRINGS = {FIELD_CATALOG, FIELD_DB, FIELD_TABLE, FIELD_ORG_TABLE, FIELD_NAME,
      FIELD_ORG_NAME};

  /**
   * tshark's note on bytes it leaves undecoded; on a SHOW FIELDS column it is raised only
   * without a tree (the Default value is read only into a tree), see {@link Expert#onlyWithoutTree}.
   */
  public static final Expert UNDECODED = new Expert("mysql.undecoded", Expert.Severity.WARNING, "Undecoded",
      "FIXME - dissector is incomplete");
  private static final Expert UNDECODED_WITHOUT_TREE = UNDECODED.onlyWithoutTree();

  // PDU kinds.
  private static final int GREETING = 1;
  private static final int LOGIN = 2;
  private static final int COMMAND_PDU = 3;
  private static final int OK = 4;
  private static final int ERR = 5;
  private static final int EOF_FINAL = 6;
  private static final int EOF_INTERMEDIATE = 7;
  private static final int COLUMN_COUNT = 8;
  private static final int COLUMN = 9;
  private static final int ROW = 10;
  private static final int SHOW_FIELD = 11;
  private static final int OTHER = 12;
  /** A login request cut after its fixed part with the SSL capability: TLS follows. */
  private static final int SSL_REQUEST = 13;

  // Conversation states.
  private static final int UNDEFINED = 0;
  private static final int AWAIT_LOGIN = 1;
  private static final int REQUEST_STATE = 2;
  private static final int RESPONSE_OK = 3;
  private static final int RESPONSE_TABULAR = 4;
  private static final int FIELD_PACKET = 5;
  private static final int ROW_PACKET = 6;
  private static final int RESPONSE_SHOWFIELDS = 7;

  public MysqlDissector() {
    super("mysql", "MySQL Protocol", "MySQL");
  }

  /** One flag per bit from the lowest, "name=label" separated by '|' ("-" skips a bit). */
  private static Field[] flags(int bits, String spec) {
    String[] parts = spec.split("\\|");
    List<Field> out = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      if (!parts[i].equals("-")) {
        int eq = parts[i].indexOf('=');
        out.add(Field.bool(parts[i].substring(0, eq), parts[i].substring(eq + 1)).mask(1L << i, bits)
            .states("Set", "Not set"));
      }
    }
    return out.toArray(new Field[0]);
  }

  /** The bit fields held in tables, besides the constants. */
  @Override
  public List<Field> declaredFields() {
    List<Field> out = super.declaredFields();
    for (Field[] group : new Field[][] {CAPS, EXTCAPS, STATUS, FIELD_FLAG_BITS, MARIADB_CAPS}) {
      for (Field f : group) {
        out.add(f);
      }
    }
    return out;
  }

  /** A little-endian bit set and its bits below it. */
  private static void bitset(Tree t, Field f, int at, int len, Field[] bits) {
    t.uintle(f, at, len);
    t.enter();
    for (Field b : bits) {
      t.uintle(b, at, len);
    }
    t.exit();
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, PORT, this);
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    if (avail < 3) {
      return MORE;
    }
    int length = (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16;
    return HEADER + length;
  }

  @Override
  public boolean splitPdus() {
    return false;
  }

  private static final class Session {
    int state = UNDEFINED;
    boolean connectWithDb;
    long remainingColumns;
    /** Whether the server's greeting cleared CLIENT_MYSQL: tshark then uses MariaDB's field names. */
    boolean mariadb;
  }

  /** The kinds of the packets of one layer, in order, and the conversation's server flavour then. */
  private record Layout(boolean response, int[] kinds, boolean mariadb) {}

  private Session session(Dissection d, int transport) {
    return PerStream.ofTcp(d, this, transport, Session::new);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int e = d.end(layer);
    d.payload(e, e);
    int transport = Transport.find(d, layer);
    boolean response = transport >= 0 && Transport.srcPort(d, transport) == PORT;
    Session session = session(d, transport);
    byte[] b = d.data();
    List<Integer> kinds = new ArrayList<>();
    for (int at = s; at + HEADER <= e; ) {
      int len = (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16;
      int number = b[at + 3] & 0xff;
      int p = at + HEADER;
      int end = Math.min(e, p + len);
      int first = p < end ? b[p] & 0xff : -1;
      int kind = response ? responseKind(session, number, first, len, b, p, end) : requestKind(session, number, first);
      if (kind == GREETING) {
        session.mariadb = (greetingCaps(b, p, end) & 1) == 0;
      }
      if (kind == LOGIN && len <= 32 && end - p >= 2 && (b[p + 1] & 0x08) != 0) {
        // The client asks for TLS (CLIENT_SSL) before its credentials: the stream speaks TLS next.
        kind = SSL_REQUEST;
        Dissector tls = d.protocols() == null ? null : d.protocols().byName("tls");
        int ip = Transport.ip(d, transport);
        if (tls != null && ip >= 0) {
          d.expect(Protocols.Table.TCP_PORT, Transport.srcAddress(d, ip), Transport.srcPort(d, transport), tls);
        }
      }
      kinds.add(kind);
      if (end >= e) {
        break;
      }
      at = end;
    }
    int[] k = new int[kinds.size()];
    for (int i = 0; i < k.length; i++) {
      k[i] = kinds.get(i);
    }
    d.attach(layer, new Layout(response, k, session.mariadb));
    return null;
  }

  /** The server capabilities of the greeting {@code [p, end)} (after its two NUL-ended strings), or 0. */
  private static int greetingCaps(byte[] b, int p, int end) {
    int q = p + 1;
    for (int strings = 0; strings < 2 && q < end; strings++) {
      while (q < end && b[q] != 0) {
        q++;
      }
      q += strings == 0 ? 5 : 1; // the version's NUL and the thread id; the salt's NUL
    }
    return q + 2 <= end ? Bytes.u16le(b, q) : 0;
  }

  private static int requestKind(Session s, int number, int command) {
    if (s.state == AWAIT_LOGIN && number == 1) {
      s.state = RESPONSE_OK;
      return LOGIN;
    }
    switch (command) {
      case 3: // Query
        s.state = RESPONSE_TABULAR;
        break;
      case 4: // Show Fields
        s.state = RESPONSE_SHOWFIELDS;
        break;
      default:
        s.state = RESPONSE_OK;
    }
    return COMMAND_PDU;
  }

  private static int responseKind(Session s, int number, int code, int len, byte[] b, int p, int end) {
    if (s.state == UNDEFINED && number == 0) {
      s.state = AWAIT_LOGIN;
      return GREETING;
    }
    if (code == 0xff) {
      s.state = REQUEST_STATE;
      return ERR;
    }
    if (code == 0xfe && len < 9) {
      if (s.state == FIELD_PACKET) {
        s.state = ROW_PACKET;
        return EOF_INTERMEDIATE;
      }
      s.state = REQUEST_STATE;
      return EOF_FINAL;
    }
    if (code == 0x00 && s.state != ROW_PACKET && s.state != FIELD_PACKET && s.state != RESPONSE_SHOWFIELDS) {
      s.state = REQUEST_STATE;
      return OK;
    }
    switch (s.state) {
      case RESPONSE_TABULAR:
        s.state = FIELD_PACKET;
        return COLUMN_COUNT;
      case FIELD_PACKET:
        return COLUMN;
      case ROW_PACKET:
        return ROW;
      case RESPONSE_SHOWFIELDS:
        return SHOW_FIELD;
      default:
        return OTHER;
    }
  }

  // ---------------------------------------------------------------- walkers

  /** Several PDUs in one layer show as protocol items of their own. */
  @Override
  public boolean severalProtocolItems() {
    return true;
  }

  @Override
  public void fields(Tree t) {
    Layout l = (Layout) t.attachment();
    if (l == null) {
      return;
    }
    int at = 0;
    for (int i = 0; i < l.kinds.length && at + HEADER <= t.length(); i++) {
      int len = t.u8(at) | t.u8(at + 1) << 8 | t.u8(at + 2) << 16;
      int end = Math.min(t.length(), at + HEADER + len);
      if (i > 0) {
        // tshark shows each packet as a protocol item of its own, under one frame.protocols entry
        t.nextProtocolItem(protocolField(), at, end - at, itemText(l.kinds[i]));
      }
      t.uintle(PACKET_LENGTH, at, 3);
      t.uint(PACKET_NUMBER, at + 3, 1);
      packet(t, l.kinds[i], at + HEADER, end, l.mariadb);
      at = end;
    }
  }

  /** "MySQL Protocol - response OK" and the like, or the protocol's name. */
  @Override
  public String label(Tree t) {
    Layout l = (Layout) t.attachment();
    return l == null || l.kinds.length == 0 ? longName() : itemText(l.kinds[0]);
  }

  private static String itemText(int kind) {
    return "MySQL Protocol" + suffix(kind);
  }

  private static String suffix(int kind) {
    switch (kind) {
      case OK: return " - response OK";
      case ERR: return " - response ERROR";
      case EOF_FINAL: return " - response EOF";
      case EOF_INTERMEDIATE: return " - intermediate EOF";
      case COLUMN_COUNT: return " - column count";
      case COLUMN: return " - field packet";
      case ROW: return " - row packet";
      case SHOW_FIELD: return " - response to SHOW FIELDS";
      default: return "";
    }
  }

  private void packet(Tree t, int kind, int p, int end, boolean mariadb) {
    switch (kind) {
      case GREETING -> greeting(t, p, end);
      case LOGIN, SSL_REQUEST -> login(t, p, end, mariadb);
      case COMMAND_PDU -> command(t, p, end);
      case OK -> ok(t, p, end);
      case ERR -> err(t, p, end);
      case EOF_FINAL, EOF_INTERMEDIATE -> eof(t, p, end);
      case COLUMN_COUNT -> {
        lenencInt(t, NUM_FIELDS, p, end);
      }
      case COLUMN, SHOW_FIELD -> column(t, p, end, kind == SHOW_FIELD);
      case ROW -> row(t, p, end);
      default -> { }
    }
  }

  /** A NUL-terminated string at {@code p} (to {@code end} without a NUL): {value, length with NUL}. */
  private static int zlen(Tree t, int p, int end) {
    int q = p;
    while (q < end && t.u8(q) != 0) {
      q++;
    }
    return q - p;
  }

  private static String str(Tree t, int p, int len) {
    byte[] out = new byte[Math.max(0, len)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) t.u8(p + i);
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  private static int stringz(Tree t, Field f, int p, int end) {
    int n = zlen(t, p, end);
    int total = p + n < end ? n + 1 : n;
    t.object(f, p, total, str(t, p, n));
    return p + total;
  }

  /** A length-encoded integer: {value, bytes used}, value -1 for NULL; null past the end. */
  private static long[] lenenc(Tree t, int p, int end) {
    if (p >= end) {
      return null;
    }
    int first = t.u8(p);
    if (first < 251) {
      return new long[] {first, 1};
    }
    if (first == 251) {
      return new long[] {-1, 1};
    }
    int n = first == 252 ? 2 : first == 253 ? 3 : 8;
    if (p + 1 + n > end) {
      return null;
    }
    long v = 0;
    for (int k = n - 1; k >= 0; k--) {
      v = v << 8 | t.u8(p + 1 + k);
    }
    return new long[] {v, 1 + n};
  }

  private static int lenencInt(Tree t, Field f, int p, int end) {
    long[] v = lenenc(t, p, end);
    if (v == null) {
      return end;
    }
    prefix(t, p, v);
    t.number(f, p, (int) v[1], Math.max(0, v[0]));
    return p + (int) v[1];
  }

  /** The Prefix and (unless NULL) Length items of a length-encoded integer. */
  private static void prefix(Tree t, int p, long[] v) {
    int first = t.u8(p);
    if (v[0] < 0) {
      t.object(PREFIX, p, 1, new io.netsift.core.field.ShownNumber(first, first + "(NULL)"));
      return;
    }
    t.uint(PREFIX, p, 1);
    t.number(LENGTH, p, (int) v[1], v[0]);
  }

  /**
   * A length-encoded string as a subtree named {@code title} holding its Prefix, Length and
   * field; returns the next offset, or -1 past the end.
   */
  private static int lenencString(Tree t, String title, Field f, int p, int end) {
    long[] v = lenenc(t, p, end);
    if (v == null) {
      return -1;
    }
    int q = p + (int) v[1];
    int len = v[0] < 0 ? 0 : (int) Math.min(v[0], end - q);
    t.text(p, q + len - p, title);
    t.enter();
    prefix(t, p, v);
    if (v[0] < 0) {
      t.object(f, q, 0, "NULL");
    } else if (q + v[0] <= end) {
      t.object(f, q, len, str(t, q, len));
    }
    t.exit();
    return q + v[0] > end ? -1 : q + len;
  }

  private static void greeting(Tree t, int p, int end) {
    t.object(SERVER_GREETING, p, end - p, null);
    t.enter();
    t.uint(PROTOCOL, p, 1);
    int q = stringz(t, VERSION, p + 1, end);
    t.uintle(THREAD_ID, q, 4);
    q = stringz(t, SALT, q + 4, end);
    bitset(t, CAPS_SERVER, q, 2, CAPS);
    boolean mariadb = (t.u16le(q) & 1) == 0;
    t.uint(mariadb ? SERVER_LANGUAGE : MYSQL_SERVER_LANGUAGE, q + 2, 1);
    bitset(t, SERVER_STATUS, q + 3, 2, STATUS);
    extcaps(t, EXTCAPS_SERVER, q + 5);
    t.uint(AUTH_PLUGIN_LENGTH, q + 7, 1);
    // MariaDB puts its own capabilities in the last 4 reserved bytes, and says so by clearing
    // the CLIENT_MYSQL (Long Password) bit; a MySQL server's 10 bytes are all unused.
    if (mariadb) {
      t.bytes(UNUSED, q + 8, 6);
      bitset(t, MARIADB_EXTCAPS_SERVER, q + 14, 4, MARIADB_CAPS);
    } else {
      t.bytes(UNUSED, q + 8, 10);
    }
    if (q + 18 < end) {
      stringz(t, SALT2, q + 18, end);
    }
    t.exit();
  }

  private static void login(Tree t, int p, int end, boolean mariadb) {
    t.object(LOGIN_REQUEST, p, end - p, null);
    t.enter();
    long caps = t.uintle(CAPS_CLIENT, p, 2);
    t.enter();
    for (Field b : CAPS) {
      t.uintle(b, p, 2);
    }
    t.exit();
    extcaps(t, EXTCAPS_CLIENT, p + 2);
    t.uintle(MAX_PACKET, p + 4, 4);
    t.uint(mariadb ? CHARSET : MYSQL_CHARSET, p + 8, 1);
    t.bytes(UNUSED, p + 9, 23);
    int q = stringz(t, USER, p + 32, end);
    if (q < end) {
      int n = t.u8(q);
      t.bytes(PASSWD, q + 1, Math.min(n, end - q - 1));
      q += 1 + n;
    }
    if ((caps & 0x0008) != 0 && q < end) {
      stringz(t, SCHEMA, q, end);
    }
    t.exit();
  }

  private static void extcaps(Tree t, Field f, int at) {
    t.uintle(f, at, 2);
    t.enter();
    for (Field b : EXTCAPS) {
      t.uintle(b, at, 2);
    }
    t.uintle(CAPS_UNUSED, at, 2);
    t.exit();
  }

  private static void command(Tree t, int p, int end) {
    if (p >= end) {
      return;
    }
    int cmd = t.u8(p);
    t.object(REQUEST, p, end - p, "Request Command " + COMMANDS.getOrDefault((long) cmd, "Unknown (" + cmd + ")"));
    t.enter();
    t.uint(COMMAND, p, 1);
    switch (cmd) {
      case 3 -> t.object(QUERY, p + 1, end - p - 1, str(t, p + 1, end - p - 1));
      case 2 -> t.object(SCHEMA, p + 1, end - p - 1, str(t, p + 1, end - p - 1));
      case 4 -> stringz(t, TABLE_NAME, p + 1, end);
      default -> { }
    }
    t.exit();
  }

  private static void ok(Tree t, int p, int end) {
    t.uint(RESPONSE_CODE, p, 1);
    int q = lenencInt(t, AFFECTED_ROWS, p + 1, end);
    long[] id = lenenc(t, q, end);
    if (id != null) {
      prefix(t, q, id);
      if (id[0] > 0) { // tshark shows the last insert id only when there is one
        t.number(INSERT_ID, q, (int) id[1], id[0]);
      }
      q += (int) id[1];
    } else {
      q = end;
    }
    if (q + 4 <= end) {
      bitset(t, SERVER_STATUS, q, 2, STATUS);
      t.uintle(WARNINGS, q + 2, 2);
      q += 4;
    }
    if (q < end) {
      t.object(MESSAGE, q, end - q, str(t, q, end - q));
    }
  }

  private static void err(Tree t, int p, int end) {
    t.uint(RESPONSE_CODE, p, 1);
    t.uintle(ERROR_CODE, p + 1, 2);
    int q = p + 3;
    if (q < end && t.u8(q) == '#') {
      t.object(SQLSTATE, q + 1, 5, str(t, q + 1, 5));
      q += 6;
    }
    if (q < end) {
      t.object(ERROR_MESSAGE, q, end - q, str(t, q, end - q));
    }
  }

  private static void eof(Tree t, int p, int end) {
    t.uint(RESPONSE_CODE, p, 1);
    t.uint(EOF, p, 1);
    t.uintle(WARNINGS, p + 1, 2);
    bitset(t, SERVER_STATUS, p + 3, 2, STATUS);
  }

  private static void column(Tree t, int p, int end, boolean showFields) {
    int q = p;
    for (Field f : COLUMN_STRINGS) {
      q = lenencString(t, f.label(), f, q, end);
      if (q < 0) {
        return;
      }
    }
    q++; // the length (0x0c) of the fixed part
    t.uintle(FIELD_CHARSETNR, q, 2);
    t.uintle(FIELD_LENGTH, q + 2, 4);
    t.uint(FIELD_TYPE, q + 6, 1);
    bitset(t, FIELD_FLAGS, q + 7, 2, FIELD_FLAG_BITS);
    t.uint(FIELD_DECIMALS, q + 9, 1);
    q += 12;
    if (showFields && q < end) {
      lenencString(t, "Default", FIELD_DEFAULT, q, end);
      // Without a tree tshark does not read the default and flags the bytes left.
      t.expert(UNDECODED_WITHOUT_TREE, q, end - q, null);
    }
  }

  private static void row(Tree t, int p, int end) {
    for (int q = p; q < end; ) {
      q = lenencString(t, "text", ROW_TEXT, q, end);
      if (q < 0) {
        return;
      }
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    Layout l = (Layout) t.attachment();
    if (l == null || l.kinds.length == 0) {
      return;
    }
    int p = HEADER;
    switch (l.kinds[0]) {
      case GREETING -> {
        int n = zlen(t, p + 1, t.length());
        c.setInfo("Server Greeting  proto=" + t.u8(p) + " version=" + str(t, p + 1, n) + " ");
      }
      case LOGIN -> c.setInfo("Login Request user=" + str(t, p + 32, zlen(t, p + 32, t.length())) + " ");
      case SSL_REQUEST -> c.setInfo("Response: SSL Handshake user= ");
      case COMMAND_PDU -> {
        int cmd = t.has(p, 1) ? t.u8(p) : -1;
        c.setInfo("Request " + COMMANDS.getOrDefault((long) cmd, "Unknown (" + cmd + ")"));
      }
      case OK -> c.setInfo("Response  OK ");
      case ERR -> c.setInfo("Response  Error " + (t.has(p + 1, 2) ? t.u16le(p + 1) : 0) + " ");
      case COLUMN_COUNT -> c.setInfo("Response TABULAR Response ");
      default -> c.setInfo(l.response ? "Response " : "Request ");
    }
  }
}

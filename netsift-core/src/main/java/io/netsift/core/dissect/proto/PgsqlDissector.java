package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import io.netsift.core.field.Strings;
import java.util.Map;

/**
 * PostgreSQL's frontend/backend protocol 3.0
 * (<a href="https://www.postgresql.org/docs/current/protocol-message-formats.html">message
 * formats</a>) on TCP port 5432. A message is a type byte and a length that counts itself; the
 * startup, SSL and cancel requests have no type byte:
 *
 * <pre>
 * +------+-------------------+--------------     +-------------------+-------------------+----
 * | type | length (4, incl.) | body ...           | length (4, incl.) | code / version    | ...
 * +------+-------------------+--------------     +-------------------+-------------------+----
 * </pre>
 *
 * Each message is a layer of its own ({@code io,phs} nests them) while frame.protocols names
 * pgsql once per segment, as tshark 4.0. Info is ">" towards port 5432 and "<" from it, then the
 * messages' type letters joined by "/". The server's one-byte answer to an SSL request only sets
 * the columns. Decoded bodies: startup, authentication, parameter status, backend key,
 * queries, passwords, command completion, ready for query, row descriptions and data rows; the
 * others show their type and length.
 */
public final class PgsqlDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  private static final int PORT = 5432;
  private static final long SSL_REQUEST = 80877103;
  private static final long CANCEL_REQUEST = 80877102;
  private static final long GSSENC_REQUEST = 80877104;

  private static final Map<Long, String> FRONTEND = ValueNames.parse(
      """
      112=Password message|81=Simple query|80=Parse|66=Bind|69=Execute|68=Describe|67=Close|72=Flush|
      83=Sync|70=Function call|100=Copy data|99=Copy completion|102=Copy failure|88=Termination|
      """);
  private static final Map<Long, String> BACKEND = ValueNames.parse(
      """
      82=Authentication request|75=Backend key data|83=Parameter status|49=Parse completion|
      50=Bind completion|51=Close completion|67=Command completion|116=Parameter description|
      84=Row description|68=Data row|73=Empty query|110=No data|69=Error|78=Notice|
      115=Portal suspended|90=Ready for query|65=Notification|86=Function call response|
      71=CopyIn response|72=CopyOut response|100=Copy data|99=Copy completion|
      118=Negotiate protocol version|
      """);
  private static final Map<Long, String> AUTH_TYPES = ValueNames.parse(
      """
      0=Success|1=Kerberos V4|2=Kerberos V5|3=Plaintext password|4=crypt()ed password|5=MD5 password|
      6=SCM credentials|7=GSSAPI|8=GSSAPI/SSPI continue|9=SSPI|10=SASL|11=SASL continue|12=SASL complete|
      """);

  public static final Field FRONTEND_F = Field.bool("pgsql.frontend", "Frontend").hidden();
  public static final Field TYPE = Field.string("pgsql.type", "Type");
  public static final Field LENGTH = Field.u32("pgsql.length", "Length");
  public static final Field VERSION_MAJOR = Field.u16("pgsql.version_major", "Protocol major version");
  public static final Field VERSION_MINOR = Field.u16("pgsql.version_minor", "Protocol minor version");
  public static final Field PARAMETER_NAME = Field.of("pgsql.parameter_name", "Parameter name", FieldType.STRINGZ);
  public static final Field PARAMETER_VALUE = Field.of("pgsql.parameter_value", "Parameter value",
      FieldType.STRINGZ);
  public static final Field QUERY = Field.of("pgsql.query", "Query", FieldType.STRINGZ);
  public static final Field PASSWORD = Field.of("pgsql.password", "Password", FieldType.STRINGZ);
  public static final Field AUTHTYPE = Field.u32("pgsql.authtype", "Authentication type").labels(AUTH_TYPES);
  public static final Field SALT = Field.bytes("pgsql.salt", "Salt value");
  public static final Field TAG = Field.of("pgsql.tag", "Tag", FieldType.STRINGZ);
  public static final Field STATUS = Field.u8("pgsql.status", "Status")
      .labels(ValueNames.parse("73=Idle|84=In a transaction|69=In a failed transaction"));
  public static final Field PID = Field.u32("pgsql.pid", "PID");
  public static final Field KEY = Field.u32("pgsql.key", "Key");
  public static final Field FIELD_COUNT = Field.u16("pgsql.field.count", "Field count");
  public static final Field COL_NAME = Field.of("pgsql.col.name", "Column name", FieldType.STRINGZ);
  public static final Field OID_TABLE = Field.u32("pgsql.oid.table", "Table OID");
  public static final Field COL_INDEX = Field.u32("pgsql.col.index", "Column index");
  public static final Field OID_TYPE = Field.u32("pgsql.oid.type", "Type OID");
  public static final Field VAL_LENGTH = Field.of("pgsql.val.length", "Column length", FieldType.INT32);
  public static final Field COL_TYPEMOD = Field.of("pgsql.col.typemod", "Type modifier", FieldType.INT32);
  public static final Field FORMAT = Field.u16("pgsql.format", "Format").labels(ValueNames.parse("0=Text|1=Binary"));
  public static final Field VAL_DATA = Field.bytes("pgsql.val.data", "Data");

  /** Annotations: 1 for frontend messages; the message kind (type byte, 0 startup-like, -1 SSL answer). */
  private static final int A_FRONTEND = 0;
  private static final int A_KIND = 1;
  private static final int SSL_ANSWER = -1;

  public PgsqlDissector() {
    super("pgsql", "PostgreSQL", "PGSQL");
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
    int n = b[off] != 0 ? 1 : 0;
    if (n == 1 && avail == 1 && (b[off] == 'N' || b[off] == 'S')
        && Transport.srcPort(d, tcpLayer) == PORT) {
      return 1; // the answer to an SSL request
    }
    if (avail < n + 4) {
      return MORE;
    }
    long len = Bytes.u32(b, off + n) + n;
    return len < n + 4 ? avail : (int) Math.min(Integer.MAX_VALUE - 1, len);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int e = d.end(layer);
    d.payload(e, e);
    d.annotate(layer, 2);
    int tr = Transport.find(d, layer);
    boolean fe = Transport.dstPort(d, tr) == PORT;
    d.setAnnotation(layer, A_FRONTEND, fe ? 1 : 0);
    byte[] b = d.data();
    int kind = e > s ? b[s] & 0xff : 0;
    if (!fe && e - s == 1) {
      kind = SSL_ANSWER;
    }
    d.setAnnotation(layer, A_KIND, kind);
    return null;
  }

  /**
   * Further messages of a segment show in io,phs but not in frame.protocols (tshark 4.0); the
   * answer to an SSL request shows in neither (tshark only sets the columns).
   */
  @Override
  public boolean listedInProtocols(Dissection d, int layer) {
    return !hiddenInTree(d, layer) && (layer == 0 || d.dissector(layer - 1) != this);
  }

  @Override
  public boolean hiddenInTree(Dissection d, int layer) {
    return d.annotation(layer, A_KIND) == SSL_ANSWER;
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    boolean fe = t.annotation(A_FRONTEND) != 0;
    int kind = (int) t.annotation(A_KIND);
    String letter = kind > 0 ? String.valueOf((char) kind) : "";
    int prev = t.layer() - 1;
    if (prev >= 0 && t.dissection().dissector(prev) == this) {
      c.info.append('/').append(letter);
    } else {
      c.setInfo((fe ? ">" : "<") + letter);
    }
  }

  @Override
  public void fields(Tree t) {
    boolean fe = t.annotation(A_FRONTEND) != 0;
    int kind = (int) t.annotation(A_KIND);
    if (kind == SSL_ANSWER) {
      return;
    }
    t.number(FRONTEND_F, 0, 0, fe ? 1 : 0);
    int end = t.length();
    if (kind == 0) {
      long code = t.u32(4);
      String type = code == SSL_REQUEST ? "SSL request" : code == CANCEL_REQUEST ? "Cancel request"
          : code == GSSENC_REQUEST ? "GSS encrypt request" : "Startup message";
      t.object(TYPE, 0, 0, type);
      t.uint(LENGTH, 0, 4);
      if (type.equals("Startup message")) {
        t.uint(VERSION_MAJOR, 4, 2);
        t.uint(VERSION_MINOR, 6, 2);
        int p = 8;
        while (p < end && t.u8(p) != 0) {
          p = stringz(t, PARAMETER_NAME, p, end);
          p = stringz(t, PARAMETER_VALUE, p, end);
        }
      }
      return;
    }
    String name = (fe ? FRONTEND : BACKEND).get((long) kind);
    t.object(TYPE, 0, 1, name != null ? name : "Unknown");
    t.uint(LENGTH, 1, 4);
    int p = 5;
    if (fe) {
      switch (kind) {
        case 'Q' -> stringz(t, QUERY, p, end);
        case 'p' -> stringz(t, PASSWORD, p, end);
        default -> { }
      }
      return;
    }
    switch (kind) {
      case 'R' -> {
        long auth = t.u32(p);
        t.uint(AUTHTYPE, p, 4);
        if (auth == 5) {
          t.bytes(SALT, p + 4, 4);
        }
      }
      case 'S' -> stringz(t, PARAMETER_VALUE, stringz(t, PARAMETER_NAME, p, end), end);
      case 'K' -> {
        t.uint(PID, p, 4);
        t.uint(KEY, p + 4, 4);
      }
      case 'C' -> stringz(t, TAG, p, end);
      case 'Z' -> t.uint(STATUS, p, 1);
      case 'T' -> {
        int n = t.u16(p);
        t.uint(FIELD_COUNT, p, 2);
        t.enter();
        p += 2;
        for (int i = 0; i < n && p < end; i++) {
          int at = p;
          p = stringz(t, COL_NAME, p, end);
          t.enter();
          t.uint(OID_TABLE, p, 4);
          t.uint(COL_INDEX, p + 4, 2);
          t.uint(OID_TYPE, p + 6, 4);
          t.number(VAL_LENGTH, p + 10, 2, (short) t.u16(p + 10));
          t.number(COL_TYPEMOD, p + 12, 4, (int) t.u32(p + 12));
          t.uint(FORMAT, p + 16, 2);
          t.exit();
          p += 18;
          if (p <= at) {
            break;
          }
        }
        t.exit();
      }
      case 'D' -> {
        int n = t.u16(p);
        t.uint(FIELD_COUNT, p, 2);
        t.enter();
        p += 2;
        for (int i = 0; i < n && p + 4 <= end; i++) {
          int len = (int) t.u32(p);
          t.number(VAL_LENGTH, p, 4, len);
          p += 4;
          if (len > 0) {
            t.bytes(VAL_DATA, p, Math.min(len, end - p));
            p += len;
          }
        }
        t.exit();
      }
      default -> { }
    }
  }

  /** A NUL-terminated string at {@code p}; returns the offset after its NUL. */
  private static int stringz(Tree t, Field f, int p, int end) {
    int z = p;
    while (z < end && t.u8(z) != 0) {
      z++;
    }
    int len = Math.min(end, z + 1) - p;
    t.object(f, p, len, Strings.ascii(t.data(), t.start() + p, z - p));
    return z + 1;
  }
}

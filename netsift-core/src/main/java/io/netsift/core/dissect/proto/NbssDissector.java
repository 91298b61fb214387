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
import java.util.Map;

/**
 * NetBIOS Session Service (RFC 1002 section 4.3, tshark's {@code nbss}) on TCP 139, and the same
 * framing with a 24-bit length for SMB directly over TCP 445 (MS-SMB2 2.1). Each message is one
 * PDU, reassembled across segments; a session message carries SMB or SMB2.
 *
 * <pre>
 * +------+-------+-----------------+------------------
 * | type | flags | length (16 bit) | trailer ...         port 139 (flags bit 0 extends length)
 * +------+-------+-----------------+------------------
 * | type |     length (24 bit)     | trailer ...         port 445, or a session message that
 * +------+-------------------------+------------------  holds SMB and was not reassembled
 * </pre>
 *
 * <p>Like tshark, bytes that start a segment but cannot be a message header (a TCP keep-alive's
 * single byte, an unknown type, a length the type does not allow) are "continuation data".
 */
public final class NbssDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  static final int NETBIOS_PORT = 139;
  static final int CIFS_PORT = 445;
  private static final int HEADER = 4;

  static final int SESSION_MESSAGE = 0x00;
  static final int SESSION_REQUEST = 0x81;
  static final int POSITIVE_RESPONSE = 0x82;
  static final int NEGATIVE_RESPONSE = 0x83;
  static final int RETARGET_RESPONSE = 0x84;
  static final int KEEP_ALIVE = 0x85;

  private static final Map<Long, String> TYPES = ValueNames.parse(
      "0x00=Session message|0x81=Session request|0x82=Positive session response|0x83=Negative session response|"
          + "0x84=Retarget session response|0x85=Session keep-alive");
  private static final Map<Long, String> ERRORS = ValueNames.parse(
      "0x80=Not listening on called name|0x81=Not listening for called name|0x82=Called name not present|"
          + "0x83=Called name present, but insufficient resources|0x8f=Unspecified error");

  public static final Field TYPE = Field.u8("nbss.type", "Message Type").hex().labels(TYPES);
  public static final Field FLAGS = Field.u8("nbss.flags", "Flags").hex();
  public static final Field FLAGS_E = Field.bool("nbss.flags.e", "Extend").mask(0x01, 8)
      .states("Add 65536 to length", "Add 0 to length");
  public static final Field LENGTH = Field.u24("nbss.length", "Length");
  public static final Field ERROR_CODE = Field.u8("nbss.error_code", "Error code").hex().labels(ERRORS);
  public static final Field RETARGET_IP = Field.ipv4("nbss.retarget_ip_address", "Retarget IP address");
  public static final Field RETARGET_PORT = Field.u16("nbss.retarget_port", "Retarget port");
  public static final Field CONTINUATION = Field.bytes("nbss.continuation_data", "Continuation data");
  public static final Field CALLED_NAME = Field.of("nbss.called_name", "Called name", FieldType.STRING);
  public static final Field CALLING_NAME = Field.of("nbss.calling_name", "Calling name", FieldType.STRING);

  /** Annotations: whether the layer is continuation data, and whether its length has 24 bits. */
  private static final int A_CONTINUATION = 0;
  private static final int A_CIFS = 1;

  public NbssDissector() {
    super("nbss", "NetBIOS Session Service", "NBSS");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, NETBIOS_PORT, this);
    p.map(Protocols.Table.TCP_PORT, CIFS_PORT, this);
  }

  @Override
  public boolean payloadBecomesData() {
    return true;
  }

  /** Whether the PDU at {@code b[off]} uses the 24-bit length of SMB over TCP 445. */
  private static boolean cifs(Dissection d, int tcpLayer, byte[] b, int off, int avail, boolean fresh) {
    int transport = tcpLayer;
    if (Transport.srcPort(d, transport) == CIFS_PORT || Transport.dstPort(d, transport) == CIFS_PORT) {
      return true;
    }
    // tshark treats a session message that starts a segment's bytes with an SMB header the same
    // way (SMB may use 24 bits), but not the bytes of a reassembled message.
    return fresh && avail >= 8 && b[off] == 0 && b[off + 5] == 'S' && b[off + 6] == 'M' && b[off + 7] == 'B';
  }

  private static int length(byte[] b, int off, boolean cifs) {
    int len = Bytes.u16(b, off + 2);
    return cifs ? (b[off + 1] & 0xff) << 16 | len : ((b[off + 1] & 1) << 16) | len;
  }

  /** Whether tshark would take the segment bytes at {@code off} for a message header. */
  private static boolean plausible(byte[] b, int off, boolean cifs) {
    int flags = cifs ? 0 : b[off + 1] & 0xff;
    if ((flags & ~1) != 0) {
      return false;
    }
    int len = length(b, off, cifs);
    switch (b[off] & 0xff) {
      case SESSION_MESSAGE: return len != 0;
      case SESSION_REQUEST: return len >= 2 && len <= 256;
      case POSITIVE_RESPONSE:
      case KEEP_ALIVE:
        return len == 0;
      case NEGATIVE_RESPONSE: return len == 1;
      case RETARGET_RESPONSE: return len == 6;
      default: return false;
    }
  }

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    boolean fresh = b == d.data();
    if (avail < HEADER) {
      // A segment too short for a header is continuation data (a keep-alive probe's byte).
      return fresh ? avail : MORE;
    }
    boolean cifs = cifs(d, tcpLayer, b, off, avail, fresh);
    if (fresh && !plausible(b, off, cifs)) {
      return avail;
    }
    return HEADER + length(b, off, cifs);
  }

  /** tshark's NBSS names the message type in Info before it asks TCP for the rest of the message. */
  @Override
  public String partialInfo(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    return avail >= HEADER ? TYPES.get((long) (b[off] & 0xff)) : null;
  }

  /**
   * tshark's NBSS walks all the messages of the bytes TCP hands it in one call, so it is listed
   * once in frame.protocols however many messages a segment holds: consecutive complete messages
   * share one layer, each message's SMB a layer of its own.
   */
  @Override
  public boolean splitPdus() {
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int len = d.length(layer);
    int end0 = d.end(layer);
    int tcp = Transport.find(d, layer);
    if (len < HEADER || tcp < 0 || d.inFrame(s) && !plausible(b, s, cifs(d, tcp, b, s, len, true))) {
      return single(d, layer, b, s, len);
    }
    // Later messages of the layer go to their SMB layers in order (queued before anything else).
    int first = -1;
    int at = s;
    Dissector firstNext = null;
    int firstFrom = 0;
    int firstTo = 0;
    boolean cifsAll = false;
    int count = 0;
    while (at + HEADER <= end0 && count < 256) {
      boolean c = cifs(d, tcp, b, at, end0 - at, d.inFrame(s));
      int mEnd = Math.min(end0, at + HEADER + length(b, at, c));
      if (count == 0) {
        cifsAll = c;
        first = mEnd;
      } else {
        Dissector nx = smbOf(d, b, at, mEnd);
        if (nx != null) {
          d.queue(nx, at + HEADER, mEnd);
        }
      }
      count++;
      at = mEnd;
    }
    if (count <= 1) {
      return single(d, layer, b, s, len);
    }
    d.annotate(layer, 2);
    d.setAnnotation(layer, A_CIFS, cifsAll ? 1 : 0);
    if ((b[s] & 0xff) != SESSION_MESSAGE) {
      return null;
    }
    d.payload(s + HEADER, first);
    return smbOf(d, b, s, first);
  }

  /** SMB or SMB2 for the session message at {@code s} ending at {@code end}, or null. */
  private static Dissector smbOf(Dissection d, byte[] b, int s, int end) {
    if ((b[s] & 0xff) == SESSION_MESSAGE && end - s >= HEADER + 4 && b[s + 5] == 'S' && b[s + 6] == 'M'
        && b[s + 7] == 'B') {
      int magic = b[s + 4] & 0xff;
      String next = magic == 0xff ? "smb" : magic == 0xfe || magic == 0xfd ? "smb2" : null;
      return next == null ? null : d.protocols().byName(next);
    }
    return null;
  }

  private Dissector single(Dissection d, int layer, byte[] b, int s, int len) {
    int tcp = Transport.find(d, layer);
    boolean fresh = d.inFrame(s);
    d.annotate(layer, 2);
    if (len < HEADER) {
      d.setAnnotation(layer, A_CONTINUATION, 1);
      return null;
    }
    boolean cifs = tcp >= 0 && cifs(d, tcp, b, s, len, fresh);
    if (fresh && !plausible(b, s, cifs)) {
      d.setAnnotation(layer, A_CONTINUATION, 1);
      return null;
    }
    d.setAnnotation(layer, A_CIFS, cifs ? 1 : 0);
    int end = Math.min(d.end(layer), s + HEADER + length(b, s, cifs));
    d.setEnd(layer, end);
    if ((b[s] & 0xff) != SESSION_MESSAGE) {
      return null;
    }
    d.payload(s + HEADER, end);
    if (end - s >= HEADER + 4 && b[s + 5] == 'S' && b[s + 6] == 'M' && b[s + 7] == 'B') {
      int magic = b[s + 4] & 0xff;
      String next = magic == 0xff ? "smb" : magic == 0xfe || magic == 0xfd ? "smb2" : null;
      if (next != null) {
        return d.protocols().byName(next);
      }
    }
    return null;
  }

  /** Several PDUs in one layer show as protocol items of their own. */
  @Override
  public boolean severalProtocolItems() {
    return true;
  }

  @Override
  public void fields(Tree t) {
    if (t.annotation(A_CONTINUATION) != 0) {
      t.bytes(CONTINUATION, 0, t.length());
      return;
    }
    boolean cifs = t.annotation(A_CIFS) != 0;
    for (int at = 0, k = 0; t.has(at, HEADER) && k < 256; k++) {
      int len = HEADER + (cifs ? t.u24(at + 1) : ((t.u8(at + 1) & 1) << 16) | t.u16(at + 2));
      if (k > 0) {
        t.nextProtocolItem(protocolField(), at, Math.min(len, t.length() - at), longName());
      }
      message(t, at, cifs);
      at += len;
    }
  }

  private static void message(Tree t, int base, boolean cifs) {
    int type = (int) t.uint(TYPE, base, 1);
    int at = base + 1;
    if (cifs) {
      t.uint(LENGTH, at, 3);
    } else {
      t.uint(FLAGS, at, 1);
      t.enter();
      t.uint(FLAGS_E, at, 1);
      t.exit();
      t.number(LENGTH, at, 3, ((t.u8(at) & 1) << 16) | t.u16(at + 1));
    }
    at += 3;
    switch (type) {
      case SESSION_REQUEST: {
        int n = nameLength(t, at);
        t.object(CALLED_NAME, at, n, name(t, at));
        at += n;
        t.object(CALLING_NAME, at, nameLength(t, at), name(t, at));
        break;
      }
      case NEGATIVE_RESPONSE:
        t.uint(ERROR_CODE, at, 1);
        break;
      case RETARGET_RESPONSE:
        t.bytes(RETARGET_IP, at, 4);
        t.uint(RETARGET_PORT, at + 4, 2);
        break;
      default:
        break;
    }
  }

  /** Bytes of the encoded NetBIOS name at {@code at}: its labels up to the empty one. */
  private static int nameLength(Tree t, int at) {
    int p = at;
    while (t.has(p, 1) && t.u8(p) != 0 && t.u8(p) < 64) {
      p += 1 + t.u8(p);
    }
    return p - at + 1;
  }

  /** A first-level encoded NetBIOS name (RFC 1001 14.1) as tshark shows it: "NAME<20>". */
  static String name(Tree t, int at) {
    if (!t.has(at, 33) || t.u8(at) != 32) {
      return "";
    }
    StringBuilder sb = new StringBuilder(20);
    int type = 0;
    for (int i = 0; i < 16; i++) {
      int c = ((t.u8(at + 1 + 2 * i) - 'A') & 0xf) << 4 | ((t.u8(at + 2 + 2 * i) - 'A') & 0xf);
      if (i == 15) {
        type = c;
      } else {
        sb.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
      }
    }
    int end = sb.length();
    while (end > 0 && sb.charAt(end - 1) == ' ') {
      end--;
    }
    sb.setLength(end);
    return sb.append(String.format("<%02x>", type)).toString();
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (t.annotation(A_CONTINUATION) != 0) {
      c.setInfo("NBSS Continuation Message");
      return;
    }
    int type = t.u8(0);
    StringBuilder info = new StringBuilder(TYPES.getOrDefault((long) type, String.format("Unknown (%02x)", type)));
    if (type == SESSION_REQUEST) {
      int n = nameLength(t, HEADER);
      info.append(", to ").append(name(t, HEADER)).append(" from ").append(name(t, HEADER + n));
    } else if (type == NEGATIVE_RESPONSE) {
      info.append(", ").append(ERRORS.getOrDefault((long) t.u8(HEADER), String.format("Unknown (%x)", t.u8(HEADER))));
    }
    c.setInfo(info.toString());
  }
}

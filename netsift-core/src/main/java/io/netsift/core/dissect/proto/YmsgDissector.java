package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * Yahoo Messenger's YMSG protocol, found as tshark 4.0 finds it: a TCP heuristic that wants the
 * magic "YMSG" (no port). A PDU is a 20-byte header and {@code length} bytes of content:
 *
 * <pre>
 * "YMSG" | version (2) | vendor id (2) | length (2) | service (2) | status (4) | session id (4, little endian)
 * content: { key 0xC0 0x80 value 0xC0 0x80 }*
 * </pre>
 *
 * Info is "Service (status=Status)" followed by three spaces, as tshark writes it.
 */
public final class YmsgDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  private static final int HEADER = 20;

  private static final Map<Long, String> SERVICES = ValueNames.parse(
      "1=Pager Logon|2=Pager Logoff|3=Is Away|4=Is Back|5=Idle|6=Message|7=Activate Identity|"
      + "8=Deactivate Identity|9=Mail Status|10=User Status|11=New Mail|12=Chat Invitation|"
      + "13=Calendar Reminder|14=New Personals Mail|15=New Friend|16=Add Identity|17=Add Ignore|"
      + "18=Ping|19=Got Group Rename|20=System Message|21=Skinname|22=Passthrough 2|"
      + "24=Conference Invitation|25=Conference Logon|26=Conference Decline|27=Conference Logoff|"
      + "28=Conference Additional Invitation|29=Conference Message|30=Chat Logon|31=Chat Logoff|"
      + "32=Chat Message|40=Game Logon|41=Game Logoff|42=Game Message|70=File Transfer|"
      + "74=Voice Chat|75=Notify|76=Verify|77=P2P File Transfer|79=Peer To Peer|80=WebCam|"
      + "84=Authentication Response|85=List|87=Authentication|109=Authorize Buddy|131=Add Buddy|"
      + "132=Remove Buddy|133=Ignore Contact|134=Reject Contact|137=Group Rename|138=Keep Alive|"
      + "150=Chat Online|151=Chat Goto|152=Chat Join|153=Chat Leave|155=Chat Exit|"
      + "157=Chat Invite|160=Chat Logout|161=Chat Ping|168=Comment|183=Game Invite|"
      + "185=Stealth Permanent|186=Stealth Session|188=Avatar|189=Picture Checksum|190=Picture|"
      + "193=Picture Update|194=Picture Upload|196=Yahoo Address Book Update|"
      + "197=Y6 Visibility Toggle|198=Y6 Status Update|199=Picture Sharing Status|"
      + "200=Verify ID Exists|208=Audible|211=Y7 Contact Details|212=Y7 Chat Session|"
      + "214=Y7 Buddy Authorization|220=Y7 File Transfer|221=Y7 File Transfer Information|"
      + "222=Y7 File Transfer Accept|231=Y7 Change Group|240=Status V15|241=List V15|"
      + "550=WebLogin|746=SMS Message|");
  private static final Map<Long, String> STATUSES = ValueNames.parse(
      "4294967295=Disconnected|0=Default|1=Server Ack|2=Playing Game|4=Away|5=More Packets??|"
      + "22=Notify|1515563605=Web Login|1515563606=Offline|");

  public static final Field VERSION = Field.u16("ymsg.version", "Version");
  public static final Field VENDOR = Field.u16("ymsg.vendor", "Vendor ID");
  public static final Field LEN = Field.u16("ymsg.len", "Packet Length");
  public static final Field SERVICE = Field.u16("ymsg.service", "Service").labels(SERVICES);
  public static final Field STATUS = Field.u32("ymsg.status", "Status").labels(STATUSES);
  public static final Field SESSION_ID = Field.u32("ymsg.session_id", "Session ID").hex();
  public static final Field CONTENT = Field.bytes("ymsg.content", "Content");
  /** A key and its value; tshark gives the item an empty value and shows "key:value". */
  public static final Field CONTENT_LINE = Field.string("ymsg.content-line", "Content-line")
      .line(YmsgDissector::contentLine);
  public static final Field KEY = Field.string("ymsg.content-line.key", "Key");
  public static final Field VALUE = Field.string("ymsg.content-line.value", "Value");

  public YmsgDissector() {
    super("ymsg", "Yahoo YMSG Messenger Protocol", "YMSG");
  }

  @Override
  public void register(Protocols p) {
    p.heuristic(Protocols.Table.TCP_PORT, this, (d, b, off, len) -> magic(b, off, len));
  }

  private static boolean magic(byte[] b, int off, int len) {
    return len >= 4 && b[off] == 'Y' && b[off + 1] == 'M' && b[off + 2] == 'S' && b[off + 3] == 'G';
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    if (!magic(b, off, avail)) {
      return avail < 4 ? MORE : NOT_MINE;
    }
    if (avail < 10) {
      return MORE;
    }
    return HEADER + Bytes.u16(b, off + 8);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    d.payload(d.end(layer), d.end(layer));
    return null;
  }

  /** Where the key or value at {@code p} ends: at the next 0xC0 0x80, else at {@code end}. */
  private static int itemEnd(byte[] b, int p, int end) {
    while (end - p >= 2 && !((b[p] & 0xff) == 0xc0 && (b[p + 1] & 0xff) == 0x80)) {
      p++;
    }
    return end - p >= 2 ? p : end;
  }

  private static String contentLine(byte[] b, int off, int len) {
    int end = off + len;
    int k = itemEnd(b, off, end);
    int v = Math.min(k + 2, end);
    return TextLines.text(b, off, k) + ":" + TextLines.text(b, v, itemEnd(b, v, end));
  }

  @Override
  public String label(Tree t) {
    if (!t.has(10, 2)) {
      return longName();
    }
    return longName() + " (" + service(t.u16(10)) + ")";
  }

  private static String service(int s) {
    String n = SERVICES.get((long) s);
    return n != null ? n : "Unknown Service: " + s;
  }

  @Override
  public void fields(Tree t) {
    if (!t.has(0, HEADER)) {
      return;
    }
    t.uint(VERSION, 4, 2);
    t.uint(VENDOR, 6, 2);
    int contentLen = (int) t.uint(LEN, 8, 2);
    t.uint(SERVICE, 10, 2);
    t.uint(STATUS, 12, 4);
    t.uintle(SESSION_ID, 16, 4);
    if (contentLen == 0) {
      return;
    }
    int end = t.length();
    t.bytes(CONTENT, HEADER, end - HEADER);
    t.enter();
    byte[] b = t.data();
    int base = t.start();
    // A line needs room for its two delimiters.
    for (int p = HEADER; p < HEADER + contentLen - 4 && p < end; ) {
      int k = itemEnd(b, base + p, base + end) - base;
      int v = Math.min(k + 2, end);
      int ve = itemEnd(b, base + v, base + end) - base;
      int lineEnd = Math.min(ve + 2, end);
      t.object(CONTENT_LINE, p, lineEnd - p, "");
      t.enter();
      t.object(KEY, p, k - p, TextLines.text(b, base + p, base + k));
      t.object(VALUE, v, ve - v, TextLines.text(b, base + v, base + ve));
      t.exit();
      p = ve + 2;
    }
    t.exit();
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (!t.has(12, 4)) {
      return;
    }
    String status = STATUSES.get(t.u32(12));
    c.setInfo(service(t.u16(10)) + " (status=" + (status != null ? status : "Unknown Status: " + t.u32(12)) + ")   ");
  }
}

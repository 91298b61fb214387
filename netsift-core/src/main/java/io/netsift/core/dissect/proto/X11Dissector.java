package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The X Window System core protocol (<a href="https://www.x.org/releases/X11R7.7/doc/xproto/x11protocol.html">X11
 * protocol, chapters 8 and 13</a>) on TCP 6000-6063: the connection setup, requests and the
 * server's replies, events and errors, framed as tshark 4.0 frames them.
 *
 * <pre>
 * setup     byte-order 'B'|'l' | unused | major 2 | minor 2 | name-len 2 | data-len 2 | unused 2 | name | data
 * setup rep status 1 | ... | additional-length 2 (at 6, 4-byte units)
 * request   opcode 1 | data 1 | request-length 2 (4-byte units; 0: BIG-REQUESTS, a 4-byte length follows)
 * reply     1 | data 1 | sequence 2 | reply-length 4 (4-byte units beyond 32) | 24 bytes
 * event     code 1 (2..34, bit 7 set when sent) | detail 1 | sequence 2 | 28 bytes
 * error     0 | code 1 | sequence 2 | 28 bytes
 * </pre>
 *
 * The byte order is the setup's first byte; mid-stream it is guessed per segment from which
 * order frames the client's requests better. Replies are named after their request once the
 * sequence numbering is known (from the setup, or from the first reply seen mid-stream, as
 * tshark does: events do not start it). A request of length 0 whose 32-bit length is 0 too
 * gets tshark's "Bogus request length (0)" and ends the segment. In a frame cut by the
 * capture's snap length, a message not captured whole ends the layer quietly, without its item.
 */
public final class X11Dissector extends Dissector implements Protocols.Registrable, StreamPdus {
  private static final int FIRST_PORT = 6000;
  private static final int LAST_PORT = 6063;

  private static final Map<Long, String> OPCODES = ValueNames.parse("1=CreateWindow|2=ChangeWindowAttributes"
      + "|3=GetWindowAttributes|4=DestroyWindow|5=DestroySubwindows|6=ChangeSaveSet|7=ReparentWindow"
      + "|8=MapWindow|9=MapSubwindows|10=UnmapWindow|11=UnmapSubwindows|12=ConfigureWindow|13=CirculateWindow"
      + "|14=GetGeometry|15=QueryTree|16=InternAtom|17=GetAtomName|18=ChangeProperty|19=DeleteProperty"
      + "|20=GetProperty|21=ListProperties|22=SetSelectionOwner|23=GetSelectionOwner|24=ConvertSelection"
      + "|25=SendEvent|26=GrabPointer|27=UngrabPointer|28=GrabButton|29=UngrabButton|30=ChangeActivePointerGrab"
      + "|31=GrabKeyboard|32=UngrabKeyboard|33=GrabKey|34=UngrabKey|35=AllowEvents|36=GrabServer|37=UngrabServer"
      + "|38=QueryPointer|39=GetMotionEvents|40=TranslateCoordinates|41=WarpPointer|42=SetInputFocus"
      + "|43=GetInputFocus|44=QueryKeymap|45=OpenFont|46=CloseFont|47=QueryFont|48=QueryTextExtents"
      + "|49=ListFonts|50=ListFontsWithInfo|51=SetFontPath|52=GetFontPath|53=CreatePixmap|54=FreePixmap"
      + "|55=CreateGC|56=ChangeGC|57=CopyGC|58=SetDashes|59=SetClipRectangles|60=FreeGC|61=ClearArea"
      + "|62=CopyArea|63=CopyPlane|64=PolyPoint|65=PolyLine|66=PolySegment|67=PolyRectangle|68=PolyArc"
      + "|69=FillPoly|70=PolyFillRectangle|71=PolyFillArc|72=PutImage|73=GetImage|74=PolyText8|75=PolyText16"
      + "|76=ImageText8|77=ImageText16|78=CreateColormap|79=FreeColormap|80=CopyColormapAndFree"
      + "|81=InstallColormap|82=UninstallColormap|83=ListInstalledColormaps|84=AllocColor|85=AllocNamedColor"
      + "|86=AllocColorCells|87=AllocColorPlanes|88=FreeColors|89=StoreColors|90=StoreNamedColor"
      + "|91=QueryColors|92=LookupColor|93=CreateCursor|94=CreateGlyphCursor|95=FreeCursor|96=RecolorCursor"
      + "|97=QueryBestSize|98=QueryExtension|99=ListExtensions|100=ChangeKeyboardMapping"
      + "|101=GetKeyboardMapping|102=ChangeKeyboardControl|103=GetKeyboardControl|104=Bell"
      + "|105=ChangePointerControl|106=GetPointerControl|107=SetScreenSaver|108=GetScreenSaver"
      + "|109=ChangeHosts|110=ListHosts|111=SetAccessControl|112=SetCloseDownMode|113=KillClient"
      + "|114=RotateProperties|115=ForceScreenSaver|116=SetPointerMapping|117=GetPointerMapping"
      + "|118=SetModifierMapping|119=GetModifierMapping|127=NoOperation");
  private static final Map<Long, String> EVENTS = ValueNames.parse("2=KeyPress|3=KeyRelease|4=ButtonPress"
      + "|5=ButtonRelease|6=MotionNotify|7=EnterNotify|8=LeaveNotify|9=FocusIn|10=FocusOut|11=KeymapNotify"
      + "|12=Expose|13=GraphicsExpose|14=NoExpose|15=VisibilityNotify|16=CreateNotify|17=DestroyNotify"
      + "|18=UnmapNotify|19=MapNotify|20=MapRequest|21=ReparentNotify|22=ConfigureNotify|23=ConfigureRequest"
      + "|24=GravityNotify|25=ResizeRequest|26=CirculateNotify|27=CirculateRequest|28=PropertyNotify"
      + "|29=SelectionClear|30=SelectionRequest|31=SelectionNotify|32=ColormapNotify|33=ClientMessage"
      + "|34=MappingNotify|35=GenericEvent");
  private static final Map<Long, String> ERRORS = ValueNames.parse("1=Request|2=Value|3=Window|4=Pixmap"
      + "|5=Atom|6=Cursor|7=Font|8=Match|9=Drawable|10=Access|11=Alloc|12=Colormap|13=GContext|14=IDChoice"
      + "|15=Name|16=Length|17=Implementation");

  public static final Field INITIAL_CONNECTION = Field.none("x11.initial-connection", "initial connection request");
  public static final Field PROTOCOL_MAJOR = Field.u16("x11.protocol-major-version", "protocol-major-version");
  public static final Field PROTOCOL_MINOR = Field.u16("x11.protocol-minor-version", "protocol-minor-version");
  public static final Field AUTH_NAME_LENGTH = Field.u16("x11.authorization-protocol-name-length",
      "authorization-protocol-name-length");
  public static final Field AUTH_DATA_LENGTH = Field.u16("x11.authorization-protocol-data-length",
      "authorization-protocol-data-length");
  public static final Field SUCCESS = Field.u8("x11.success", "success");
  public static final Field OPCODE = Field.u8("x11.opcode", "opcode").labels(OPCODES);
  public static final Field REQUEST_LENGTH = Field.u16("x11.request-length", "request-length");
  public static final Field REPLY = Field.u8("x11.reply", "reply");
  public static final Field REPLY_SEQUENCE = Field.u16("x11.reply-sequencenumber", "sequencenumber");
  public static final Field REPLY_LENGTH = Field.u32("x11.replylength", "replylength");
  public static final Field EVENT_CODE = Field.u8("x11.eventcode", "eventcode").labels(EVENTS);
  public static final Field EVENT_SEQUENCE = Field.u16("x11.event-sequencenumber", "event-sequencenumber");
  public static final Field ERROR = Field.u8("x11.error", "error");
  public static final Field ERROR_CODE = Field.u8("x11.errorcode", "errorcode").labels(ERRORS);
  public static final Field ERROR_SEQUENCE = Field.u16("x11.error_sequencenumber", "error_sequencenumber");

  /** tshark's note on a request whose 16-bit and BIG-REQUESTS lengths are both 0. */
  public static final Expert BOGUS_LENGTH = new Expert("x11.bogus-request-length", Expert.Severity.WARNING,
      "Protocol", "Bogus request length (0)");

  // Message kinds.
  private static final int SETUP = 1;
  private static final int SETUP_REPLY = 2;
  private static final int REQUEST = 3;
  private static final int BOGUS = 4;
  private static final int REPLY_MESSAGE = 5;
  private static final int EVENT = 6;
  private static final int ERROR_MESSAGE = 7;

  private static final int SEQUENCES_KEPT = 4096;

  public X11Dissector() {
    super("x11", "X11", "X11");
  }

  @Override
  public void register(Protocols p) {
    for (int port = FIRST_PORT; port <= LAST_PORT; port++) {
      p.map(Protocols.Table.TCP_PORT, port, this);
    }
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public boolean splitPdus() {
    return false;
  }

  /** What one TCP stream has shown so far. */
  private static final class Session {
    /** 0 unknown, 'B' or 'l' once the setup told. */
    int order;
    boolean clientStarted;
    boolean serverStarted;
    boolean setupSeen;
    /** The last request's sequence number, or -1 until the numbering is known. */
    long sequence = -1;
    /** The opcode of each numbered request, by sequence number (16 bits). */
    final Map<Integer, Integer> opcodes = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Integer, Integer> e) {
        return size() > SEQUENCES_KEPT;
      }
    };
  }

  /** One message of a layer: kind, offset from the layer's start, length, and the request's opcode or -1. */
  private record Message(int kind, int at, int length, int opcode) {}

  /** The messages of one layer and the byte order they were read in. */
  private record Layout(boolean little, List<Message> messages) {}

  private Session session(Dissection d, int transport) {
    return PerStream.ofTcp(d, this, transport, Session::new);
  }

  private static boolean fromServer(Dissection d, int transport) {
    if (transport < 0) {
      return false;
    }
    int src = Transport.srcPort(d, transport);
    int dst = Transport.dstPort(d, transport);
    boolean srcX = src >= FIRST_PORT && src <= LAST_PORT;
    boolean dstX = dst >= FIRST_PORT && dst <= LAST_PORT;
    return srcX && (!dstX || src < dst);
  }

  private static long read(byte[] b, int at, int len, boolean little) {
    long v = 0;
    for (int k = 0; k < len; k++) {
      int octet = b[at + (little ? len - 1 - k : k)] & 0xff;
      v = v << 8 | octet;
    }
    return v;
  }

  private static int pad4(long n) {
    return (int) ((n + 3) & ~3L);
  }

  /** Whether the bytes at {@code at} look like the client's setup (byte order, unused 0, major version 11). */
  private static boolean looksLikeSetup(byte[] b, int at, int avail) {
    if (avail < 4 || (b[at] != 'B' && b[at] != 'l') || b[at + 1] != 0) {
      return false;
    }
    return read(b, at + 2, 2, b[at] == 'l') == 11;
  }

  /**
   * The length of the message at {@code at} given {@code avail} bytes (-1: more bytes needed),
   * and its kind in {@code kind[0]}. A bogus request takes all {@code avail} bytes.
   */
  private static long frame(Session s, boolean server, byte[] b, int at, int avail, boolean little, int[] kind) {
    if (!server) {
      if (!s.clientStarted && looksLikeSetup(b, at, avail)) {
        kind[0] = SETUP;
        if (avail < 12) {
          return -1;
        }
        boolean l = b[at] == 'l';
        return 12L + pad4(read(b, at + 6, 2, l)) + pad4(read(b, at + 8, 2, l));
      }
      kind[0] = REQUEST;
      if (avail < 4) {
        return -1;
      }
      long words = read(b, at + 2, 2, little);
      if (words == 0) {
        if (avail < 8) {
          return -1;
        }
        words = read(b, at + 4, 4, little);
        if (words == 0) {
          kind[0] = BOGUS;
          return avail;
        }
      }
      return 4 * words;
    }
    if (s.setupSeen && !s.serverStarted) {
      kind[0] = SETUP_REPLY;
      return avail < 8 ? -1 : 8 + 4 * read(b, at + 6, 2, little);
    }
    int code = b[at] & 0xff;
    kind[0] = code == 0 ? ERROR_MESSAGE : code == 1 ? REPLY_MESSAGE : EVENT;
    if (code == 1 || (code & 0x7f) == 35) {
      return avail < 8 ? -1 : 32 + 4 * read(b, at + 4, 4, little);
    }
    return 32;
  }

  /**
   * The byte order of the stream, or for a stream whose setup was not seen, the order in which
   * more of the client's requests from {@code at} fit in the segment ({@code little} on a tie).
   */
  private static boolean order(Session s, boolean server, byte[] b, int at, int end, long reportedEnd) {
    if (s.order != 0) {
      return s.order == 'l';
    }
    if (server) {
      return true;
    }
    return requestsThatFit(b, at, end, reportedEnd, false) <= requestsThatFit(b, at, end, reportedEnd, true);
  }

  private static int requestsThatFit(byte[] b, int at, int end, long reportedEnd, boolean little) {
    int n = 0;
    for (long p = at; p + 4 <= end; n++) {
      long words = read(b, (int) p, 2, little);
      if (words == 0) {
        if (p + 8 > end) {
          break;
        }
        words = read(b, (int) p + 4, 4, little);
      }
      if (words == 0 || p + 4 * words > reportedEnd) {
        break;
      }
      p += 4 * words;
    }
    return n;
  }

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    Session s = session(d, tcpLayer);
    boolean server = fromServer(d, tcpLayer);
    boolean little = order(s, server, b, off, off + avail, off + (long) avail);
    int[] kind = new int[1];
    long n = frame(s, server, b, off, avail, little, kind);
    if (n < 0) {
      return MORE;
    }
    return (int) Math.min(Math.max(n, 1), Integer.MAX_VALUE - 16);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int e = d.end(layer);
    d.payload(e, e);
    int transport = Transport.find(d, layer);
    Session session = session(d, transport);
    boolean server = fromServer(d, transport);
    byte[] b = d.data();
    long reportedEnd = s + Truncation.reportedLength(d, layer);
    if (!server && !session.clientStarted && looksLikeSetup(b, s, e - s)) {
      session.order = b[s];
    }
    boolean little = order(session, server, b, s, e, reportedEnd);
    List<Message> messages = new ArrayList<>();
    int[] kind = new int[1];
    for (int at = s; at < e; ) {
      long n = frame(session, server, b, at, e - at, little, kind);
      if (n < 0 || at + n > e) {
        break; // cut by the capture (or a message TCP could not complete): no item, as in tshark
      }
      int opcode = -1;
      switch (kind[0]) {
        case SETUP -> {
          session.setupSeen = true;
          session.sequence = 0;
        }
        case REQUEST -> {
          opcode = b[at] & 0xff;
          if (session.sequence >= 0) {
            session.sequence = (session.sequence + 1) & 0xffff;
            session.opcodes.put((int) session.sequence, opcode);
          }
        }
        case REPLY_MESSAGE -> {
          int seq = (int) read(b, at + 2, 2, little);
          if (session.sequence < 0) {
            session.sequence = seq; // mid-stream: the first reply starts the numbering
          } else {
            opcode = session.opcodes.getOrDefault(seq, -1);
          }
        }
        default -> { }
      }
      if (server) {
        session.serverStarted = true;
      } else {
        session.clientStarted = true;
      }
      messages.add(new Message(kind[0], at - s, (int) n, opcode));
      if (kind[0] == BOGUS) {
        break;
      }
      at += (int) n;
    }
    d.attach(layer, new Layout(little, messages));
    return null;
  }

  private static Layout layout(Tree t) {
    return t.attachment() instanceof Layout l ? l : null;
  }

  /** tshark adds no X11 item when the segment's first message was not captured whole. */
  @Override
  public boolean hiddenInTree(Dissection d, int layer) {
    return d.attachment(layer) instanceof Layout l && l.messages.isEmpty();
  }

  @Override
  public String label(Tree t) {
    Layout l = layout(t);
    return l == null || l.messages.isEmpty() ? longName() : itemText(t, l, l.messages.get(0));
  }

  private static String itemText(Tree t, Layout l, Message m) {
    switch (m.kind) {
      case SETUP:
        return "X11, Request, Initial connection request";
      case SETUP_REPLY:
        return "X11, Reply, Initial connection reply";
      case REQUEST:
        int op = t.u8(m.at);
        return "X11, Request, opcode: " + op + " (" + requestName(op) + ")";
      case REPLY_MESSAGE:
        return m.opcode < 0 ? "X11, Reply to unknown request"
            : "X11, Reply, opcode: " + m.opcode + " (" + requestName(m.opcode) + ")";
      case EVENT:
        int code = t.u8(m.at) & 0x7f;
        return "X11, Event, eventcode: " + code + " (" + EVENTS.getOrDefault((long) code, "<Unknown>") + ")";
      case ERROR_MESSAGE:
        int err = t.u8(m.at + 1);
        return "X11, Error, errorcode: " + err + " (" + ERRORS.getOrDefault((long) err, "<Unknown>") + ")";
      default:
        return "X11";
    }
  }

  private static String requestName(int opcode) {
    String name = OPCODES.get((long) opcode);
    return name != null ? name : "<Unknown opcode " + opcode + ">";
  }

  /** Several PDUs in one layer show as protocol items of their own. */
  @Override
  public boolean severalProtocolItems() {
    return true;
  }

  @Override
  public void fields(Tree t) {
    Layout l = layout(t);
    if (l == null) {
      return;
    }
    for (int i = 0; i < l.messages.size(); i++) {
      Message m = l.messages.get(i);
      if (i > 0) {
        t.nextProtocolItem(protocolField(), m.at, m.length, itemText(t, l, m));
      }
      message(t, l.little, m);
    }
  }

  private static void message(Tree t, boolean little, Message m) {
    int at = m.at;
    switch (m.kind) {
      case SETUP -> {
        boolean l = t.u8(at) == 'l';
        t.bytes(INITIAL_CONNECTION, at, m.length);
        t.enter();
        num(t, PROTOCOL_MAJOR, at + 2, 2, l);
        num(t, PROTOCOL_MINOR, at + 4, 2, l);
        num(t, AUTH_NAME_LENGTH, at + 6, 2, l);
        num(t, AUTH_DATA_LENGTH, at + 8, 2, l);
        t.exit();
      }
      case SETUP_REPLY -> {
        t.uint(SUCCESS, at, 1);
        num(t, PROTOCOL_MAJOR, at + 2, 2, little);
        num(t, PROTOCOL_MINOR, at + 4, 2, little);
      }
      case REQUEST -> {
        int op = (int) t.uint(OPCODE, at, 1);
        if (OPCODES.containsKey((long) op)) {
          num(t, REQUEST_LENGTH, at + 2, 2, little);
        }
      }
      case BOGUS -> t.expert(BOGUS_LENGTH, at, 4, null);
      case REPLY_MESSAGE -> {
        t.uint(REPLY, at, 1);
        num(t, REPLY_SEQUENCE, at + 2, 2, little);
        num(t, REPLY_LENGTH, at + 4, 4, little);
      }
      case EVENT -> {
        t.number(EVENT_CODE, at, 1, t.u8(at) & 0x7f);
        if ((t.u8(at) & 0x7f) != 11) { // KeymapNotify carries no sequence number
          num(t, EVENT_SEQUENCE, at + 2, 2, little);
        }
      }
      case ERROR_MESSAGE -> {
        t.uint(ERROR, at, 1);
        t.uint(ERROR_CODE, at + 1, 1);
        num(t, ERROR_SEQUENCE, at + 2, 2, little);
      }
      default -> { }
    }
  }

  private static void num(Tree t, Field f, int at, int len, boolean little) {
    if (little) {
      t.uintle(f, at, len);
    } else {
      t.uint(f, at, len);
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    Layout l = layout(t);
    if (l == null || l.messages.isEmpty() || l.messages.get(0).kind == BOGUS) {
      return; // TCP's Info stays, as in tshark
    }
    StringBuilder sb = new StringBuilder();
    for (Message m : l.messages) {
      String part = switch (m.kind) {
        case SETUP -> "Initial connection request";
        case SETUP_REPLY -> "Initial connection reply";
        case REQUEST -> requestName(t.u8(m.at));
        case REPLY_MESSAGE -> "Reply: " + (m.opcode < 0 ? "to unknown request" : requestName(m.opcode));
        case EVENT -> "Event: " + EVENTS.getOrDefault((long) (t.u8(m.at) & 0x7f), "<Unknown>");
        case ERROR_MESSAGE -> "Error: " + ERRORS.getOrDefault((long) t.u8(m.at + 1), "<Unknown>");
        default -> null;
      };
      if (part == null) {
        continue;
      }
      if (sb.length() == 0 && m.kind == REQUEST) {
        sb.append("Requests: ");
      } else if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(part);
    }
    c.setInfo(sb.toString());
  }
}

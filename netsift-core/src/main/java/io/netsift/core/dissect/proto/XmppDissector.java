package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Extensible Messaging and Presence Protocol (<a href="https://www.rfc-editor.org/rfc/rfc6120">RFC
 * 6120</a>, stanzas in <a href="https://www.rfc-editor.org/rfc/rfc6121">RFC 6121</a>) on TCP port
 * 5222: each segment is XML (the {@code xml} layer follows), and its top-level elements are the
 * stanzas.
 *
 * <pre>
 * &lt;iq id='0' type='get' to='example.com'&gt;&lt;ping xmlns='urn:xmpp:ping'/&gt;&lt;/iq&gt;
 * &lt;iq id='0' type='result'/&gt;
 * &lt;message to='a@b' type='chat'&gt;&lt;body&gt;hi&lt;/body&gt;&lt;/message&gt;   &lt;presence/&gt;
 * </pre>
 *
 * As tshark 4.0 shows them: an {@code iq}, {@code message} or {@code presence} item whose text
 * lists its short attributes, the attributes it knows as fields and any other as "[UNKNOWN
 * ATTR]" with a note; a ping child; and request/response tracking of {@code iq} stanzas by id
 * per TCP conversation (the first stanza with an id is the request, the next with that id its
 * response; a request seen before its response has none yet: "Packet without response"). Other
 * stanzas and children (stream headers, SASL, roster queries...) are not dissected yet: they
 * leave the Info column as XMPP's and raise nothing. Segments are not joined.
 */
public final class XmppDissector extends Dissector implements Protocols.Registrable {
  static final int PORT = 5222;

  public static final Field IQ = Field.none("xmpp.iq", "IQ");
  public static final Field MESSAGE = Field.none("xmpp.message", "MESSAGE");
  public static final Field PRESENCE = Field.none("xmpp.presence", "PRESENCE");
  public static final Field XMLNS = Field.string("xmpp.xmlns", "xmlns");
  public static final Field ID = Field.string("xmpp.id", "id");
  public static final Field TYPE = Field.string("xmpp.type", "type");
  public static final Field FROM = Field.string("xmpp.from", "from");
  public static final Field TO = Field.string("xmpp.to", "to");
  public static final Field SHOW = Field.string("xmpp.presence.show", "SHOW");
  public static final Field CHATSTATE = Field.string("xmpp.message.chatstate", "CHATSTATE");
  /** An attribute the stanza does not know: its name (tshark's tree adds the value). */
  public static final Field UNKNOWN_ATTR = Field.string("xmpp.unknown_attr", "UNKNOWN ATTR");
  public static final Field PING = Field.none("xmpp.ping", "PING");
  public static final Field OUT = Field.bool("xmpp.out", "Out").hidden();
  public static final Field IN = Field.bool("xmpp.in", "In").hidden();
  public static final Field RESPONSE_IN = Field.frameNum("xmpp.response_in", "Response In");
  public static final Field RESPONSE_TO = Field.frameNum("xmpp.response_to", "Request In");
  public static final Expert UNKNOWN_ATTRIBUTE = new Expert("xmpp.unknown.attribute", Expert.Severity.NOTE,
      "Undecoded", "Unknown attribute");
  public static final Expert WITHOUT_RESPONSE = new Expert("xmpp.packet_without_response", Expert.Severity.CHAT,
      "Protocol", "Packet without response");

  /** An attribute the stanza knows: its name, its field (null: a text item), whether it is short-listed. */
  private record Known(String name, Field field, boolean inShortList) {}

  private static final List<Known> IQ_ATTRS = List.of(new Known("xmlns", XMLNS, false), new Known("id", ID, true),
      new Known("type", TYPE, true), new Known("from", FROM, true), new Known("to", TO, true),
      new Known("xml:lang", null, false));
  private static final List<Known> MESSAGE_ATTRS = List.of(new Known("from", FROM, false), new Known("id", ID, true),
      new Known("to", TO, false), new Known("type", TYPE, true), new Known("xml:lang", null, false),
      new Known("chatstate", CHATSTATE, true));
  private static final List<Known> PRESENCE_ATTRS = List.of(new Known("from", FROM, false), new Known("id", ID, true),
      new Known("to", TO, false), new Known("type", TYPE, true), new Known("xml:lang", null, false),
      new Known("show", SHOW, true), new Known("priority", null, false));
  private static final List<Known> PING_ATTRS = List.of(new Known("xmlns", XMLNS, true));

  /** An XML element of the segment: offsets from the layer's start. */
  static final class Element {
    String name;
    int start;
    int end;
    final List<String[]> attrs = new ArrayList<>(); // {name, value}
    final List<int[]> attrSpans = new ArrayList<>(); // {start, length} of name='value'
    final List<Element> children = new ArrayList<>();
    /** For an iq with an id: the frame of its request (0: none) and of its response (0: none yet). */
    long requestFrame = -1;
    long responseFrame;

    String attr(String n) {
      for (String[] a : attrs) {
        if (a[0].equals(n)) {
          return a[1];
        }
      }
      return null;
    }
  }

  /** What the first pass found: the stanzas and the direction. */
  private static final class Info {
    final List<Element> stanzas = new ArrayList<>();
    boolean out;
    long frame;
  }

  /** Per TCP conversation: iq transactions by id (case-insensitive), {request frame, response frame}. */
  private static final class Conversation {
    final Map<String, long[]> transactions = new HashMap<>();
  }

  public XmppDissector() {
    super("xmpp", "XMPP Protocol", "XMPP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, PORT, this);
  }

  /** tshark dissects the stanzas' XML inside XMPP's tree. */
  @Override
  public boolean nestsLaterLayers(Dissection d, int layer) {
    return true;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int e = d.end(layer);
    d.payload(e, e);
    if (e <= s) {
      return null;
    }
    Info info = new Info();
    d.attach(layer, info);
    int transport = Transport.find(d, layer);
    info.out = Transport.dstPort(d, transport) == PORT;
    info.frame = d.number();
    new XmlScanner(d.data(), s, e).topLevel(info.stanzas);
    if (!d.protocols().isStateless()) {
      Conversation c = PerStream.ofConversation(d, this, transport, Conversation::new);
      for (Element el : info.stanzas) {
        String id = el.attr("id");
        if (!el.name.equals("iq") || id == null) {
          continue;
        }
        long[] t = c.transactions.get(id.toLowerCase(Locale.ROOT));
        if (t == null) {
          c.transactions.put(id.toLowerCase(Locale.ROOT), new long[] {d.number(), 0});
          el.requestFrame = d.number();
        } else {
          t[1] = d.number();
          el.requestFrame = t[0];
          el.responseFrame = t[1];
        }
      }
    }
    d.payload(s, e);
    return d.protocols().byName("xml");
  }

  @Override
  public void fields(Tree t) {
    Info info = (Info) t.attachment();
    if (info == null) {
      return;
    }
    for (Element el : info.stanzas) {
      List<Known> known;
      Field item;
      switch (el.name) {
        case "iq": known = IQ_ATTRS; item = IQ; break;
        case "message": known = MESSAGE_ATTRS; item = MESSAGE; break;
        case "presence": known = PRESENCE_ATTRS; item = PRESENCE; break;
        default: continue;
      }
      t.generated(info.out ? OUT : IN, 1);
      element(t, el, item, known);
      if (el.name.equals("iq")) {
        for (Element child : el.children) {
          if (child.name.equals("ping") && "urn:xmpp:ping".equals(child.attr("xmlns"))) {
            element(t, child, PING, PING_ATTRS);
            t.exit();
          }
        }
        if (el.requestFrame == info.frame && el.responseFrame == 0) {
          t.expert(WITHOUT_RESPONSE, el.start, el.end - el.start, null);
        }
      }
      t.exit();
      if (el.name.equals("iq") && el.requestFrame >= 0) {
        if (el.requestFrame != info.frame) {
          t.generated(RESPONSE_TO, el.requestFrame);
        } else if (el.responseFrame != 0) {
          t.generated(RESPONSE_IN, el.responseFrame);
        }
      }
    }
  }

  /** The element's item (left entered) with its known attributes, then the unknown ones. */
  private static void element(Tree t, Element el, Field item, List<Known> known) {
    StringBuilder text = new StringBuilder(item.label());
    StringBuilder shortList = new StringBuilder();
    for (Known k : known) {
      String v = el.attr(k.name());
      if (v != null && k.inShortList()) {
        shortList.append(shortList.length() > 0 ? " " : "").append(k.name()).append("=\"").append(v).append('"');
      }
    }
    if (shortList.length() > 0) {
      text.append(" [").append(shortList).append(']');
    }
    t.object(item, el.start, el.end - el.start, text.toString());
    t.enter();
    for (Known k : known) {
      for (int a = 0; a < el.attrs.size(); a++) {
        if (el.attrs.get(a)[0].equals(k.name())) {
          int[] span = el.attrSpans.get(a);
          String v = el.attrs.get(a)[1];
          if (k.field() != null) {
            t.object(k.field(), span[0], span[1], v);
          } else {
            t.text(span[0], span[1], k.name() + ": " + v);
          }
        }
      }
    }
    for (int a = 0; a < el.attrs.size(); a++) {
      String name = el.attrs.get(a)[0];
      if (isKnown(known, name)) {
        continue;
      }
      int[] span = el.attrSpans.get(a);
      t.object(UNKNOWN_ATTR, span[0], span[1], name);
      t.enter();
      t.expert(UNKNOWN_ATTRIBUTE, span[0], span[1], "Unknown attribute " + name);
      t.exit();
    }
  }

  private static boolean isKnown(List<Known> known, String name) {
    for (Known k : known) {
      if (k.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    Info info = (Info) t.attachment();
    if (info == null) {
      return;
    }
    for (Element el : info.stanzas) {
      StringBuilder sb = new StringBuilder();
      switch (el.name) {
        case "iq":
          String type = el.attr("type");
          sb.append("IQ(").append(type != null ? type : "").append(") ");
          for (Element child : el.children) {
            if (child.name.equals("ping") && "urn:xmpp:ping".equals(child.attr("xmlns"))) {
              sb.append("PING ");
            }
          }
          break;
        case "message":
          sb.append("MESSAGE ");
          break;
        case "presence":
          sb.append("PRESENCE ");
          break;
        default:
          continue;
      }
      String peer = el.attr(info.out ? "to" : "from");
      if (peer != null) {
        sb.append(info.out ? "> " : "< ").append(peer).append(' ');
      }
      c.setInfo(sb.toString()); // each stanza replaces the Info of the one before
    }
  }

  /**
   * Reads elements, attributes and nesting from XML text; never throws: what does not parse ends
   * the element list there. Entities in values are left as written.
   */
  static final class XmlScanner {
    private static final int MAX_DEPTH = 32;
    private final byte[] b;
    private final int base;
    private final int end;
    private int p;

    XmlScanner(byte[] b, int from, int to) {
      this.b = b;
      this.base = from;
      this.end = to;
      this.p = from;
    }

    void topLevel(List<Element> out) {
      elements(out, null, 0);
    }

    /** Reads sibling elements into {@code out} until the end tag of {@code parent} or the end. */
    private void elements(List<Element> out, String parent, int depth) {
      while (p < end) {
        if (b[p] != '<') {
          p++;
          continue;
        }
        if (startsWith("<!--")) {
          p = skipPast("-->", p + 4);
          continue;
        }
        if (startsWith("<?") || startsWith("<!")) {
          p = skipPast(">", p + 2);
          continue;
        }
        if (startsWith("</")) {
          p = skipPast(">", p + 2);
          if (parent != null) {
            return;
          }
          continue;
        }
        Element el = startTag();
        if (el == null) {
          return;
        }
        out.add(el);
        if (el.end < 0) {
          if (depth < MAX_DEPTH) {
            elements(el.children, el.name, depth + 1);
          } else {
            p = end;
          }
          el.end = p - base;
        }
      }
    }

    /** A start tag at {@code p}: its name and attributes; end is set for an empty element. */
    private Element startTag() {
      int tagStart = p;
      p++;
      int nameStart = p;
      while (p < end && !isSpace(b[p]) && b[p] != '>' && b[p] != '/') {
        p++;
      }
      if (p == nameStart) {
        return null;
      }
      Element el = new Element();
      el.name = new String(b, nameStart, p - nameStart, StandardCharsets.UTF_8);
      el.start = tagStart - base;
      el.end = -1;
      while (p < end) {
        while (p < end && isSpace(b[p])) {
          p++;
        }
        if (p >= end) {
          break;
        }
        if (b[p] == '>') {
          p++;
          return el;
        }
        if (b[p] == '/') {
          p = skipPast(">", p + 1);
          el.end = p - base;
          return el;
        }
        int attrStart = p;
        while (p < end && b[p] != '=' && !isSpace(b[p]) && b[p] != '>' && b[p] != '/') {
          p++;
        }
        String name = new String(b, attrStart, p - attrStart, StandardCharsets.UTF_8);
        while (p < end && isSpace(b[p])) {
          p++;
        }
        if (p >= end || b[p] != '=') {
          if (p == attrStart) {
            p++; // a stray character: step over it
          }
          continue;
        }
        p++;
        while (p < end && isSpace(b[p])) {
          p++;
        }
        if (p >= end || (b[p] != '\'' && b[p] != '"')) {
          continue;
        }
        byte quote = b[p];
        int valueStart = ++p;
        while (p < end && b[p] != quote) {
          p++;
        }
        String value = new String(b, valueStart, p - valueStart, StandardCharsets.UTF_8);
        if (p < end) {
          p++;
        }
        el.attrs.add(new String[] {name, value});
        el.attrSpans.add(new int[] {attrStart - base, p - attrStart});
      }
      el.end = p - base;
      return el;
    }

    private boolean startsWith(String s) {
      if (p + s.length() > end) {
        return false;
      }
      for (int k = 0; k < s.length(); k++) {
        if (b[p + k] != s.charAt(k)) {
          return false;
        }
      }
      return true;
    }

    private int skipPast(String s, int from) {
      for (int q = from; q + s.length() <= end; q++) {
        boolean match = true;
        for (int k = 0; k < s.length() && match; k++) {
          match = b[q + k] == s.charAt(k);
        }
        if (match) {
          return q + s.length();
        }
      }
      return end;
    }

    private static boolean isSpace(byte c) {
      return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
  }
}

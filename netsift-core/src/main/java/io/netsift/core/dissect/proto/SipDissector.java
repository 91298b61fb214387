package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Session Initiation Protocol, <a href="https://www.rfc-editor.org/rfc/rfc3261">RFC 3261</a>, on
 * tshark's UDP and TCP port 5060:
 *
 * <pre>
 * Request-Line = Method SP Request-URI SP SIP-Version CRLF
 * Status-Line  = SIP-Version SP Status-Code SP Reason-Phrase CRLF
 * *( message-header CRLF ) CRLF [ message-body ]      ; body length from Content-Length
 * </pre>
 *
 * One layer per datagram (one message; several in one datagram are not split yet). Headers
 * become tshark's fields by their names (compact forms such as {@code f:} and {@code v:}
 * included); From, To, Via and CSeq are broken into their parts as tshark does. A body whose
 * Content-Type is {@code application/sdp} goes to {@link SdpDissector}, which sets up the media
 * conversations it describes. The Info column is tshark's: "Request: METHOD URI" (", in-dialog"
 * for an INVITE whose To carries a tag, the REGISTER bindings), "Status: CODE REASON" (the
 * CSeq method for a 2xx), each message followed by " | ". Not done: the parameters and
 * display names of Contact and other address headers, authorization headers' parts, and
 * request/response matching ({@code sip.resend}, {@code sip.response-request}).
 */
public final class SipDissector extends Dissector implements Protocols.Registrable {
  private static final int PORT = 5060;

  public static final Field MSG_HDR = Field.string("sip.msg_hdr", "Message Header");
  public static final Field METHOD = Field.string("sip.Method", "Method");
  public static final Field REQUEST_LINE = Field.string("sip.Request-Line", "Request-Line");
  public static final Field R_URI = Field.string("sip.r-uri", "Request-URI");
  public static final Field R_URI_USER = Field.string("sip.r-uri.user", "Request-URI User Part");
  public static final Field R_URI_HOST = Field.string("sip.r-uri.host", "Request-URI Host Part");
  public static final Field R_URI_PORT = Field.string("sip.r-uri.port", "Request-URI Host Port");
  public static final Field STATUS_CODE = Field.u32("sip.Status-Code", "Status-Code");
  public static final Field STATUS_LINE = Field.string("sip.Status-Line", "Status-Line");
  public static final Field TO_ADDR = Field.string("sip.to.addr", "SIP to address");
  public static final Field TO_USER = Field.string("sip.to.user", "SIP to address User Part");
  public static final Field TO_HOST = Field.string("sip.to.host", "SIP to address Host Part");
  public static final Field TO_PORT = Field.string("sip.to.port", "SIP to address Host Port");
  public static final Field TO_TAG = Field.string("sip.to.tag", "SIP to tag");
  public static final Field FROM_ADDR = Field.string("sip.from.addr", "SIP from address");
  public static final Field FROM_USER = Field.string("sip.from.user", "SIP from address User Part");
  public static final Field FROM_HOST = Field.string("sip.from.host", "SIP from address Host Part");
  public static final Field FROM_PORT = Field.string("sip.from.port", "SIP from address Host Port");
  public static final Field FROM_TAG = Field.string("sip.from.tag", "SIP from tag");
  public static final Field TO_PARAM = Field.string("sip.to.param", "SIP To URI parameter");
  public static final Field TO_DISPLAY = Field.string("sip.to.display.info", "SIP to display info");
  public static final Field FROM_PARAM = Field.string("sip.from.param", "SIP From URI parameter");
  public static final Field FROM_DISPLAY = Field.string("sip.from.display.info", "SIP from display info");
  public static final Field CONTACT_URI = Field.string("sip.contact.uri", "Contact URI");
  public static final Field CONTACT_USER = Field.string("sip.contact.user", "Contact URI User Part");
  public static final Field CONTACT_HOST = Field.string("sip.contact.host", "Contact URI Host Part");
  public static final Field CONTACT_PORT = Field.string("sip.contact.port", "Contact URI Host Port");
  public static final Field CONTACT_PARAM = Field.string("sip.contact.param", "Contact URI parameter");
  public static final Field CONTACT_DISPLAY = Field.string("sip.contact.display.info", "SIP contact display info");
  public static final Field CONTACT_PARAMETER = Field.string("sip.contact.parameter", "Contact parameter");
  public static final Field DISPLAY = Field.string("sip.display.info", "SIP Display info");
  public static final Field TAG = Field.string("sip.tag", "SIP tag");
  public static final Field CSEQ_SEQ = Field.u32("sip.CSeq.seq", "Sequence Number");
  public static final Field CSEQ_METHOD = Field.string("sip.CSeq.method", "Method");
  public static final Field VIA_TRANSPORT = Field.string("sip.Via.transport", "Transport");
  public static final Field VIA_ADDRESS = Field.string("sip.Via.sent-by.address", "Sent-by Address");
  public static final Field VIA_PORT = Field.u16("sip.Via.sent-by.port", "Sent-by port");
  public static final Field VIA_BRANCH = Field.string("sip.Via.branch", "Branch");
  public static final Field VIA_RPORT = Field.string("sip.Via.rport", "RPort");
  public static final Field VIA_RECEIVED = Field.string("sip.Via.received", "Received");
  public static final Field MSG_BODY = Field.none("sip.msg_body", "Message Body");

  /** Header fields by lower-case name (long and compact forms). */
  private static final Map<String, Field> HEADERS = new java.util.HashMap<>();

  private static Field header(String name, String... compact) {
    Field f = name.equals("Content-Length") || name.equals("Max-Forwards") || name.equals("Expires")
        || name.equals("Min-Expires")
        ? Field.u32("sip." + name, name) : Field.string("sip." + name, name);
    HEADERS.put(name.toLowerCase(Locale.ROOT), f);
    for (String c : compact) {
      HEADERS.put(c, f);
    }
    return f;
  }

  public static final Field ACCEPT = header("Accept");
  public static final Field ACCEPT_ENCODING = header("Accept-Encoding");
  public static final Field ACCEPT_LANGUAGE = header("Accept-Language");
  public static final Field ALERT_INFO = header("Alert-Info");
  public static final Field ALLOW = header("Allow");
  public static final Field ALLOW_EVENTS = header("Allow-Events", "u");
  public static final Field AUTHORIZATION = header("Authorization");
  public static final Field CALL_ID = header("Call-ID", "i");
  public static final Field CALL_INFO = header("Call-Info");
  public static final Field CONTACT = header("Contact", "m");
  public static final Field CONTENT_DISPOSITION = header("Content-Disposition");
  public static final Field CONTENT_ENCODING = header("Content-Encoding", "e");
  public static final Field CONTENT_LENGTH = header("Content-Length", "l");
  public static final Field CONTENT_TYPE = header("Content-Type", "c");
  public static final Field CSEQ = header("CSeq");
  public static final Field DATE = header("Date");
  public static final Field EVENT = header("Event", "o");
  public static final Field EXPIRES = header("Expires");
  public static final Field FROM = header("From", "f");
  public static final Field MAX_FORWARDS = header("Max-Forwards");
  public static final Field MIN_SE = header("Min-SE");
  public static final Field ORGANIZATION = header("Organization");
  public static final Field P_ASSERTED_IDENTITY = header("P-Asserted-Identity");
  public static final Field P_ASSOCIATED_URI = header("P-Associated-URI");
  public static final Field PRIVACY = header("Privacy");
  public static final Field PROXY_AUTHENTICATE = header("Proxy-Authenticate");
  public static final Field PROXY_AUTHORIZATION = header("Proxy-Authorization");
  public static final Field REASON = header("Reason");
  public static final Field RECORD_ROUTE = header("Record-Route");
  public static final Field REQUIRE = header("Require");
  public static final Field ROUTE = header("Route");
  public static final Field SERVER = header("Server");
  public static final Field SESSION_EXPIRES = header("Session-Expires", "x");
  public static final Field SUBJECT = header("Subject", "s");
  public static final Field SUPPORTED = header("Supported", "k");
  public static final Field TIMESTAMP = header("Timestamp");
  public static final Field TO = header("To", "t");
  public static final Field USER_AGENT = header("User-Agent");
  public static final Field VIA = header("Via", "v");
  public static final Field WARNING = header("Warning");
  public static final Field WWW_AUTHENTICATE = header("WWW-Authenticate");

  /** tshark's request methods. */
  private static final java.util.Set<String> METHODS = java.util.Set.of("ACK", "BYE", "CANCEL", "DO", "INFO",
      "INVITE", "MESSAGE", "NOTIFY", "OPTIONS", "PRACK", "QAUTH", "REFER", "REGISTER", "SPRACK", "SUBSCRIBE",
      "UPDATE", "PUBLISH");

  public SipDissector() {
    super("sip", "Session Initiation Protocol", "SIP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, PORT, this);
    p.map(Protocols.Table.TCP_PORT, PORT, this);
  }

  /** One parsed message: where its lines and body are (absolute offsets). */
  static final class Message {
    int lineEnd;
    int headersEnd;
    int bodyStart = -1;
    int bodyEnd;
    boolean request;
    String method = "";
    String uri = "";
    int status = -1;
    String reason = "";
    String contentType = "";
    String cseqMethod = "";
    boolean toTag;
    int contacts;
    int removes;
  }

  private static String text(byte[] b, int from, int to) {
    return new String(b, from, Math.max(0, to - from), StandardCharsets.ISO_8859_1);
  }

  /** Where the line at {@code p} ends before its CR LF or LF. */
  private static int lineEnd(byte[] b, int p, int end) {
    int e = p;
    while (e < end && b[e] != '\n') {
      e++;
    }
    return e > p && b[e - 1] == '\r' ? e - 1 : e;
  }

  private static int next(byte[] b, int p, int end) {
    int e = p;
    while (e < end && b[e] != '\n') {
      e++;
    }
    return e < end ? e + 1 : end;
  }

  /** Parses the message at {@code [s, end)}, or returns null when it starts with no SIP line. */
  static Message parse(byte[] b, int s, int end) {
    Message m = new Message();
    m.lineEnd = lineEnd(b, s, end);
    String first = text(b, s, m.lineEnd);
    String[] parts = first.split(" ", 3);
    if (first.startsWith("SIP/2.0 ")) {
      m.request = false;
      String rest = first.substring(8);
      int sp = rest.indexOf(' ');
      String code = sp < 0 ? rest : rest.substring(0, sp);
      if (code.length() != 3 || !code.chars().allMatch(Character::isDigit)) {
        return null;
      }
      m.status = Integer.parseInt(code);
      m.reason = sp < 0 ? "" : rest.substring(sp + 1);
    } else if (parts.length == 3 && parts[2].equals("SIP/2.0") && !parts[0].isEmpty()) {
      m.request = true;
      m.method = parts[0];
      m.uri = parts[1];
    } else {
      return null;
    }
    long contentLength = -1;
    int p = next(b, s, end);
    while (p < end) {
      int le = lineEnd(b, p, end);
      if (le == p) {
        m.headersEnd = next(b, p, end);
        break;
      }
      String line = text(b, p, le);
      int colon = line.indexOf(':');
      if (colon > 0) {
        String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).strip();
        switch (name) {
          case "content-type", "c" -> m.contentType = value;
          case "content-length", "l" -> contentLength = parseLong(value);
          case "cseq" -> {
            String[] cs = value.split("\\s+");
            m.cseqMethod = cs.length > 1 ? cs[1] : "";
          }
          case "to", "t" -> m.toTag = value.contains(";tag=");
          case "contact", "m" -> {
            for (String c : value.split(",")) {
              m.contacts += c.isBlank() ? 0 : 1;
              m.removes += c.replaceAll("\\s", "").toLowerCase(Locale.ROOT).contains(";expires=0") ? 1 : 0;
            }
          }
          case "expires" -> m.removes += value.equals("0") ? 1 : 0;
          default -> { }
        }
      }
      p = next(b, p, end);
      m.headersEnd = p;
    }
    if (m.headersEnd < end) {
      m.bodyStart = m.headersEnd;
      m.bodyEnd = contentLength >= 0 ? (int) Math.min(end, m.bodyStart + contentLength) : end;
      if (m.bodyEnd <= m.bodyStart) {
        m.bodyStart = -1;
      }
    }
    return m;
  }

  private static long parseLong(String v) {
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    Message m = parse(d.data(), s, end);
    if (m == null || m.bodyStart < 0) {
      d.payload(end, end);
      return null;
    }
    String type = m.contentType;
    int semi = type.indexOf(';');
    type = (semi < 0 ? type : type.substring(0, semi)).strip();
    d.setEnd(layer, m.bodyEnd);
    d.payload(m.bodyStart, m.bodyEnd);
    // A rejected offer's answer sets nothing up: tshark's SDP applies offers and accepted answers.
    return type.equalsIgnoreCase("application/sdp") ? d.protocols().byName("sdp") : null;
  }

  /** Whether the SIP layer {@code layer} is a response that rejects (3xx and above), whose SDP sets nothing up. */
  static boolean rejects(Dissection d, int layer) {
    Message m = parse(d.data(), d.start(layer), d.end(layer));
    return m != null && !m.request && m.status >= 300;
  }

  @Override
  public void fields(Tree t) {
    byte[] b = t.data();
    int base = t.start();
    int end = base + t.length();
    Message m = parse(b, base, end);
    if (m == null) {
      return;
    }
    if (m.request) {
      t.object(REQUEST_LINE, 0, m.lineEnd - base, text(b, base, m.lineEnd));
      t.enter();
      t.object(METHOD, 0, m.method.length(), m.method);
      int at = m.method.length() + 1;
      t.object(R_URI, at, m.uri.length(), m.uri);
      t.enter();
      uriParts(t, m.uri, at, R_URI_USER, R_URI_HOST, R_URI_PORT);
      t.exit();
      t.exit();
    } else {
      t.object(STATUS_LINE, 0, m.lineEnd - base, text(b, base, m.lineEnd));
      t.enter();
      t.number(STATUS_CODE, 8, 3, m.status);
      t.exit();
    }
    int hdr = next(b, base, end);
    int hdrEnd = m.headersEnd > 0 ? m.headersEnd : end;
    t.object(MSG_HDR, hdr - base, hdrEnd - hdr, text(b, hdr, hdrEnd));
    t.enter();
    for (int p = hdr; p < hdrEnd; p = next(b, p, end)) {
      int le = lineEnd(b, p, end);
      if (le == p) {
        break;
      }
      header(t, b, base, p, le);
    }
    t.exit();
    if (m.bodyStart >= 0) {
      t.object(MSG_BODY, m.bodyStart - base, m.bodyEnd - m.bodyStart, null);
    }
  }

  /** The user, host and port of a SIP URI ({@code sip:user@host:port;params}). */
  private static void uriParts(Tree t, String uri, int at, Field user, Field host, Field port) {
    int colon = uri.indexOf(':');
    if (colon < 0) {
      return;
    }
    int from = colon + 1;
    int stop = uri.length();
    for (int i = from; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == ';' || c == '?' || c == '>') {
        stop = i;
        break;
      }
    }
    int atSign = uri.lastIndexOf('@', stop - 1);
    if (atSign >= from) {
      int userEnd = atSign;
      int userColon = uri.indexOf(':', from);
      if (userColon >= 0 && userColon < atSign) {
        userEnd = userColon;
      }
      t.object(user, at + from, userEnd - from, uri.substring(from, userEnd));
      from = atSign + 1;
    }
    int portColon = uri.indexOf(':', from);
    if (portColon >= 0 && portColon < stop) {
      t.object(host, at + from, portColon - from, uri.substring(from, portColon));
      if (port != null) {
        t.object(port, at + portColon + 1, stop - portColon - 1, uri.substring(portColon + 1, stop));
      }
    } else {
      t.object(host, at + from, stop - from, uri.substring(from, stop));
    }
  }

  private static void header(Tree t, byte[] b, int base, int p, int le) {
    String line = text(b, p, le);
    int colon = line.indexOf(':');
    if (colon <= 0) {
      t.text(p - base, le - p, line);
      return;
    }
    String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    Field f = HEADERS.get(name);
    int v = colon + 1;
    while (v < line.length() && (line.charAt(v) == ' ' || line.charAt(v) == '\t')) {
      v++;
    }
    String value = line.substring(v).strip();
    int rel = p - base;
    if (f == null) {
      t.text(rel, le - p, line);
      return;
    }
    if (f == CONTENT_LENGTH || f == MAX_FORWARDS || f == EXPIRES) {
      long n = parseLong(value);
      if (n >= 0) {
        t.number(f, rel, le - p, n);
      } else {
        t.text(rel, le - p, line);
      }
      return;
    }
    t.object(f, rel, le - p, value);
    int vrel = rel + v;
    if (f == FROM || f == TO) {
      t.enter();
      address(t, value, vrel, f == FROM ? FROM_PARTS : TO_PARTS);
      t.exit();
    } else if (f == CONTACT && !value.equals("*")) {
      t.enter();
      address(t, value, vrel, CONTACT_PARTS);
      t.exit();
    } else if (f == CSEQ) {
      String[] cs = value.split("\\s+");
      t.enter();
      long seq = parseLong(cs[0]);
      if (seq >= 0) {
        t.number(CSEQ_SEQ, vrel, cs[0].length(), seq);
      }
      if (cs.length > 1) {
        t.object(CSEQ_METHOD, vrel + value.lastIndexOf(cs[1]), cs[1].length(), cs[1]);
      }
      t.exit();
    } else if (f == VIA) {
      t.enter();
      via(t, value, vrel);
      t.exit();
    }
  }

  /** The fields of one kind of address header. */
  private record Parts(Field addr, Field user, Field host, Field port, Field param, Field tag, Field display,
      Field parameter) {}

  private static final Parts FROM_PARTS = new Parts(FROM_ADDR, FROM_USER, FROM_HOST, FROM_PORT, FROM_PARAM,
      FROM_TAG, FROM_DISPLAY, null);
  private static final Parts TO_PARTS = new Parts(TO_ADDR, TO_USER, TO_HOST, TO_PORT, TO_PARAM, TO_TAG,
      TO_DISPLAY, null);
  private static final Parts CONTACT_PARTS = new Parts(CONTACT_URI, CONTACT_USER, CONTACT_HOST, CONTACT_PORT,
      CONTACT_PARAM, null, CONTACT_DISPLAY, CONTACT_PARAMETER);

  /**
   * A name-addr or addr-spec with parameters: the display name, the address, its parts and URI
   * parameters, the tag and (for Contact) the header's other parameters.
   */
  private static void address(Tree t, String value, int at, Parts f) {
    int lt = value.indexOf('<');
    String uri;
    int uriAt;
    String params;
    if (lt >= 0) {
      if (lt > 0) {
        String display = value.substring(0, lt);
        int close = display.startsWith("\"") ? display.indexOf('"', 1) : -1;
        // A quoted name ends at its closing quote; an unquoted one keeps its blanks, as tshark shows them.
        if (close > 0) {
          display = display.substring(0, close + 1);
        }
        t.object(f.display(), at, display.length(), display);
        t.object(DISPLAY, at, display.length(), display);
      }
      int gt = value.indexOf('>', lt);
      int e = gt < 0 ? value.length() : gt;
      uri = value.substring(lt + 1, e);
      uriAt = lt + 1;
      params = gt < 0 ? "" : value.substring(gt + 1);
    } else {
      int semi = value.indexOf(';');
      uri = semi < 0 ? value : value.substring(0, semi);
      uriAt = 0;
      params = semi < 0 ? "" : value.substring(semi);
    }
    t.object(f.addr(), at + uriAt, uri.length(), uri);
    t.enter();
    uriParts(t, uri, at + uriAt, f.user(), f.host(), f.port());
    int semi = uri.indexOf(';');
    if (semi >= 0) {
      int pAt = at + uriAt + semi + 1;
      for (String param : uri.substring(semi + 1).split(";")) {
        t.object(f.param(), pAt, param.length(), param);
        pAt += param.length() + 1;
      }
    }
    t.exit();
    int pAt = at + value.length() - params.length();
    for (String param : params.split(";")) {
      String p = param.strip();
      if (!p.isEmpty()) {
        if (p.startsWith("tag=") && f.tag() != null) {
          String v = p.substring(4);
          t.object(f.tag(), pAt + 4, v.length(), v);
          t.object(TAG, pAt + 4, v.length(), v);
        } else if (f.parameter() != null) {
          t.object(f.parameter(), pAt, p.length(), p);
        }
      }
      pAt += param.length() + 1;
    }
  }

  /** "SIP/2.0/UDP host:port;branch=...": transport, sent-by and the parameters tshark reports. */
  private static void via(Tree t, String value, int at) {
    int sp = value.indexOf(' ');
    String proto = sp < 0 ? value : value.substring(0, sp);
    int slash = proto.lastIndexOf('/');
    if (slash >= 0) {
      t.object(VIA_TRANSPORT, at + slash + 1, proto.length() - slash - 1, proto.substring(slash + 1));
    }
    if (sp < 0) {
      return;
    }
    String rest = value.substring(sp + 1).strip();
    int restAt = at + value.indexOf(rest, sp);
    int semi = rest.indexOf(';');
    String sentBy = semi < 0 ? rest : rest.substring(0, semi);
    int colon = sentBy.lastIndexOf(':');
    if (colon > 0 && sentBy.indexOf(']') < colon) {
      t.object(VIA_ADDRESS, restAt, colon, sentBy.substring(0, colon));
      long port = parseLong(sentBy.substring(colon + 1));
      if (port >= 0) {
        t.number(VIA_PORT, restAt + colon + 1, sentBy.length() - colon - 1, port);
      }
    } else {
      t.object(VIA_ADDRESS, restAt, sentBy.length(), sentBy.strip());
    }
    if (semi < 0) {
      return;
    }
    int pAt = restAt + semi + 1;
    for (String param : rest.substring(semi + 1).split(";")) {
      int eq = param.indexOf('=');
      String n = (eq < 0 ? param : param.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
      String v = eq < 0 ? param.strip() : param.substring(eq + 1);
      Field f = n.equals("branch") ? VIA_BRANCH : n.equals("received") ? VIA_RECEIVED
          : n.equals("rport") ? VIA_RPORT : null;
      if (f != null) {
        t.object(f, pAt + (eq < 0 ? 0 : eq + 1), v.length(), v);
      }
      pAt += param.length() + 1;
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    Message m = parse(t.data(), t.start(), t.start() + t.length());
    if (m == null) {
      c.setInfo("Continuation");
      return;
    }
    StringBuilder s = new StringBuilder();
    if (m.request) {
      s.append("Request: ").append(m.method).append(' ').append(m.uri);
      if (m.method.equals("INVITE") && m.toTag) {
        s.append(", in-dialog");
      }
      if (m.method.equals("REGISTER")) {
        bindings(s, m);
      }
    } else {
      s.append("Status: ").append(m.status).append(' ').append(m.reason);
      if (m.status >= 200 && m.status < 300 && !m.cseqMethod.isEmpty()) {
        s.append(" (").append(m.cseqMethod).append(')');
        if (m.cseqMethod.equals("REGISTER")) {
          bindings(s, m);
        }
      }
    }
    s.append(" | ");
    c.setInfo(s.toString());
  }

  /** tshark's count of bindings, which adds an Expires of 0 to the contacts that expire. */
  private static void bindings(StringBuilder s, Message m) {
    if (m.removes > 0) {
      s.append("  (remove ").append(m.removes).append(m.removes == 1 ? " binding)" : " bindings)");
    } else if (m.contacts > 0) {
      s.append("  (").append(m.contacts).append(m.contacts == 1 ? " binding)" : " bindings)");
    } else {
      s.append("  (fetch bindings)");
    }
  }
}

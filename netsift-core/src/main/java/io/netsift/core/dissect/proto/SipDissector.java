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
 * CSeq method for a 2xx), each message followed by " | ". Over UDP, resent messages and the
 * request a response answers are found as tshark finds them ({@link #track}). Not done: several
 * messages in one datagram, messages split across TCP segments, the parts of Route, Record-Route
 * and P-Asserted-Identity, and {@code sip.release-time}.
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
  public static final Field RESEND = Field.bool("sip.resend", "Resent Packet").generated();
  public static final Field RESEND_ORIGINAL = Field.frameNum("sip.resend-original", "Suspected resend of frame")
      .generated();
  public static final Field RESPONSE_REQUEST = Field.frameNum("sip.response-request", "Request Frame").generated();
  public static final Field RESPONSE_TIME = Field.u32("sip.response-time", "Response Time (ms)").generated();
  public static final Field REASON_PROTOCOLS = Field.string("sip.reason_protocols", "Reason protocols");
  public static final Field REASON_CAUSE_Q850 = Field.u32("sip.reason_cause_q850", "Cause");
  public static final Field REASON_CAUSE_SIP = Field.u32("sip.reason_cause_sip", "Cause");
  public static final Field REASON_CAUSE_OTHER = Field.u32("sip.reason_cause_other", "Cause");
  public static final Field REASON_TEXT = Field.string("sip.reason_text", "Text");
  public static final Field AUTH = Field.string("sip.auth", "Authentication");
  public static final Field AUTH_SCHEME = Field.string("sip.auth.scheme", "Authentication Scheme");
  public static final Field AUTH_RESPONSE = Field.string("sip.auth.digest.response", "Digest Authentication Response");
  public static final Field AUTH_NC = Field.string("sip.auth.nc", "Nonce Count");
  public static final Field AUTH_USERNAME = Field.string("sip.auth.username", "Username");
  public static final Field AUTH_REALM = Field.string("sip.auth.realm", "Realm");
  public static final Field AUTH_NONCE = Field.string("sip.auth.nonce", "Nonce Value");
  public static final Field AUTH_ALGORITHM = Field.string("sip.auth.algorithm", "Algorithm");
  public static final Field AUTH_OPAQUE = Field.string("sip.auth.opaque", "Opaque Value");
  public static final Field AUTH_QOP = Field.string("sip.auth.qop", "QOP");
  public static final Field AUTH_CNONCE = Field.string("sip.auth.cnonce", "CNonce Value");
  public static final Field AUTH_URI = Field.string("sip.auth.uri", "Authentication URI");
  public static final Field AUTH_DOMAIN = Field.string("sip.auth.domain", "Authentication Domain");
  public static final Field AUTH_STALE = Field.string("sip.auth.stale", "Stale Flag");
  public static final Field AUTH_AUTS = Field.string("sip.auth.auts", "Authentication Token");
  public static final Field AUTH_RSPAUTH = Field.string("sip.auth.rspauth", "Response auth");
  public static final Field AUTH_NEXTNONCE = Field.string("sip.auth.nextnonce", "Next Nonce");
  public static final Field AUTH_IK = Field.string("sip.auth.ik", "Integrity Key");
  public static final Field AUTH_CK = Field.string("sip.auth.ck", "Cyphering Key");
  /** Authentication parameters by name. */
  private static final Map<String, Field> AUTH_PARAMS = Map.ofEntries(
      Map.entry("response", AUTH_RESPONSE),
      Map.entry("nc", AUTH_NC),
      Map.entry("username", AUTH_USERNAME),
      Map.entry("realm", AUTH_REALM),
      Map.entry("nonce", AUTH_NONCE),
      Map.entry("algorithm", AUTH_ALGORITHM),
      Map.entry("opaque", AUTH_OPAQUE),
      Map.entry("qop", AUTH_QOP),
      Map.entry("cnonce", AUTH_CNONCE),
      Map.entry("uri", AUTH_URI),
      Map.entry("domain", AUTH_DOMAIN),
      Map.entry("stale", AUTH_STALE),
      Map.entry("auts", AUTH_AUTS),
      Map.entry("rspauth", AUTH_RSPAUTH),
      Map.entry("nextnonce", AUTH_NEXTNONCE),
      Map.entry("ik", AUTH_IK),
      Map.entry("ck", AUTH_CK));
  public static final Field CALL_ID_GENERATED = Field.string("sip.call_id_generated", "Generated Call-ID")
      .generated();

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
    String callId;
    long cseq = -1;
  }

  private static boolean isSdp(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().equalsIgnoreCase("application/sdp");
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
    m.headersEnd = p;
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
            m.cseq = parseLong(cs[0]);
          }
          case "to", "t" -> m.toTag = value.contains(";tag=");
          case "contact", "m" -> {
            for (String c : value.split(",")) {
              m.contacts += c.isBlank() ? 0 : 1;
              m.removes += c.replaceAll("\\s", "").toLowerCase(Locale.ROOT).contains(";expires=0") ? 1 : 0;
            }
          }
          case "call-id", "i" -> m.callId = value;
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

  /** tshark dissects the message body (SDP) inside SIP's tree. */
  @Override
  public boolean nestsLaterLayers(Dissection d, int layer) {
    return true;
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  /** What tshark remembers per Call-ID and direction to find resent messages and the requests answered. */
  private static final class Transaction {
    long cseq;
    String method;
    int state; // 0 nothing seen, 1 request seen, 2 provisional response seen, 3 final response seen
    long frame;
    int responseCode;
    long requestTime;
  }

  private static final int A_FLAGS = 0;
  private static final int A_RESEND_ORIGINAL = 1;
  private static final int A_RESPONSE_REQUEST = 2;
  private static final int A_RESPONSE_TIME = 3;
  private static final int F_TRACKED = 1;

  /**
   * tshark's retransmission and request matching, over UDP only: per Call-ID and direction the
   * last CSeq, its method and transaction state; a request or final response that repeats the
   * one seen last is a resend of its frame; a response's request is the one seen last in the
   * other direction with its CSeq and method, and the response time counts from it.
   */
  private static void track(Dissection d, int layer, Message m) {
    int udp = Transport.find(d, layer);
    if (udp < 0 || Transport.isTcp(d, udp) || m.callId == null || m.cseq < 0 || d.protocols().isStateless()
        || Transport.inErrorPacket(d, layer)) {
      return;
    }
    int ip = Transport.ip(d, udp);
    String src = Transport.srcAddress(d, ip) + "/" + Transport.srcPort(d, udp);
    String dst = Transport.dstAddress(d, ip) + "/" + Transport.dstPort(d, udp);
    Map<String, Transaction> table = d.state(d.protocols().byName("sip"), java.util.HashMap::new);
    long now = d.timestampNanos();
    String key = m.callId + "|" + src + "|" + dst;
    Transaction tr = table.get(key);
    if (m.request && m.method.equals("ACK") && tr != null) {
      // An ACK answers the INVITE seen last in its own direction, whatever its CSeq.
      d.setAnnotation(layer, A_RESPONSE_REQUEST, tr.frame);
      d.setAnnotation(layer, A_RESPONSE_TIME, millis(now, tr.requestTime));
    }
    long compare;
    if (tr != null) {
      compare = tr.cseq;
      if (m.cseq != tr.cseq) {
        tr.cseq = m.cseq;
        tr.method = m.cseqMethod;
        tr.state = 0;
        tr.frame = 0;
        if (m.request) {
          tr.requestTime = now;
        }
      }
    } else {
      tr = new Transaction();
      tr.cseq = m.cseq;
      tr.method = m.cseqMethod;
      if (m.request) {
        tr.requestTime = now;
      }
      table.put(key, tr);
      compare = 0;
    }
    long original = 0;
    boolean same = m.cseq == compare && m.cseqMethod.equals(tr.method);
    if (m.request && same && tr.state == 1 && !m.cseqMethod.equals("ACK") && !m.cseqMethod.equals("CANCEL")) {
      original = tr.frame;
    }
    if (!m.request && same && tr.state == 3 && m.status >= 200 && m.status == tr.responseCode) {
      original = tr.frame;
    }
    if (m.request) {
      tr.state = 1;
      if (original == 0) {
        // A request that is not a resend starts the clock again (a second ACK answers the first).
        tr.frame = d.number();
        tr.requestTime = now;
      }
    } else if (m.status >= 200) {
      tr.responseCode = m.status;
      tr.state = 3;
      tr.frame = original == 0 ? d.number() : tr.frame;
    } else {
      tr.state = 2;
    }
    d.setAnnotation(layer, A_FLAGS, F_TRACKED);
    d.setAnnotation(layer, A_RESEND_ORIGINAL, original);
    if (!m.request) {
      Transaction req = table.get(m.callId + "|" + dst + "|" + src);
      if (req != null) {
        long request = m.cseq == req.cseq && req.state == 1 && m.cseqMethod.equals(req.method) ? req.frame : 0;
        d.setAnnotation(layer, A_RESPONSE_REQUEST, request);
        d.setAnnotation(layer, A_RESPONSE_TIME, millis(now, req.requestTime));
      }
    }
  }

  /** tshark's milliseconds between two times: whole seconds apart times 1000 plus the nanoseconds apart / 10^6, truncated. */
  private static long millis(long now, long then) {
    long s = 1_000_000_000L;
    return (Math.floorDiv(now, s) - Math.floorDiv(then, s)) * 1000
        + (Math.floorMod(now, s) - Math.floorMod(then, s)) / 1_000_000;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    Message m = parse(d.data(), s, end);
    d.annotate(layer, 4);
    if (m != null) {
      track(d, layer, m);
    }
    if (m == null || m.bodyStart < 0) {
      d.payload(end, end);
      return null;
    }
    d.setEnd(layer, m.bodyEnd);
    d.payload(m.bodyStart, m.bodyEnd);
    return isSdp(m.contentType) ? d.protocols().byName("sdp") : null;
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
    // tshark's Message Header item covers the headers, but its value runs to the message's end.
    int msgEnd = m.bodyStart >= 0 ? m.bodyEnd : end;
    t.object(MSG_HDR, hdr - base, hdrEnd - hdr, io.netsift.core.field.Strings.printable(b, hdr, msgEnd - hdr));
    t.enter();
    for (int p = hdr; p < hdrEnd; p = next(b, p, end)) {
      int le = lineEnd(b, p, end);
      if (le == p) {
        break;
      }
      header(t, b, base, p, le);
    }
    t.exit();
    if ((t.annotation(A_FLAGS) & F_TRACKED) != 0) {
      long original = t.annotation(A_RESEND_ORIGINAL);
      t.generated(RESEND, original != 0 ? 1 : 0);
      if (original != 0) {
        t.generated(RESEND_ORIGINAL, original);
      }
      long request = t.annotation(A_RESPONSE_REQUEST);
      if (request != 0) {
        t.generated(RESPONSE_REQUEST, request);
        t.generated(RESPONSE_TIME, t.annotation(A_RESPONSE_TIME));
      }
    }
    if (m.bodyStart >= 0) {
      t.object(MSG_BODY, m.bodyStart - base, m.bodyEnd - m.bodyStart, null);
      if (isSdp(m.contentType) && m.callId != null) {
        // tshark repeats the generated Call-ID with the session description it hands on.
        t.enter();
        t.generatedObject(CALL_ID_GENERATED, m.callId);
        t.exit();
      }
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
    if (f == CALL_ID) {
      t.generatedObject(CALL_ID_GENERATED, value);
    }
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
    } else if (f == REASON) {
      t.enter();
      reason(t, value, vrel);
      t.exit();
    } else if (f == AUTHORIZATION || f == PROXY_AUTHORIZATION || f == WWW_AUTHENTICATE
        || f == PROXY_AUTHENTICATE) {
      t.enter();
      int lineNext = next(b, p, b.length);
      t.object(AUTH, rel, lineNext - p, io.netsift.core.field.Strings.printable(b, p, lineNext - p));
      t.enter();
      auth(t, value, vrel);
      t.exit();
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

  /** "Q.850 ;cause=16 ;text=\"...\"": the protocol as written up to the first ';', the cause by protocol, the text. */
  private static void reason(Tree t, String value, int at) {
    int semi = value.indexOf(';');
    String proto = semi < 0 ? value : value.substring(0, semi);
    t.object(REASON_PROTOCOLS, at, proto.length(), proto);
    if (semi < 0) {
      return;
    }
    int pAt = at + semi + 1;
    for (String param : value.substring(semi + 1).split(";")) {
      int eq = param.indexOf('=');
      String n = (eq < 0 ? param : param.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
      String v = eq < 0 ? "" : param.substring(eq + 1).strip();
      if (n.equals("cause")) {
        long cause = parseLong(v);
        if (cause >= 0) {
          Field f = proto.equalsIgnoreCase("Q.850") ? REASON_CAUSE_Q850
              : proto.equalsIgnoreCase("SIP") ? REASON_CAUSE_SIP : REASON_CAUSE_OTHER;
          t.number(f, pAt + eq + 1, v.length(), cause);
        }
      } else if (n.equals("text")) {
        String text = v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
        t.object(REASON_TEXT, pAt + eq + 1, v.length(), text);
      }
      pAt += param.length() + 1;
    }
  }

  /** "Digest name=value,...": the scheme, then each known parameter with its value as written. */
  private static void auth(Tree t, String value, int at) {
    int sp = value.indexOf(' ');
    String scheme = sp < 0 ? value : value.substring(0, sp);
    t.object(AUTH_SCHEME, at, scheme.length(), scheme);
    if (sp < 0) {
      return;
    }
    int i = sp + 1;
    while (i < value.length()) {
      int start = i;
      boolean quoted = false;
      while (i < value.length() && (quoted || value.charAt(i) != ',')) {
        if (value.charAt(i) == '"') {
          quoted = !quoted;
        }
        i++;
      }
      String param = value.substring(start, i);
      int eq = param.indexOf('=');
      if (eq > 0) {
        String name = param.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        Field f = AUTH_PARAMS.get(name);
        if (f != null) {
          String v = param.substring(eq + 1).strip();
          t.object(f, at + start + eq + 1, param.length() - eq - 1, v);
        }
      }
      i++;
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

package io.netsift.core.dissect.proto.http;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * Real Time Streaming Protocol 1.0, <a href="https://www.rfc-editor.org/rfc/rfc2326">RFC 2326</a>,
 * on tshark's TCP ports 554, 8554 and 7236. Messages are HTTP-shaped:
 *
 * <pre>
 * Request-Line  = Method SP Request-URI SP RTSP-Version CRLF
 * Status-Line   = RTSP-Version SP Status-Code SP Reason-Phrase CRLF
 * *( header CRLF ) CRLF [ message-body ]     ; body length from Content-Length
 * </pre>
 *
 * A PDU ({@link StreamPdus}) is one message, headers and body reassembled as tshark does by
 * default ({@code rtsp.desegment_headers}, {@code rtsp.desegment_body}). The request line gives
 * {@code rtsp.method} and {@code rtsp.url}, the status line {@code rtsp.status}; Content-Type,
 * Content-Length, Session and Transport become fields, every other header a text line. Bytes
 * that do not start with a request or status line are a "Continuation" ({@code rtsp.data}).
 * A body whose Content-Type is {@code application/sdp} goes to SDP, as tshark hands it on
 * (the Protocol column becomes "RTSP/SDP"); other bodies stay RTSP's. tshark's {@code -V} shows
 * the SDP tree inside the RTSP one, netsift's as the next layer. Not done: interleaved
 * binary data ({@code $}, RFC 2326 section 10.12) and the RTP conversations a Transport header
 * announces.
 */
public final class RtspDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  private static final int[] PORTS = {554, 8554, 7236};
  /** tshark's request methods (matched without regard to case, followed by a space or the line end). */
  private static final String[] METHODS = {"DESCRIBE", "ANNOUNCE", "GET_PARAMETER", "OPTIONS", "PAUSE", "PLAY",
      "RECORD", "REDIRECT", "SETUP", "SET_PARAMETER", "TEARDOWN"};
  /** Headers longer than this without their blank line are not waited for. */
  private static final int MAX_HEADER_BYTES = 64 * 1024;

  public static final Field REQUEST = Field.string("rtsp.request", "Request");
  public static final Field RESPONSE = Field.string("rtsp.response", "Response");
  public static final Field METHOD = Field.string("rtsp.method", "Method");
  public static final Field URL = Field.string("rtsp.url", "URL");
  public static final Field STATUS = Field.u32("rtsp.status", "Status");
  public static final Field CONTENT_TYPE = Field.string("rtsp.content-type", "Content-type");
  public static final Field CONTENT_LENGTH = Field.u32("rtsp.content-length", "Content-length");
  public static final Field SESSION = Field.string("rtsp.session", "Session");
  public static final Field TRANSPORT = Field.string("rtsp.transport", "Transport");
  public static final Field DATA = Field.bytes("rtsp.data", "Data").line((b, o, n) -> "Data (" + n + " bytes)");

  private static final int CONTINUATION = 0;
  private static final int IS_REQUEST = 1;
  private static final int IS_RESPONSE = 2;

  public RtspDissector() {
    super("rtsp", "Real Time Streaming Protocol", "RTSP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, PORTS, this);
  }

  /** tshark dissects the message body (SDP) inside RTSP's tree. */
  @Override
  public boolean nestsLaterLayers(Dissection d, int layer) {
    return true;
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  /** Request, response or continuation, from the first line of {@code b[off, end)}. */
  static int kind(byte[] b, int off, int end) {
    int lineEnd = lineEnd(b, off, end);
    if (lineEnd - off >= 5 && startsWith(b, off, lineEnd, "RTSP/")) {
      return IS_RESPONSE;
    }
    for (String m : METHODS) {
      int n = m.length();
      if (lineEnd - off >= n && startsWith(b, off, lineEnd, m)
          && (lineEnd - off == n || b[off + n] == ' ' || b[off + n] == '\t')) {
        return IS_REQUEST;
      }
    }
    return CONTINUATION;
  }

  private static boolean startsWith(byte[] b, int off, int end, String s) {
    if (end - off < s.length()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.toUpperCase((char) (b[off + i] & 0xff)) != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Where the line at {@code p} ends, before its CR LF or LF (or {@code end}). */
  private static int lineEnd(byte[] b, int p, int end) {
    int e = p;
    while (e < end && b[e] != '\n') {
      e++;
    }
    return e > p && b[e - 1] == '\r' ? e - 1 : e;
  }

  /** Where the line at {@code p} ends including its line feed, or -1 when it has none. */
  private static int lineNext(byte[] b, int p, int end) {
    for (int e = p; e < end; e++) {
      if (b[e] == '\n') {
        return e + 1;
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- StreamPdus

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    int end = off + avail;
    if (lineNext(b, off, end) < 0) {
      // The first line is not complete: only a possible start of a message is waited for.
      return avail < MAX_HEADER_BYTES && couldStart(b, off, end) ? MORE : NOT_MINE;
    }
    if (kind(b, off, end) == CONTINUATION) {
      return NOT_MINE;
    }
    long contentLength = 0;
    int p = off;
    while (true) {
      int next = lineNext(b, p, end);
      if (next < 0) {
        return avail > MAX_HEADER_BYTES ? NOT_MINE : MORE;
      }
      int le = lineEnd(b, p, next);
      if (le == p && p > off) {
        long total = (long) (next - off) + contentLength;
        return total > Integer.MAX_VALUE - 1 ? NOT_MINE : (int) total;
      }
      if (p > off) {
        int colon = colon(b, p, le);
        if (colon > 0 && nameIs(b, p, colon, "content-length")) {
          long v = number(b, colon + 1, le);
          if (v > 0) {
            contentLength = v;
          }
        }
      }
      p = next;
    }
  }

  /** Whether the bytes could still grow into a request or status line. */
  private static boolean couldStart(byte[] b, int off, int end) {
    String[] starts = new String[METHODS.length + 1];
    System.arraycopy(METHODS, 0, starts, 0, METHODS.length);
    starts[METHODS.length] = "RTSP/";
    for (String s : starts) {
      int n = Math.min(s.length(), end - off);
      if (startsWith(b, off, off + n, s.substring(0, n))) {
        return true;
      }
    }
    return false;
  }

  private static int colon(byte[] b, int p, int end) {
    for (int i = p; i < end; i++) {
      if (b[i] == ':') {
        return i;
      }
    }
    return -1;
  }

  private static boolean nameIs(byte[] b, int p, int colon, String name) {
    int e = colon;
    while (e > p && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
      e--;
    }
    return e - p == name.length() && startsWith(b, p, e, name.toUpperCase(java.util.Locale.ROOT));
  }

  /** The decimal number after optional blanks in {@code [p, end)}, or -1. */
  private static long number(byte[] b, int p, int end) {
    while (p < end && (b[p] == ' ' || b[p] == '\t')) {
      p++;
    }
    long v = -1;
    while (p < end && b[p] >= '0' && b[p] <= '9' && v < Integer.MAX_VALUE) {
      v = (v < 0 ? 0 : v * 10) + (b[p] - '0');
      p++;
    }
    return v;
  }

  // ---------------------------------------------------------------- layers

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int end = d.end(layer);
    int body = sdpBody(d.data(), d.start(layer), end);
    if (body < 0) {
      d.payload(end, end);
      return null;
    }
    d.payload(body, end);
    return d.protocols().byName("sdp");
  }

  /**
   * Where the body of the message {@code [off, end)} starts when it is an SDP description
   * (Content-Type application/sdp, at least one body byte), as tshark hands it on; else -1.
   */
  static int sdpBody(byte[] b, int off, int end) {
    if (kind(b, off, end) == CONTINUATION) {
      return -1;
    }
    boolean sdp = false;
    int p = lineNext(b, off, end);
    while (p >= 0 && p < end) {
      int next = lineNext(b, p, end);
      int le = lineEnd(b, p, next < 0 ? end : next);
      if (le == p) {
        return sdp && next >= 0 && next < end ? next : -1;
      }
      int colon = colon(b, p, le);
      if (colon > 0 && nameIs(b, p, colon, "content-type")) {
        int v = colon + 1;
        while (v < le && (b[v] == ' ' || b[v] == '\t')) {
          v++;
        }
        String type = HttpText.of(b, v, le);
        int semi = type.indexOf(';');
        sdp = (semi < 0 ? type : type.substring(0, semi)).trim().equalsIgnoreCase("application/sdp");
      }
      p = next;
    }
    return -1;
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    byte[] b = t.data();
    int s = t.start();
    int end = s + t.length();
    int k = kind(b, s, end);
    if (k == CONTINUATION) {
      c.setInfo("Continuation");
      return;
    }
    String line = HttpText.of(b, s, lineEnd(b, s, end));
    c.setInfo(k == IS_RESPONSE ? "Reply: " + line : line);
  }

  @Override
  public void fields(Tree t) {
    byte[] b = t.data();
    int base = t.start();
    int end = base + t.length();
    int k = kind(b, base, end);
    if (k == CONTINUATION) {
      t.bytes(DATA, 0, end - base);
      return;
    }
    int next = lineNext(b, base, end);
    int first = next < 0 ? end : next;
    int le = lineEnd(b, base, first);
    t.object(k == IS_REQUEST ? REQUEST : RESPONSE, 0, first - base, HttpText.of(b, base, first));
    t.enter();
    int sp = base;
    while (sp < le && b[sp] != ' ') {
      sp++;
    }
    int from = sp;
    while (from < le && b[from] == ' ') {
      from++;
    }
    int to = from;
    while (to < le && b[to] != ' ') {
      to++;
    }
    if (k == IS_REQUEST) {
      t.object(METHOD, 0, sp - base, HttpText.of(b, base, sp));
      if (to > from) {
        t.object(URL, from - base, to - from, HttpText.of(b, from, to));
      }
    } else {
      long status = number(b, from, to);
      if (status >= 0) {
        t.number(STATUS, from - base, to - from, status);
      }
    }
    t.exit();
    int p = first;
    while (p < end) {
      next = lineNext(b, p, end);
      int lineNext = next < 0 ? end : next;
      le = lineEnd(b, p, lineNext);
      if (le == p) {
        t.text(p - base, lineNext - p, HttpText.of(b, p, lineNext));
        break;
      }
      header(t, b, base, p, le, lineNext);
      p = lineNext;
    }
  }

  /** One header line {@code [p, le)} (its line end at {@code next}): a field or a text line. */
  private static void header(Tree t, byte[] b, int base, int p, int le, int next) {
    int colon = colon(b, p, le);
    if (colon > 0) {
      int v = colon + 1;
      while (v < le && (b[v] == ' ' || b[v] == '\t')) {
        v++;
      }
      Field f = nameIs(b, p, colon, "content-type") ? CONTENT_TYPE
          : nameIs(b, p, colon, "session") ? SESSION
          : nameIs(b, p, colon, "transport") ? TRANSPORT : null;
      if (f != null) {
        t.object(f, p - base, le - p, HttpText.of(b, v, le));
        return;
      }
      if (nameIs(b, p, colon, "content-length")) {
        long n = number(b, v, le);
        if (n >= 0) {
          t.number(CONTENT_LENGTH, p - base, le - p, n);
          return;
        }
      }
    }
    t.text(p - base, next - p, HttpText.of(b, p, next));
  }
}

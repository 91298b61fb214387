package io.netsift.core.dissect.proto.http;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/**
 * One HTTP/1.x message as the first pass found it in a layer
 * (<a href="https://www.rfc-editor.org/rfc/rfc9112">RFC 9112</a>): the start line, the header
 * lines, the body by Content-Length, chunked coding or connection close, and the body after
 * the transfer and content codings were undone. Offsets are absolute indexes into the bytes the
 * message was parsed from; the object is immutable once the dissector attached it to its layer.
 *
 * <p>{@link #body()} is the public entry for object export: the entity body as the application
 * saw it (de-chunked and decompressed where the coding is known), or the bytes as sent when
 * decoding failed.
 */
public final class HttpMessage implements io.netsift.core.dissect.Dissection.Offsets, Cloneable {
  /** What the first line says the message is. */
  public enum Kind { REQUEST, RESPONSE, NOTIFICATION, CONTINUATION }

  /** Header-block scan gives up beyond this many lines (a stream of endless headers). */
  /** A copy whose byte offsets are moved by {@code delta} (for a kept packet's own buffer). */
  @Override
  public Object shifted(int delta) {
    HttpMessage c;
    try {
      c = (HttpMessage) super.clone();
    } catch (CloneNotSupportedException e) {
      throw new AssertionError(e);
    }
    c.start = at(start, delta);
    c.end = at(end, delta);
    c.lineEnd = at(lineEnd, delta);
    c.lineNext = at(lineNext, delta);
    c.methodEnd = at(methodEnd, delta);
    c.uriStart = at(uriStart, delta);
    c.uriEnd = at(uriEnd, delta);
    c.versionStart = at(versionStart, delta);
    c.versionEnd = at(versionEnd, delta);
    c.phraseStart = at(phraseStart, delta);
    c.phraseEnd = at(phraseEnd, delta);
    c.hStart = at(hStart, headers, delta);
    c.hColon = at(hColon, headers, delta);
    c.hValue = at(hValue, headers, delta);
    c.hValueEnd = at(hValueEnd, headers, delta);
    c.hNext = at(hNext, headers, delta);
    c.blankLine = at(blankLine, delta);
    c.headerEnd = at(headerEnd, delta);
    c.bodyStart = at(bodyStart, delta);
    c.bodyEnd = at(bodyEnd, delta);
    c.cStart = at(cStart, chunks, delta);
    c.cData = at(cData, chunks, delta);
    c.lastChunk = at(lastChunk, delta);
    c.lastChunkData = at(lastChunkData, delta);
    c.trailerStart = at(trailerStart, delta);
    c.trailerEnd = at(trailerEnd, delta);
    return c;
  }

  private static int at(int offset, int delta) {
    return offset < 0 ? offset : offset + delta;
  }

  private static int[] at(int[] offsets, int n, int delta) {
    int[] c = offsets.clone();
    for (int k = 0; k < Math.min(n, c.length); k++) {
      c[k] = at(c[k], delta);
    }
    return c;
  }

  static final int MAX_HEADERS = 1024;

  Kind kind = Kind.CONTINUATION;
  int start;
  int end;
  int lineEnd; // end of the first line's text (CR/LF excluded)
  int lineNext; // start of the next line
  int methodEnd;
  int uriStart = -1;
  int uriEnd = -1;
  int versionStart = -1;
  int versionEnd = -1;
  int code = -1;
  int phraseStart = -1;
  int phraseEnd = -1;

  int headers;
  int[] hStart = new int[8];
  int[] hColon = new int[8];
  int[] hValue = new int[8];
  int[] hValueEnd = new int[8];
  int[] hNext = new int[8];
  /** Start of the empty line ending the header block, or -1 when the block is cut. */
  int blankLine = -1;
  int headerEnd = -1;

  long contentLength = -1;
  int contentLengthHeader = -1;
  boolean chunked;
  boolean transferEncoding;
  String contentType; // lower case, parameters dropped
  String contentTypeFull;
  String contentEncoding;
  String host;
  String method;

  int bodyStart = -1;
  int bodyEnd = -1;

  // Chunks: size line start, data start, data length (clipped), boundary present; the last
  // chunk (size 0) and the trailer.
  int chunks;
  int[] cStart = new int[4];
  int[] cData = new int[4];
  int[] cLen = new int[4];
  long[] cSize = new long[4];
  boolean[] cBoundary = new boolean[4];
  int lastChunk = -1;
  int lastChunkData = -1;
  int trailerStart = -1;
  int trailerEnd = -1;
  boolean chunksComplete;

  /** A continuation's header lines ended in a line without a colon cut by the end of the bytes. */
  boolean cut;
  /** HTTP leaves the columns alone (a stream that carried no message yet). */
  boolean quiet;

  byte[] decoded;
  boolean decompressionFailed;
  byte[] raw;

  // Request/response matching, filled by the dissector's per-stream state.
  long requestNumber;
  long responseNumber;
  long requestIn;
  long prevRequestIn;
  long prevResponseIn;
  long timeNanos = -1;
  String fullUri;
  String responseForUri;

  HttpMessage() {}

  /** Whether the first line was a request, a response or neither. */
  /**
   * Whether tshark's HTTP queues its statistics tap for this message: not for a continuation
   * whose first byte (after one leading CRLF) is not printable ASCII, which tshark's HTTP shows
   * as "Continuation" with the bytes as data inside its tree and leaves before its tap; nor for
   * a message cut short, where tshark's dissection ends in an exception before the tap.
   */
  public boolean tapped() {
    return !binaryContinuation && !cut;
  }

  boolean binaryContinuation;

  public Kind kind() {
    return kind;
  }

  /** The request method, or null for a response. */
  public String method() {
    return method;
  }

  /** The status code of a response, or -1. */
  public int statusCode() {
    return code;
  }

  /** Content-Type without parameters, lower case; null when there is none. */
  public String contentType() {
    return contentType;
  }

  /** Content-Encoding as sent, or null. */
  public String contentEncoding() {
    return contentEncoding;
  }

  /** The full request URI ({@code http://host/path}), or null for a response. */
  public String fullUri() {
    return fullUri;
  }

  /** The frame the matching request was in (responses; 0 when not seen). */
  public long requestIn() {
    return requestIn;
  }

  /**
   * The entity body the application received: de-chunked and decoded (gzip, deflate) when the
   * codings are known and the bytes decode; the bytes as sent otherwise; empty when there is
   * no body. Never null.
   */
  public byte[] body() {
    if (decoded != null) {
      return decoded.clone();
    }
    return raw == null ? new byte[0] : raw.clone();
  }

  /** The Host header's value (tshark's text), or null. */
  public String host() {
    return host;
  }

  /** The Content-Type header's value as sent (parameters kept), or null. */
  public String contentTypeHeader() {
    return contentTypeFull;
  }

  /** Length of the start line and header block with the empty line ending it; -1 when cut. */
  public int headerLength() {
    return headerEnd < 0 ? -1 : headerEnd - start;
  }

  /**
   * The request URI's bytes as sent, read from {@code data} (the bytes of the dissection this
   * message was attached in), or null for a response.
   */
  public byte[] requestUri(byte[] data) {
    if (uriStart < 0 || uriEnd < uriStart || uriEnd > data.length) {
      return null;
    }
    return Arrays.copyOfRange(data, uriStart, uriEnd);
  }

  /** Whether the media layer under this message reads its bytes from the frame as they are. */
  boolean bodyInFrame() {
    return decoded == null;
  }

  int bodyLength() {
    return bodyEnd - bodyStart;
  }

  // ---------------------------------------------------------------- parsing

  private static boolean isMethodChar(int c) {
    return c >= 'A' && c <= 'Z' || c == '-' || c == '_';
  }

  /** Request methods tshark knows (RFC 9110, WebDAV, UPnP, RTSP-like extensions). */
  private static final java.util.Set<String> METHODS = java.util.Set.of(
      "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PATCH",
      "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "SEARCH", "REPORT",
      "CHECKOUT", "CHECKIN", "UNCHECKOUT", "MERGE", "LABEL", "MKACTIVITY", "MKWORKSPACE",
      "VERSION-CONTROL", "BASELINE-CONTROL", "ACL", "BIND", "UNBIND", "REBIND", "ORDERPATCH",
      "MKCALENDAR", "MKREDIRECTREF", "UPDATEREDIRECTREF", "UPDATE", "POLL", "BCOPY", "BDELETE",
      "BMOVE", "BPROPFIND", "BPROPPATCH", "SUBSCRIBE", "UNSUBSCRIBE", "NOTIFY", "M-SEARCH",
      "M-POST", "CCM_POST", "RPC_IN_DATA", "RPC_OUT_DATA", "RPC_CONNECT", "X-MS-ENUMATTS",
      "INVOKE", "PURGE");

  /** Index of the LF ending the line at {@code p}, or -1. */
  static int lineFeed(byte[] b, int p, int end) {
    for (int i = p; i < end; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Classifies the first line at {@code off}: a request (a known method and a space), a
   * response ({@code HTTP/} and a digit), or neither. Needs only the first few bytes.
   */
  static Kind classify(byte[] b, int off, int end) {
    int n = end - off;
    if (n >= 5 && b[off] == 'H' && b[off + 1] == 'T' && b[off + 2] == 'T' && b[off + 3] == 'P'
        && b[off + 4] == '/') {
      return Kind.RESPONSE;
    }
    int i = off;
    while (i < end && i - off < 20 && isMethodChar(b[i] & 0xff)) {
      i++;
    }
    // tshark also takes a known method alone on its line ("OPTIONS\n") as a request.
    if (i > off && i < end && (b[i] == ' ' || b[i] == '\r' || b[i] == '\n')
        && METHODS.contains(HttpText.ascii(b, off, i))) {
      return Kind.REQUEST;
    }
    return Kind.CONTINUATION;
  }

  /**
   * Parses the message starting at {@code off}; reads no further than {@code end}. The body is
   * located but not decoded (see {@link #decode}).
   *
   * @param headResponse the message answers a HEAD request (no body whatever it says)
   */
  static HttpMessage parse(byte[] b, int off, int end, boolean headResponse) {
    HttpMessage m = new HttpMessage();
    m.start = off;
    m.end = end;
    m.kind = classify(b, off, end);
    if (m.kind == Kind.CONTINUATION) {
      if (headerLine(b, off, end) != NO_HEADER) {
        continuationHeaders(m, b, off, end);
      }
      return m;
    }
    int lf = lineFeed(b, off, end);
    m.lineNext = lf < 0 ? end : lf + 1;
    m.lineEnd = lf < 0 ? end : lf > off && b[lf - 1] == '\r' ? lf - 1 : lf;
    if (m.kind == Kind.RESPONSE) {
      parseStatusLine(m, b);
    } else {
      parseRequestLine(m, b);
    }
    parseHeaders(m, b, m.lineNext, end);
    if (m.headerEnd < 0) {
      m.end = end;
      return m;
    }
    locateBody(m, b, end, headResponse);
    return m;
  }

  /** {@link #headerLine}: the first line is no header line. */
  static final int NO_HEADER = 0;
  /** {@link #headerLine}: the first line is a header line ended by CR or LF. */
  static final int HEADER = 1;
  /** {@link #headerLine}: the first line has a colon but no end yet. */
  static final int HEADER_CUT = 2;

  /**
   * Whether the bytes of a continuation at {@code off} start with a header line as tshark
   * judges it: a printable ASCII first byte and a colon before the first CR or LF.
   */
  static int headerLine(byte[] b, int off, int end) {
    if (off >= end || b[off] < 0x20 || b[off] > 0x7e) {
      return NO_HEADER;
    }
    int i = off;
    while (i < end && b[i] != ':') {
      if (b[i] == '\r' || b[i] == '\n') {
        return NO_HEADER;
      }
      i++;
    }
    if (i == end) {
      return NO_HEADER;
    }
    while (i < end && b[i] != '\r' && b[i] != '\n') {
      i++;
    }
    return i < end ? HEADER : HEADER_CUT;
  }

  /**
   * Header lines at the start of a continuation, as tshark reads them: a line ends at CR, LF or
   * CR LF; lines with a colon are headers; an empty line ends the block and the rest is the body
   * (Content-Length and chunked apply); a line without a colon ends the block and starts the
   * body; such a line cut by the end of the bytes is tshark's exception ({@link #cut}).
   */
  private static void continuationHeaders(HttpMessage m, byte[] b, int off, int end) {
    int p = off;
    while (p < end && m.headers < MAX_HEADERS) {
      int le = p;
      while (le < end && b[le] != '\r' && b[le] != '\n') {
        le++;
      }
      boolean colon = indexOf(b, p, le, (byte) ':') >= 0;
      if (le == end) {
        if (colon) {
          m.addHeader(b, p, end, end);
        } else {
          m.cut = true;
        }
        return;
      }
      int next = b[le] == '\r' && le + 1 < end && b[le + 1] == '\n' ? le + 2 : le + 1;
      if (le == p) {
        m.blankLine = p;
        m.headerEnd = next;
        locateBody(m, b, end, false);
        return;
      }
      if (!colon) {
        m.bodyStart = p;
        m.bodyEnd = end;
        return;
      }
      m.addHeader(b, p, le, next);
      p = next;
    }
  }

  private static void parseStatusLine(HttpMessage m, byte[] b) {
    int p = m.start;
    int sp = indexOf(b, p, m.lineEnd, (byte) ' ');
    m.versionStart = p;
    m.versionEnd = sp < 0 ? m.lineEnd : sp;
    if (sp < 0) {
      return;
    }
    int c = sp + 1;
    if (c + 3 <= m.lineEnd && digit(b[c]) && digit(b[c + 1]) && digit(b[c + 2])) {
      m.code = (b[c] - '0') * 100 + (b[c + 1] - '0') * 10 + (b[c + 2] - '0');
      int ph = c + 3;
      if (ph < m.lineEnd && b[ph] == ' ') {
        ph++;
      }
      m.phraseStart = ph;
      m.phraseEnd = m.lineEnd;
    }
  }

  private static void parseRequestLine(HttpMessage m, byte[] b) {
    int sp = indexOf(b, m.start, m.lineEnd, (byte) ' ');
    m.methodEnd = sp < 0 ? m.lineEnd : sp;
    m.method = HttpText.ascii(b, m.start, m.methodEnd);
    if (m.method.equals("NOTIFY")) {
      m.kind = Kind.NOTIFICATION;
    }
    if (sp < 0) {
      // The method alone: tshark shows an empty URI and version.
      m.uriStart = m.lineEnd;
      m.uriEnd = m.lineEnd;
      m.versionStart = m.lineEnd;
      m.versionEnd = m.lineEnd;
      return;
    }
    int u = sp + 1;
    if (u >= m.lineEnd) {
      return;
    }
    int sp2 = indexOf(b, u, m.lineEnd, (byte) ' ');
    m.uriStart = u;
    m.uriEnd = sp2 < 0 ? m.lineEnd : sp2;
    if (sp2 >= 0) {
      m.versionStart = sp2 + 1;
      m.versionEnd = m.lineEnd;
    }
  }

  private static void parseHeaders(HttpMessage m, byte[] b, int p, int end) {
    while (p < end && m.headers < MAX_HEADERS) {
      int lf = lineFeed(b, p, end);
      int next = lf < 0 ? end : lf + 1;
      int textEnd = lf < 0 ? end : lf > p && b[lf - 1] == '\r' ? lf - 1 : lf;
      if (lf >= 0 && textEnd == p) {
        m.blankLine = p;
        m.headerEnd = next;
        return;
      }
      if (lf < 0) {
        // A header line cut by the end of the bytes still shows, as tshark does.
        if (textEnd > p) {
          m.addHeader(b, p, textEnd, next);
        }
        return;
      }
      m.addHeader(b, p, textEnd, next);
      p = next;
    }
  }

  private void addHeader(byte[] b, int p, int textEnd, int next) {
    if (headers == hStart.length) {
      int n = headers * 2;
      hStart = Arrays.copyOf(hStart, n);
      hColon = Arrays.copyOf(hColon, n);
      hValue = Arrays.copyOf(hValue, n);
      hValueEnd = Arrays.copyOf(hValueEnd, n);
      hNext = Arrays.copyOf(hNext, n);
    }
    int colon = indexOf(b, p, textEnd, (byte) ':');
    int v = colon < 0 ? textEnd : colon + 1;
    while (v < textEnd && (b[v] == ' ' || b[v] == '\t')) {
      v++;
    }
    hStart[headers] = p;
    hColon[headers] = colon;
    hValue[headers] = v;
    hValueEnd[headers] = textEnd;
    hNext[headers] = next;
    if (colon > p) {
      // Only five names matter here: they are matched in the bytes, so the other headers
      // cost no strings (they are read again when the layer is walked).
      String name = knownName(b, p, colon);
      if (name == null) {
        headers++;
        return;
      }
      String value = HttpText.ascii(b, v, textEnd);
      switch (name) {
        case "content-length":
          contentLengthHeader = headers;
          contentLength = parseLength(value.trim());
          break;
        case "transfer-encoding":
          transferEncoding = true;
          chunked = value.trim().toLowerCase(Locale.ROOT).endsWith("chunked");
          break;
        case "content-type":
          contentTypeFull = value;
          int semi = value.indexOf(';');
          contentType = (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
          break;
        case "content-encoding":
          contentEncoding = value.trim();
          break;
        case "host":
          host = HttpText.of(b, v, textEnd);
          break;
        default:
          break;
      }
    }
    headers++;
  }

  private static final String[] KNOWN_NAMES =
      {"content-length", "transfer-encoding", "content-type", "content-encoding", "host"};

  /**
   * The one of {@link #KNOWN_NAMES} that the header name in {@code b[from, to)} is, read as
   * {@code HttpText.ascii(b, from, to).trim().toLowerCase(Locale.ROOT)} would read it, or null.
   */
  private static String knownName(byte[] b, int from, int to) {
    while (from < to && (b[from] & 0x7f) <= ' ') {
      from++;
    }
    while (to > from && (b[to - 1] & 0x7f) <= ' ') {
      to--;
    }
    int n = to - from;
    for (String k : KNOWN_NAMES) {
      if (k.length() != n) {
        continue;
      }
      int i = 0;
      while (i < n) {
        int c = b[from + i] & 0x7f;
        if (c >= 'A' && c <= 'Z') {
          c += 'a' - 'A';
        }
        if (c != k.charAt(i)) {
          break;
        }
        i++;
      }
      if (i == n) {
        return k;
      }
    }
    return null;
  }

  private static long parseLength(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return -1;
    }
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** Whether a response with this status carries no body (RFC 9112 section 6.3). */
  boolean noBodyStatus() {
    return code >= 100 && code < 200 || code == 204 || code == 304;
  }

  private static void locateBody(HttpMessage m, byte[] b, int end, boolean headResponse) {
    int body = m.headerEnd;
    m.bodyStart = body;
    m.bodyEnd = body;
    // A continuation's body runs to the end of the bytes unless its headers say otherwise.
    boolean response = m.kind == Kind.RESPONSE || m.kind == Kind.CONTINUATION;
    if (m.kind == Kind.RESPONSE && (headResponse || m.noBodyStatus())) {
      m.end = body;
      return;
    }
    if (m.chunked) {
      m.end = parseChunks(m, b, body, end);
      m.bodyEnd = m.end;
      return;
    }
    if (m.contentLength >= 0) {
      long e = body + m.contentLength;
      m.bodyEnd = (int) Math.min(e, end);
      m.end = m.bodyEnd;
      return;
    }
    if (response) {
      m.bodyEnd = end; // to the end of the stream
    }
    m.end = m.bodyEnd;
  }

  private static int parseChunks(HttpMessage m, byte[] b, int p, int end) {
    while (p < end) {
      int lf = lineFeed(b, p, end);
      if (lf < 0) {
        return end;
      }
      long size = 0;
      int i = p;
      int digits = 0;
      while (i < lf && hexValue(b[i]) >= 0 && digits < 16) {
        size = size << 4 | hexValue(b[i]);
        i++;
        digits++;
      }
      if (digits == 0) {
        return p; // not a chunk: the body ends here
      }
      int data = lf + 1;
      if (size == 0) {
        m.lastChunk = p;
        m.lastChunkData = data;
        // Trailer lines up to the empty line.
        int t = data;
        m.trailerStart = t;
        while (t < end) {
          int tl = lineFeed(b, t, end);
          if (tl < 0) {
            m.trailerEnd = end;
            return end;
          }
          int te = tl > t && b[tl - 1] == '\r' ? tl - 1 : tl;
          if (te == t) {
            m.trailerEnd = t;
            m.chunksComplete = true;
            return tl + 1;
          }
          t = tl + 1;
        }
        m.trailerEnd = end;
        return end;
      }
      m.addChunk(p, data, (int) Math.min(size, end - data), size);
      long next = data + size;
      if (next >= end) {
        return end;
      }
      int q = (int) next;
      if (q + 1 < end && b[q] == '\r' && b[q + 1] == '\n') {
        m.cBoundary[m.chunks - 1] = true;
        q += 2;
      } else if (b[q] == '\n') {
        q += 1;
      }
      p = q;
    }
    return end;
  }

  private void addChunk(int at, int data, int len, long size) {
    if (chunks == cStart.length) {
      int n = chunks * 2;
      cStart = Arrays.copyOf(cStart, n);
      cData = Arrays.copyOf(cData, n);
      cLen = Arrays.copyOf(cLen, n);
      cSize = Arrays.copyOf(cSize, n);
      cBoundary = Arrays.copyOf(cBoundary, n);
    }
    cStart[chunks] = at;
    cData[chunks] = data;
    cLen[chunks] = len;
    cSize[chunks] = size;
    chunks++;
  }

  static int hexValue(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }

  static int indexOf(byte[] b, int from, int to, byte c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- decoding

  /** Largest decoded body kept (a bomb of a gzip body stops here). */
  static final int MAX_DECODED = 16 << 20;

  /**
   * Undoes the chunked coding and a gzip or deflate content coding. Leaves {@link #decoded}
   * null when the body is in the frame as it is.
   */
  void decode(byte[] b) {
    if (bodyStart < 0 || bodyEnd <= bodyStart) {
      return;
    }
    byte[] body;
    if (chunked) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int k = 0; k < chunks; k++) {
        out.write(b, cData[k], cLen[k]);
      }
      body = out.toByteArray();
    } else {
      body = null;
    }
    raw = body != null ? body : Arrays.copyOfRange(b, bodyStart, bodyEnd);
    String enc = contentEncoding == null ? "" : contentEncoding.toLowerCase(Locale.ROOT);
    byte[] inflated = null;
    if (enc.equals("gzip") || enc.equals("x-gzip")) {
      inflated = gunzip(raw);
      decompressionFailed = inflated == null;
    } else if (enc.equals("deflate")) {
      inflated = inflate(raw);
      decompressionFailed = inflated == null;
    } else if (contentEncoding != null && !enc.equals("identity")) {
      // Any other coding, or a list of them ("rc4,gzip"), tshark cannot undo.
      decompressionFailed = true;
    }
    if (inflated != null) {
      decoded = inflated;
    } else if (body != null) {
      decoded = body;
    }
  }

  private static byte[] gunzip(byte[] in) {
    if (in.length == 0) {
      return null;
    }
    try (GZIPInputStream z = new GZIPInputStream(new java.io.ByteArrayInputStream(in))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      for (int n; (n = z.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        if (out.size() > MAX_DECODED) {
          break;
        }
      }
      return out.toByteArray();
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private static byte[] inflate(byte[] in) {
    // "deflate" is meant to be zlib-wrapped (RFC 9110 section 8.4.1.2), but raw deflate occurs.
    byte[] out = inflate(in, false);
    return out != null ? out : inflate(in, true);
  }

  private static byte[] inflate(byte[] in, boolean nowrap) {
    Inflater inf = new Inflater(nowrap);
    try {
      inf.setInput(in);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      while (!inf.finished()) {
        int n = inf.inflate(buf);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          break;
        }
        out.write(buf, 0, n);
        if (out.size() > MAX_DECODED) {
          break;
        }
      }
      return inf.finished() || out.size() > 0 ? out.toByteArray() : null;
    } catch (DataFormatException e) {
      return null;
    } finally {
      inf.end();
    }
  }
}

package io.netsift.core.dissect.proto.http;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Expert.Severity;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.dissect.proto.Transport;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hypertext Transfer Protocol 1.x, <a href="https://www.rfc-editor.org/rfc/rfc9112">RFC 9112</a>.
 *
 * <pre>
 * request-line   = method SP request-target SP HTTP-version CRLF
 * status-line    = HTTP-version SP status-code SP [ reason-phrase ] CRLF
 * *( field-line CRLF )
 * CRLF
 * [ message-body ]      ; Content-Length, chunked, or (responses) until close
 * </pre>
 *
 * A PDU ({@link StreamPdus}) is one whole message. The first pass parses the message into an
 * {@link HttpMessage} attached to the layer, undoes chunked and gzip/deflate codings, matches
 * responses to requests per stream (as tshark's single pass does: a response answers the
 * stream's latest request that has no response yet) and hands the body to a media-type layer
 * ({@link MediaTypes}). {@link #message} gives other code (object export) the parsed message
 * and its decoded body.
 */
public class HttpDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  public static final Field NOTIFICATION = Field.bool("http.notification", "Notification")
      .blurb("TRUE if HTTP notification").hidden();
  public static final Field RESPONSE = Field.bool("http.response", "Response")
      .blurb("TRUE if HTTP response").hidden();
  public static final Field REQUEST = Field.bool("http.request", "Request")
      .blurb("TRUE if HTTP request").hidden();
  public static final Field RESPONSE_NUMBER = Field.u32("http.response_number", "Response number");
  public static final Field REQUEST_NUMBER = Field.u32("http.request_number", "Request number");
  public static final Field AUTHBASIC = Field.string("http.authbasic", "Credentials");
  public static final Field AUTHCITRIX = Field.bool("http.authcitrix", "Citrix AG Auth")
      .blurb("TRUE if CitrixAGBasic Auth");
  public static final Field AUTHCITRIX_USER = Field.string("http.authcitrix.user", "Citrix AG Username");
  public static final Field AUTHCITRIX_DOMAIN = Field.string("http.authcitrix.domain", "Citrix AG Domain");
  public static final Field AUTHCITRIX_PASSWORD = Field.string("http.authcitrix.password", "Citrix AG Password");
  public static final Field AUTHCITRIX_SESSION = Field.string("http.authcitrix.session", "Citrix AG Session ID");
  public static final Field RESPONSE_LINE = Field.string("http.response.line", "Response line").hidden();
  public static final Field REQUEST_LINE = Field.string("http.request.line", "Request line").hidden();
  public static final Field METHOD = Field.string("http.request.method", "Request Method")
      .blurb("HTTP Request Method");
  public static final Field URI = Field.string("http.request.uri", "Request URI").blurb("HTTP Request-URI");
  public static final Field URI_PATH = Field.string("http.request.uri.path", "Request URI Path")
      .blurb("HTTP Request-URI Path");
  public static final Field URI_QUERY = Field.string("http.request.uri.query", "Request URI Query")
      .blurb("HTTP Request-URI Query");
  public static final Field URI_QUERY_PARAMETER = Field.string("http.request.uri.query.parameter",
      "Request URI Query Parameter").blurb("HTTP Request-URI Query Parameter");
  public static final Field REQUEST_VERSION = Field.string("http.request.version", "Request Version")
      .blurb("HTTP Request HTTP-Version");
  public static final Field RESPONSE_VERSION = Field.string("http.response.version", "Response Version")
      .blurb("HTTP Response HTTP-Version");
  public static final Field FULL_URI = Field.string("http.request.full_uri", "Full request URI")
      .blurb("The full requested URI (including host name)");
  public static final Field CODE = Field.u16("http.response.code", "Status Code")
      .blurb("HTTP Response Status Code");
  public static final Field CODE_DESC = Field.string("http.response.code.desc", "Status Code Description")
      .blurb("HTTP Response Status Code Description");
  public static final Field RESPONSE_FOR_URI = Field.string("http.response_for.uri", "Request URI")
      .blurb("HTTP Response For-URI");
  public static final Field PHRASE = Field.string("http.response.phrase", "Response Phrase")
      .blurb("HTTP Response Reason Phrase");
  public static final Field AUTHORIZATION = header("http.authorization", "Authorization");
  public static final Field PROXY_AUTHENTICATE = header("http.proxy_authenticate", "Proxy-Authenticate");
  public static final Field PROXY_AUTHORIZATION = header("http.proxy_authorization", "Proxy-Authorization");
  public static final Field PROXY_CONNECT_HOST = Field.string("http.proxy_connect_host", "Proxy-Connect-Hostname")
      .blurb("HTTP Proxy Connect Hostname");
  public static final Field PROXY_CONNECT_PORT = Field.u16("http.proxy_connect_port", "Proxy-Connect-Port")
      .blurb("HTTP Proxy Connect Port");
  public static final Field WWW_AUTHENTICATE = header("http.www_authenticate", "WWW-Authenticate");
  public static final Field CONTENT_TYPE = header("http.content_type", "Content-Type");
  public static final Field CONTENT_LENGTH_HEADER = header("http.content_length_header", "Content-Length");
  public static final Field CONTENT_LENGTH = Field.u64("http.content_length", "Content length");
  public static final Field CONTENT_ENCODING = header("http.content_encoding", "Content-Encoding");
  public static final Field TRANSFER_ENCODING = header("http.transfer_encoding", "Transfer-Encoding");
  public static final Field UPGRADE = header("http.upgrade", "Upgrade");
  public static final Field USER_AGENT = header("http.user_agent", "User-Agent");
  public static final Field HOST = Field.string("http.host", "Host").blurb("HTTP Host");
  public static final Field CONNECTION = Field.string("http.connection", "Connection").blurb("HTTP Connection");
  public static final Field COOKIE = Field.string("http.cookie", "Cookie").blurb("HTTP Cookie");
  public static final Field COOKIE_PAIR = Field.string("http.cookie_pair", "Cookie pair")
      .blurb("A name/value HTTP cookie pair");
  public static final Field ACCEPT = Field.string("http.accept", "Accept").blurb("HTTP Accept");
  public static final Field REFERER = Field.string("http.referer", "Referer").blurb("HTTP Referer");
  public static final Field ACCEPT_LANGUAGE = Field.string("http.accept_language", "Accept-Language")
      .blurb("HTTP Accept Language");
  public static final Field ACCEPT_ENCODING = Field.string("http.accept_encoding", "Accept Encoding")
      .blurb("HTTP Accept Encoding");
  public static final Field DATE = Field.string("http.date", "Date").blurb("HTTP Date");
  public static final Field CACHE_CONTROL = Field.string("http.cache_control", "Cache-Control")
      .blurb("HTTP Cache Control");
  public static final Field SERVER = Field.string("http.server", "Server").blurb("HTTP Server");
  public static final Field LOCATION = Field.string("http.location", "Location").blurb("HTTP Location");
  public static final Field SEC_WEBSOCKET_ACCEPT = Field.string("http.sec_websocket_accept", "Sec-WebSocket-Accept");
  public static final Field SEC_WEBSOCKET_EXTENSIONS =
      Field.string("http.sec_websocket_extensions", "Sec-WebSocket-Extensions");
  public static final Field SEC_WEBSOCKET_KEY = Field.string("http.sec_websocket_key", "Sec-WebSocket-Key");
  public static final Field SEC_WEBSOCKET_PROTOCOL =
      Field.string("http.sec_websocket_protocol", "Sec-WebSocket-Protocol");
  public static final Field SEC_WEBSOCKET_VERSION =
      Field.string("http.sec_websocket_version", "Sec-WebSocket-Version");
  public static final Field SET_COOKIE = Field.string("http.set_cookie", "Set-Cookie").blurb("HTTP Set Cookie");
  public static final Field LAST_MODIFIED = Field.string("http.last_modified", "Last-Modified")
      .blurb("HTTP Last Modified");
  public static final Field X_FORWARDED_FOR = Field.string("http.x_forwarded_for", "X-Forwarded-For")
      .blurb("HTTP X-Forwarded-For");
  public static final Field HTTP2_SETTINGS = Field.string("http.http2_settings", "HTTP2-Settings");
  public static final Field REQUEST_IN = Field.frameNum("http.request_in", "Request in frame")
      .blurb("This packet is a response to the packet with this number");
  public static final Field RESPONSE_IN = Field.frameNum("http.response_in", "Response in frame")
      .blurb("This packet will be responded in the packet with this number");
  public static final Field NEXT_REQUEST_IN = Field.frameNum("http.next_request_in", "Next request in frame")
      .blurb("The next HTTP request starts in packet number");
  public static final Field NEXT_RESPONSE_IN = Field.frameNum("http.next_response_in", "Next response in frame")
      .blurb("The next HTTP response starts in packet number");
  public static final Field PREV_REQUEST_IN = Field.frameNum("http.prev_request_in", "Prev request in frame")
      .blurb("The previous HTTP request starts in packet number");
  public static final Field PREV_RESPONSE_IN = Field.frameNum("http.prev_response_in", "Prev response in frame")
      .blurb("The previous HTTP response starts in packet number");
  public static final Field TIME = Field.of("http.time", "Time since request", FieldType.RELATIVE_TIME)
      .blurb("Time since the request was sent");
  public static final Field CHUNKED_TRAILER_PART = Field.string("http.chunked_trailer_part", "trailer-part")
      .blurb("Optional trailer in a chunked body");
  public static final Field CHUNK_BOUNDARY = Field.bytes("http.chunk_boundary", "Chunk boundary");
  public static final Field CHUNK_SIZE = Field.u32("http.chunk_size", "Chunk size").unit(" octets");
  public static final Field CHUNK_DATA = Field.bytes("http.chunk_data", "Chunk data");
  public static final Field FILE_DATA = Field.string("http.file_data", "File Data");
  public static final Field UNKNOWN_HEADER = Field.string("http.unknown_header", "Unknown header");
  public static final Field HTTP2_SETTINGS_URI = Field.bytes("http.http2_settings_uri", "HTTP2 Settings URI");
  public static final Field PATH_SEGMENT = Field.string("http.path_segment", "Path segment");
  public static final Field PATH_SUB_SEGMENT = Field.string("http.path_sub_segment", "Path sub segment");

  static final Expert CHAT = new Expert("http.chat", Severity.CHAT, "Sequence", "Formatted text");
  static final Expert BAD_HEADER_NAME = new Expert("http.bad_header_name", Severity.WARNING, "Protocol",
      "Illegal characters found in header name");
  static final Expert DECOMPRESSION_FAILED = new Expert("http.decompression_failed", Severity.WARNING,
      "Undecoded", "Decompression failed");
  static final Expert TE_UNKNOWN = new Expert("http.te_unknown", Severity.WARNING, "Protocol",
      "Unknown transfer coding name in Transfer-Encoding header");
  static final Expert SUBDISSECTOR_FAILED = new Expert("http.subdissector_failed", Severity.NOTE, "Malformed",
      "HTTP body subdissector failed, trying heuristic subdissector");
  static final Expert TLS_PORT = new Expert("http.tls_port", Severity.WARNING, "Security",
      "Unencrypted HTTP protocol detected over encrypted port, could indicate a dangerous misconfiguration.");
  static final Expert LEADING_CRLF = new Expert("http.leading_crlf", Severity.ERROR, "Malformed",
      "Leading CRLF previous message in the stream may have extra CRLF");
  static final Expert DECOMPRESSION_DISABLED = new Expert("http.decompression_disabled", Severity.CHAT,
      "Protocol", "Decompression disabled");
  static final Expert TE_AND_LENGTH = new Expert("http.te_and_length", Severity.WARNING, "Malformed",
      "The Content-Length and Transfer-Encoding header must not be set together");

  private static Field header(String name, String label) {
    return Field.string(name, label).blurb("HTTP " + label + " header");
  }

  /** Header names (lower case) that have a field of their own. */
  private static final Map<String, Field> HEADERS = new HashMap<>();

  static {
    Field[] named = {AUTHORIZATION, PROXY_AUTHENTICATE, PROXY_AUTHORIZATION, WWW_AUTHENTICATE,
        CONTENT_TYPE, CONTENT_LENGTH_HEADER, CONTENT_ENCODING, TRANSFER_ENCODING, UPGRADE, USER_AGENT,
        HOST, CONNECTION, COOKIE, ACCEPT, REFERER, ACCEPT_LANGUAGE, ACCEPT_ENCODING, DATE,
        CACHE_CONTROL, SERVER, LOCATION, SEC_WEBSOCKET_ACCEPT, SEC_WEBSOCKET_EXTENSIONS,
        SEC_WEBSOCKET_KEY, SEC_WEBSOCKET_PROTOCOL, SEC_WEBSOCKET_VERSION, SET_COOKIE, LAST_MODIFIED,
        X_FORWARDED_FOR, HTTP2_SETTINGS};
    for (Field f : named) {
      HEADERS.put(f.label().toLowerCase(Locale.ROOT), f);
    }
    HEADERS.put("accept-encoding", ACCEPT_ENCODING);
  }

  /** TCP ports tshark 4.0 gives HTTP by default. */
  private static final int[] TCP_PORTS = {80, 631, 1900, 2710, 2869, 3128, 3132, 3689, 5985, 8080, 8088, 11371};

  /** Endless header blocks: past this many bytes without an empty line, give up waiting. */
  private static final int MAX_HEADER_BYTES = 1 << 20;

  /** Per-capture state: the request/response bookkeeping of each stream. */
  static final class State implements Dissection.StreamState {
    final Map<Long, Conversation> streams = new HashMap<>();
    /**
     * The message {@link #pduLength} parsed last, and where: the dissection of the same bytes in
     * the same frame takes it instead of parsing them again.
     */
    private HttpMessage parsed;
    private byte[] parsedIn;
    private int parsedFrom;
    private int parsedTo;
    private boolean parsedHead;
    private long parsedFrame;

    void keep(Dissection d, byte[] b, int from, int to, boolean head, HttpMessage m) {
      parsed = m;
      parsedIn = b;
      parsedFrom = from;
      parsedTo = to;
      parsedHead = head;
      parsedFrame = d.number();
    }

    /** The kept message if it was parsed from exactly these bytes of this frame, else null; forgets it. */
    HttpMessage take(Dissection d, byte[] b, int from, int to, boolean head) {
      HttpMessage m = parsed;
      boolean same = m != null && b == parsedIn && from == parsedFrom && to == parsedTo && head == parsedHead
          && d.number() == parsedFrame;
      parsed = null;
      parsedIn = null;
      return same ? m : null;
    }

    @Override
    public void forgetStreams(long[] dropped, int n) {
      Dissection.StreamState.removeAll(streams, dropped, n);
    }
  }

  /** One request and the response that answered it, in stream order. */
  static final class Exchange {
    final long number;
    long requestFrame;
    long requestTime;
    String method;
    String fullUri;
    long responseFrame;

    Exchange(long number) {
      this.number = number;
    }
  }

  /** The exchanges of one stream. */
  static final class Conversation {
    final List<Exchange> exchanges = new ArrayList<>();
    /** The stream began with the HTTP/2 connection preface (RFC 9113 section 3.4). */
    boolean http2;

    Exchange tail() {
      return exchanges.isEmpty() ? null : exchanges.get(exchanges.size() - 1);
    }

    Exchange add() {
      Exchange e = new Exchange(exchanges.size() + 1);
      exchanges.add(e);
      return e;
    }

    Exchange before(Exchange e) {
      int i = (int) e.number - 2;
      return i >= 0 && i < exchanges.size() ? exchanges.get(i) : null;
    }
  }

  public HttpDissector() {
    this("http", "Hypertext Transfer Protocol", "HTTP");
  }

  protected HttpDissector(String name, String longName, String columnName) {
    super(name, longName, columnName);
  }

  @Override
  public void register(Protocols p) {
    p.heuristic(Protocols.Table.TCP_PORT, this, (d, b, off, len) -> heuristic(b, off, len));
    for (int port : TCP_PORTS) {
      p.map(Protocols.Table.TCP_PORT, port, this);
    }
  }

  /**
   * tshark's HTTP hands a body without a Content-Type (and a continuation's bytes) to the data
   * dissector inside its own tree ("File Data", then "Data"); a body whose Content-Type maps to
   * data (application/octet-stream) is an item of its own.
   */
  @Override
  public boolean dataInsideTree(Dissection d, int layer) {
    HttpMessage m = message(d, layer);
    return m != null && m.contentType() == null;
  }

  /** The message parsed for HTTP layer {@code layer} of {@code d}, or null when it is not one. */
  public static HttpMessage message(Dissection d, int layer) {
    Object o = layer >= 0 && layer < d.layerCount() ? d.attachment(layer) : null;
    return o instanceof HttpMessage ? (HttpMessage) o : null;
  }

  /** The stream's state if it has any yet (pduLength must not create state for every stream). */
  private Conversation existing(Dissection d, int transport) {
    State st = d.state(this, State::new);
    return st.streams.get(Transport.stream(d, transport));
  }

  private Conversation conversation(Dissection d, int transport) {
    long stream = Transport.stream(d, transport);
    State st = d.state(this, State::new);
    return st.streams.computeIfAbsent(stream, k -> new Conversation());
  }

  // ---------------------------------------------------------------- StreamPdus

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    int end = off + avail;
    HttpMessage.Kind kind = HttpMessage.classify(b, off, end);
    if (Bytes.startsWith(b, off, end, HTTP2_PREFACE)) {
      // HTTP/2 with prior knowledge: tshark's HTTP hands the stream to HTTP/2, which netsift
      // does not dissect yet; the bytes stay an HTTP continuation.
      conversation(d, tcpLayer).http2 = true;
    }
    Conversation known = existing(d, tcpLayer);
    if (known != null && known.http2) {
      return NOT_MINE;
    }
    if (kind == HttpMessage.Kind.CONTINUATION) {
      // Too short to tell a method from other bytes: wait for more.
      if (avail < 8 && HttpMessage.lineFeed(b, off, end) < 0 && looksLikeStart(b, off, end)) {
        return MORE;
      }
      // tshark's HTTP refuses bytes of a stream that has not carried a message yet, unless
      // their first line reads as a header line; after a message they are a continuation.
      int header = HttpMessage.headerLine(b, off, end);
      if (header == HttpMessage.HEADER_CUT) {
        return MORE;
      }
      boolean fresh = known == null || known.tail() == null;
      return fresh && header == HttpMessage.NO_HEADER ? REJECT : NOT_MINE;
    }
    boolean head = false;
    if (kind == HttpMessage.Kind.RESPONSE) {
      Exchange tail = known == null ? null : known.tail();
      head = tail != null && tail.responseFrame == 0 && "HEAD".equals(tail.method);
    }
    HttpMessage m = HttpMessage.parse(b, off, end, head);
    d.state(this, State::new).keep(d, b, off, end, head, m);
    if (m.headerEnd < 0) {
      return avail > MAX_HEADER_BYTES || m.headers >= HttpMessage.MAX_HEADERS ? NOT_MINE : MORE;
    }
    boolean response = m.kind == HttpMessage.Kind.RESPONSE;
    if (response && (head || m.noBodyStatus())) {
      return m.headerEnd - off;
    }
    if (m.chunked) {
      return m.chunksComplete ? m.end - off : MORE;
    }
    if (m.contentLength >= 0) {
      long total = (long) (m.headerEnd - off) + m.contentLength;
      return total > Integer.MAX_VALUE - 1 ? UNTIL_CLOSE : (int) total;
    }
    return response ? UNTIL_CLOSE : m.headerEnd - off;
  }

  /**
   * tshark's HTTP still queues its statistics and export-object taps for the refused bytes
   * (an "Other HTTP Packets" tick, an object named after the frame) when the stream carried no
   * HTTP message yet, the bytes start with a printable byte and hold a complete line, though the
   * frame shows no HTTP: netsift's taps read them through {@link #refused(Dissection)}.
   */
  @Override
  public void rejected(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    Conversation c = existing(d, tcpLayer);
    if (c != null && c.tail() != null) {
      return; // a stream that carried an HTTP message shows the bytes as a continuation instead
    }
    int end = off + avail;
    if (!printableStart(b, off, end)) {
      return; // bytes that start with a byte that is not printable are not HTTP at all: no tap either
    }
    if (HttpMessage.lineFeed(b, off, end) < 0) {
      return; // no complete line: tshark's HTTP asks TCP for more bytes before its tap
    }
    d.tapOnly(new Refused(Arrays.copyOfRange(b, off, end)));
  }

  /**
   * tshark's first test of bytes handed to HTTP: after one leading CRLF (when more than three
   * bytes), is the first byte printable ASCII? If not, HTTP queues none of its taps for them.
   */
  private static boolean printableStart(byte[] b, int off, int end) {
    int first = off + (end - off > 3 && b[off] == '\r' && b[off + 1] == '\n' ? 2 : 0);
    int c = b[first] & 0xff;
    return c >= 0x20 && c <= 0x7e;
  }

  /** Whether HTTP refused a segment of this frame that its taps still see ({@link #rejected}). */
  public static boolean refusedHere(Dissection d) {
    return d.tapOnly() instanceof Refused;
  }

  /** The bytes of the frame's refused segment ({@link #rejected}), or null. */
  public static byte[] refused(Dissection d) {
    Object o = d.tapOnly();
    return o instanceof Refused ? ((Refused) o).bytes.clone() : null;
  }

  /** Bytes HTTP refused but its taps saw. */
  private static final class Refused {
    final byte[] bytes;

    Refused(byte[] bytes) {
      this.bytes = bytes;
    }
  }

  /**
   * tshark's HTTP dissector writes the message's first line into Info before it asks TCP for
   * the rest of the message, so a segment holding the start of an unfinished message shows
   * "HTTP/1.1 200 OK  [TCP segment of a reassembled PDU]".
   */
  @Override
  public String partialInfo(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    int end = off + avail;
    if (HttpMessage.classify(b, off, end) == HttpMessage.Kind.CONTINUATION) {
      return null;
    }
    int lf = HttpMessage.lineFeed(b, off, end);
    if (lf < 0) {
      return null;
    }
    int lineEnd = lf > off && b[lf - 1] == '\r' ? lf - 1 : lf;
    return HttpText.of(b, off, lineEnd) + " ";
  }

  /**
   * tshark's HTTP heuristic over TCP (enabled by default): the bytes start with a request line
   * of a known method or a status line. For a TCP heuristic list once the engine has one.
   */
  public static boolean heuristic(byte[] b, int off, int len) {
    int end = off + len;
    if (HttpMessage.classify(b, off, end) == HttpMessage.Kind.CONTINUATION) {
      return false;
    }
    int lf = HttpMessage.lineFeed(b, off, end);
    int lineEnd = lf < 0 ? end : lf;
    for (int i = off; i + 5 <= lineEnd; i++) {
      if (b[i] == 'H' && b[i + 1] == 'T' && b[i + 2] == 'T' && b[i + 3] == 'P' && b[i + 4] == '/') {
        return true;
      }
    }
    return false;
  }

  private static final byte[] HTTP2_PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  /** Whether a few bytes could still become a method name. */
  private static boolean looksLikeStart(byte[] b, int off, int end) {
    for (int i = off; i < end; i++) {
      int c = b[i] & 0xff;
      if (!(c >= 'A' && c <= 'Z' || c == '-' || c == '_' || c == '/')) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- first pass

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int e = d.end(layer);
    byte[] b = d.data();
    d.payload(e, e);
    if (e <= s) {
      return null;
    }
    int transport = Transport.find(d, layer);
    Conversation conv = conversation(d, transport);
    HttpMessage.Kind kind = HttpMessage.classify(b, s, e);
    boolean head = false;
    if (kind == HttpMessage.Kind.RESPONSE) {
      Exchange tail = conv.tail();
      head = tail != null && tail.responseFrame == 0 && "HEAD".equals(tail.method);
    }
    HttpMessage m = d.state(this, State::new).take(d, b, s, e, head);
    if (m == null) {
      m = HttpMessage.parse(b, s, e, head);
    }
    d.attach(layer, m);
    boolean continuation = m.kind == HttpMessage.Kind.CONTINUATION;
    m.binaryContinuation = continuation && !printableStart(b, s, e);
    if (continuation && m.headers == 0) {
      d.payload(s, e);
      return null;
    }
    // A continuation on a stream that carried no message yet still shows its header lines,
    // but tshark's HTTP leaves the columns to TCP then.
    m.quiet = continuation && conv.tail() == null;
    for (int k = 0; k < m.headers; k++) {
      if (m.hColon[k] < 0 || badName(b, m.hStart[k], m.hColon[k])) {
        d.expert(layer, BAD_HEADER_NAME, m.hStart[k], m.hNext[k] - m.hStart[k], null);
      }
    }
    if (m.cut) {
      d.malformed(layer);
      return null;
    }
    m.decode(b);
    if (m.decompressionFailed) {
      d.expert(layer, DECOMPRESSION_FAILED, m.bodyStart, m.bodyEnd - m.bodyStart, null);
    }
    if (!continuation) {
      match(d, transport, conv, m);
    }
    if (m.end < e) {
      d.setEnd(layer, m.end);
    }
    if (m.bodyEnd > m.bodyStart) {
      d.payload(m.bodyStart, m.bodyEnd);
      if (m.decoded != null) {
        // The media layer reads the body the application got, as an added data source
        // (tshark's "De-chunked entity body" and "Uncompressed entity body").
        int at = -1;
        if (m.chunked) {
          at = d.addSource("De-chunked entity body", m.raw, 0, m.raw.length);
        }
        if (m.decoded != m.raw) {
          at = d.addSource("Uncompressed entity body", m.decoded, 0, m.decoded.length);
        }
        d.payload(at, at + m.decoded.length);
        b = d.data();
      }
      if (MediaTypes.refused(m, b)) {
        d.expert(layer, SUBDISSECTOR_FAILED, m.bodyStart, m.bodyEnd - m.bodyStart, null);
      }
      return MediaTypes.select(d.protocols(), m, b);
    }
    if (m.end < e && m.headerEnd >= 0) {
      // Another message follows in the same bytes.
      d.payload(m.end, e);
      return this;
    }
    return null;
  }

  /** RFC 9110 section 5.6.2: the bytes a header name (a token) may hold. */
  private static final boolean[] TOKEN = new boolean[256];

  static {
    for (int c = 0x21; c < 0x7f; c++) {
      TOKEN[c] = "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
  }

  private static boolean badName(byte[] b, int from, int to) {
    if (to <= from) {
      return true;
    }
    for (int i = from; i < to; i++) {
      if (!TOKEN[b[i] & 0xff]) {
        return true;
      }
    }
    return false;
  }

  private void match(Dissection d, int transport, Conversation conv, HttpMessage m) {
    long frame = d.number();
    if (m.kind == HttpMessage.Kind.RESPONSE) {
      Exchange x = conv.tail();
      if (x == null || x.responseFrame != 0) {
        x = conv.add();
      }
      x.responseFrame = frame;
      m.responseNumber = x.number;
      if (x.requestFrame != 0) {
        d.pointBack(x.requestFrame, this, RESPONSE_IN, frame); // http.response_in, shown with -2
        m.requestIn = x.requestFrame;
        m.timeNanos = d.timestampNanos() - x.requestTime;
        m.responseForUri = x.fullUri;
      }
      Exchange prev = conv.before(x);
      if (prev != null) {
        m.prevRequestIn = prev.requestFrame;
        m.prevResponseIn = prev.responseFrame;
      }
      return;
    }
    m.fullUri = fullUri(d, transport, m);
    Exchange x = conv.add();
    x.requestFrame = frame;
    x.requestTime = d.timestampNanos();
    x.method = m.method;
    x.fullUri = m.fullUri;
    m.requestNumber = x.number;
    Exchange prev = conv.before(x);
    if (prev != null) {
      m.prevRequestIn = prev.requestFrame;
    }
  }

  private static String fullUri(Dissection d, int transport, HttpMessage m) {
    if (m.uriStart < 0) {
      return null;
    }
    String uri = HttpText.of(d.data(), m.uriStart, m.uriEnd);
    if (!uri.startsWith("/") && uri.contains("://")) {
      return uri;
    }
    String host = m.host;
    if (host == null && uri.isEmpty()) {
      return null; // a method alone on its line and no Host: tshark shows no full URI
    }
    if (host == null) {
      int ip = Transport.ip(d, transport);
      host = ip < 0 ? "" : Transport.dstAddress(d, ip);
      int port = Transport.dstPort(d, transport);
      if (port != 80 && port != 0) {
        host = host + ":" + port;
      }
    }
    return "http://" + host + uri;
  }

  // ---------------------------------------------------------------- fields

  @Override
  public void fields(Tree t) {
    Object o = t.attachment();
    if (!(o instanceof HttpMessage)) {
      return;
    }
    HttpMessage m = (HttpMessage) o;
    if (m.kind == HttpMessage.Kind.CONTINUATION) {
      if (m.headers > 0) {
        continuationFields(t, m);
      }
      return;
    }
    byte[] b = t.data();
    int base = t.start();
    boolean response = m.kind == HttpMessage.Kind.RESPONSE;
    int line = m.start - base;
    t.text(line, m.lineNext - m.start, HttpText.of(b, m.start, m.lineNext));
    t.enter();
    t.expert(CHAT, line, m.lineNext - m.start, HttpText.of(b, m.start, m.lineNext));
    if (response) {
      str(t, RESPONSE_VERSION, b, m.versionStart, m.versionEnd);
      if (m.code >= 0) {
        t.number(CODE, m.versionEnd + 1 - base, 3, m.code);
        t.generatedObject(CODE_DESC, HttpStatus.describe(m.code));
        if (m.phraseStart >= 0) {
          str(t, PHRASE, b, m.phraseStart, m.phraseEnd);
        }
      }
    } else {
      str(t, METHOD, b, m.start, m.methodEnd);
      if (m.uriStart >= 0) {
        str(t, URI, b, m.uriStart, m.uriEnd);
        uriParts(t, b, m.uriStart, m.uriEnd);
      }
      if (m.versionStart >= 0) {
        str(t, REQUEST_VERSION, b, m.versionStart, m.versionEnd);
      }
    }
    t.exit();
    if (m.kind == HttpMessage.Kind.NOTIFICATION) {
      t.generated(NOTIFICATION, 1);
    } else {
      t.generated(response ? RESPONSE : REQUEST, 1);
    }
    Field lineField = response ? RESPONSE_LINE : REQUEST_LINE;
    for (int k = 0; k < m.headers; k++) {
      headerField(t, m, k, lineField);
    }
    if (m.blankLine >= 0) {
      t.text(m.blankLine - base, m.headerEnd - m.blankLine, "\\r\\n");
    }
    if (response) {
      t.generated(RESPONSE_NUMBER, m.responseNumber);
      if (m.timeNanos >= 0 && m.requestIn != 0) {
        t.generated(TIME, m.timeNanos);
      }
      if (m.prevRequestIn != 0) {
        t.generated(PREV_REQUEST_IN, m.prevRequestIn);
      }
      if (m.prevResponseIn != 0) {
        t.generated(PREV_RESPONSE_IN, m.prevResponseIn);
      }
      if (m.requestIn != 0) {
        t.generated(REQUEST_IN, m.requestIn);
        if (m.responseForUri != null) {
          t.generatedObject(RESPONSE_FOR_URI, m.responseForUri);
        }
      }
    } else {
      if (m.fullUri != null) {
        t.generatedObject(FULL_URI, m.fullUri);
      }
      t.generated(REQUEST_NUMBER, m.requestNumber);
      if (m.prevRequestIn != 0) {
        t.generated(PREV_REQUEST_IN, m.prevRequestIn);
      }
    }
    if (m.chunked && m.headerEnd >= 0) {
      chunks(t, m);
    }
    fileData(t, m);
  }

  /** A continuation's header lines (no first line, no request or response items) and body. */
  private static void continuationFields(Tree t, HttpMessage m) {
    for (int k = 0; k < m.headers; k++) {
      headerField(t, m, k, null);
    }
    if (m.blankLine >= 0) {
      t.text(m.blankLine - t.start(), m.headerEnd - m.blankLine, "\\r\\n");
    }
    if (m.chunked && m.headerEnd >= 0) {
      chunks(t, m);
    }
    fileData(t, m);
  }

  private static void fileData(Tree t, HttpMessage m) {
    if (m.bodyEnd > m.bodyStart) {
      String data = m.decoded != null ? HttpText.of(m.decoded) : HttpText.of(t.data(), m.bodyStart, m.bodyEnd);
      t.object(FILE_DATA, m.bodyStart - t.start(), m.bodyEnd - m.bodyStart, data);
    }
  }

  private static void str(Tree t, Field f, byte[] b, int from, int to) {
    if (from >= 0 && to >= from) {
      t.object(f, from - t.start(), to - from, HttpText.of(b, from, to));
    }
  }

  private static void uriParts(Tree t, byte[] b, int from, int to) {
    int q = HttpMessage.indexOf(b, from, to, (byte) '?');
    if (q < 0) {
      return;
    }
    t.enter();
    str(t, URI_PATH, b, from, q);
    str(t, URI_QUERY, b, q + 1, to);
    t.enter();
    int p = q + 1;
    while (p <= to) {
      int amp = HttpMessage.indexOf(b, p, to, (byte) '&');
      int e = amp < 0 ? to : amp;
      str(t, URI_QUERY_PARAMETER, b, p, e);
      p = e + 1;
    }
    t.exit();
    t.exit();
  }

  private static void headerField(Tree t, HttpMessage m, int k, Field lineField) {
    byte[] b = t.data();
    int base = t.start();
    int s = m.hStart[k];
    int len = m.hNext[k] - s;
    String whole = HttpText.of(b, s, m.hNext[k]);
    if (lineField != null && m.kind != HttpMessage.Kind.NOTIFICATION) {
      t.object(lineField, s - base, len, whole); // tshark has no line field for notifications
    }
    Field f = null;
    String name = null;
    if (m.hColon[k] > s) {
      name = HttpText.ascii(b, s, m.hColon[k]).trim().toLowerCase(Locale.ROOT);
      f = HEADERS.get(name);
    }
    if (f == null) {
      // tshark gives a well-formed header it has no field for only a text line; in a
      // notification (NOTIFY) or a continuation, or when the name is not a token, it is an
      // "unknown header".
      if (m.kind == HttpMessage.Kind.NOTIFICATION || m.kind == HttpMessage.Kind.CONTINUATION || m.hColon[k] < 0 || badName(b, s, m.hColon[k])) {
        t.object(UNKNOWN_HEADER, s - base, len, whole);
      } else {
        t.text(s - base, len, whole);
      }
      return;
    }
    String value = HttpText.of(b, m.hValue[k], m.hValueEnd[k]);
    t.object(f, s - base, len, value);
    if (f == CONTENT_LENGTH_HEADER && k == m.contentLengthHeader && m.contentLength >= 0) {
      t.enter();
      t.number(CONTENT_LENGTH, m.hValue[k] - base, m.hValueEnd[k] - m.hValue[k], m.contentLength);
      t.exit();
    } else if (f == COOKIE) {
      t.enter();
      int p = m.hValue[k];
      int end = m.hValueEnd[k];
      while (p < end) {
        int semi = HttpMessage.indexOf(b, p, end, (byte) ';');
        int e = semi < 0 ? end : semi;
        int a = p;
        while (a < e && b[a] == ' ') {
          a++;
        }
        str(t, COOKIE_PAIR, b, a, e);
        p = e + 1;
      }
      t.exit();
    } else if (f == AUTHORIZATION || f == PROXY_AUTHORIZATION) {
      String v = HttpText.ascii(b, m.hValue[k], m.hValueEnd[k]);
      if (v.regionMatches(true, 0, "Basic ", 0, 6)) {
        try {
          byte[] cred = Base64.getDecoder().decode(v.substring(6).trim());
          t.enter();
          t.object(AUTHBASIC, m.hValue[k] + 6 - base, m.hValueEnd[k] - m.hValue[k] - 6,
              HttpText.of(cred));
          t.exit();
        } catch (IllegalArgumentException e) {
          // not base64: no credentials item
        }
      }
    }
  }

  private static void chunks(Tree t, HttpMessage m) {
    int base = t.start();
    t.text(m.bodyStart - base, 0, "HTTP chunked response");
    t.enter();
    for (int k = 0; k < m.chunks; k++) {
      int at = m.cStart[k] - base;
      int data = m.cData[k] - base;
      t.text(at, 0, "Data chunk (" + m.cSize[k] + " octets)");
      t.enter();
      t.number(CHUNK_SIZE, at, data - at, m.cSize[k]);
      t.bytes(CHUNK_DATA, data, m.cLen[k]);
      if (m.cBoundary[k]) {
        t.bytes(CHUNK_BOUNDARY, data + m.cLen[k], 2);
      }
      t.exit();
    }
    if (m.lastChunk >= 0) {
      int at = m.lastChunk - base;
      t.text(at, 0, "End of chunked encoding");
      t.enter();
      t.number(CHUNK_SIZE, at, m.lastChunkData - m.lastChunk, 0);
      t.exit();
      byte[] b = t.data();
      int p = m.trailerStart;
      while (p >= 0 && p < m.trailerEnd) {
        int lf = HttpMessage.lineFeed(b, p, m.trailerEnd);
        int next = lf < 0 ? m.trailerEnd : lf + 1;
        str(t, CHUNKED_TRAILER_PART, b, p, next);
        p = next;
      }
    }
    t.exit();
  }

  // ---------------------------------------------------------------- columns

  @Override
  public void columns(Tree t, Columns c) {
    Object o = t.attachment();
    if (o instanceof HttpMessage && ((HttpMessage) o).quiet) {
      return;
    }
    c.protocol = columnName();
    if (!(o instanceof HttpMessage)) {
      return;
    }
    HttpMessage m = (HttpMessage) o;
    if (m.kind == HttpMessage.Kind.CONTINUATION) {
      c.setInfo("Continuation");
      return;
    }
    c.setInfo(HttpText.of(t.data(), m.start, m.lineEnd));
    c.info.append(' ');
  }

  static String ascii(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Internet Message Format, <a href="https://www.rfc-editor.org/rfc/rfc5322">RFC 5322</a>: the
 * mail carried by SMTP DATA, POP RETR and IMAP FETCH.
 *
 * <pre>
 * Name: value CRLF            (a header; lines starting with space or tab continue it)
 * ...
 * CRLF                        (the empty line ends the headers)
 * body lines CRLF ...
 * </pre>
 *
 * Known headers get their own field, others {@code imf.extension}. A text/* body goes on to
 * "data-text-lines" when that protocol is registered; a body without Content-Type is the
 * message text, whose lines Info lists, as tshark does.
 */
public final class ImfDissector extends Dissector {
  public static final Field DATE = Field.string("imf.date", "Date");
  public static final Field FROM = Field.string("imf.from", "From");
  public static final Field SENDER = Field.string("imf.sender", "Sender");
  public static final Field REPLY_TO = Field.string("imf.reply_to", "Reply-To");
  public static final Field TO = Field.string("imf.to", "To");
  public static final Field CC = Field.string("imf.cc", "Cc");
  public static final Field BCC = Field.string("imf.bcc", "Bcc");
  public static final Field MESSAGE_ID = Field.string("imf.message_id", "Message-ID");
  public static final Field IN_REPLY_TO = Field.string("imf.in_reply_to", "In-Reply-To");
  public static final Field REFERENCES = Field.string("imf.references", "References");
  public static final Field SUBJECT = Field.string("imf.subject", "Subject");
  public static final Field COMMENTS = Field.string("imf.comments", "Comments");
  public static final Field USER_AGENT = Field.string("imf.user_agent", "User-Agent");
  public static final Field KEYWORDS = Field.string("imf.keywords", "Keywords");
  public static final Field RESENT_DATE = Field.string("imf.resent.date", "Resent-Date");
  public static final Field RESENT_FROM = Field.string("imf.resent.from", "Resent-From");
  public static final Field RESENT_SENDER = Field.string("imf.resent.sender", "Resent-Sender");
  public static final Field RESENT_TO = Field.string("imf.resent.to", "Resent-To");
  public static final Field RESENT_CC = Field.string("imf.resent.cc", "Resent-Cc");
  public static final Field RESENT_BCC = Field.string("imf.resent.bcc", "Resent-Bcc");
  public static final Field RESENT_MESSAGE_ID = Field.string("imf.resent.message_id", "Resent-Message-ID");
  public static final Field RETURN_PATH = Field.string("imf.return_path", "Return-Path");
  public static final Field RECEIVED = Field.string("imf.received", "Received");
  public static final Field CONTENT_TYPE = Field.string("imf.content.type", "Content-Type");
  public static final Field CONTENT_DESCRIPTION = Field.string("imf.content.description", "Content-Description");
  public static final Field CONTENT_ID = Field.string("imf.content.id", "Content-ID");
  public static final Field CONTENT_TRANSFER_ENCODING = Field.string("imf.content.transfer_encoding", "Content-Transfer-Encoding");
  public static final Field MIME_VERSION = Field.string("imf.mime_version", "MIME-Version");
  public static final Field CONTENT_LANGUAGE = Field.string("imf.content_language", "Content-Language");
  public static final Field DELIVERY_DATE = Field.string("imf.delivery_date", "Delivery-Date");
  public static final Field EXPIRES = Field.string("imf.expires", "Expires");
  public static final Field IMPORTANCE = Field.string("imf.importance", "Importance");
  public static final Field PRIORITY = Field.string("imf.priority", "Priority");
  public static final Field SENSITIVITY = Field.string("imf.sensitivity", "Sensitivity");
  public static final Field DELIVERED_TO = Field.string("imf.delivered_to", "Delivered-To");
  public static final Field EXT_MAILER = Field.string("imf.ext.mailer", "X-Mailer");
  public static final Field EXT_MIMEOLE = Field.string("imf.ext.mimeole", "X-MimeOLE");
  public static final Field EXT_EXPIRY_DATE = Field.string("imf.ext.expiry-date", "Expiry-Date");
  public static final Field EXT_TNEF_CORRELATOR = Field.string("imf.ext.tnef-correlator", "X-MS-TNEF-Correlator");
  public static final Field EXT_UIDL = Field.string("imf.ext.uidl", "X-UIDL");
  public static final Field EXT_AUTHENTICATION_WARNING = Field.string("imf.ext.authentication_warning", "X-Authentication-Warning");
  public static final Field EXT_VIRUS_SCANNED = Field.string("imf.ext.virus_scanned", "X-Virus-Scanned");
  public static final Field EXT_ORIGINAL_TO = Field.string("imf.ext.original-to", "X-Original-To");
  public static final Field THREAD_INDEX = Field.string("imf.thread-index", "Thread-Index");
  public static final Field LINES = Field.string("imf.lines", "Lines");
  public static final Field PRECEDENCE = Field.string("imf.precedence", "Precedence");
  public static final Field CONTENT_TYPE_TYPE = Field.string("imf.content.type.type", "Type");
  public static final Field CONTENT_TYPE_PARAMETERS = Field.string("imf.content.type.parameters", "Parameters");
  public static final Field EXTENSION = Field.string("imf.extension", "Unknown-Extension");
  public static final Field EXTENSION_TYPE = Field.string("imf.extension.type", "Type");
  public static final Field EXTENSION_VALUE = Field.string("imf.extension.value", "Value");
  public static final Field MESSAGE_TEXT = Field.none("imf.message_text", "Message-Text");

  private static final Map<String, Field> HEADERS = new HashMap<>();

  static {
    for (java.lang.reflect.Field jf : ImfDissector.class.getDeclaredFields()) {
      if (jf.getType() == Field.class) {
        try {
          Field f = (Field) jf.get(null);
          if (f != null && !f.name().startsWith("imf.content.type.") && !f.name().startsWith("imf.extension")
              && f != MESSAGE_TEXT) {
            HEADERS.put(f.label().toLowerCase(Locale.ROOT), f);
          }
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /** Headers tshark lists in Info, as "name: value, ". */
  private static boolean inInfo(Field f) {
    return f == FROM || f == SUBJECT;
  }

  public ImfDissector() {
    super("imf", "Internet Message Format", "IMF");
  }

  /**
   * The headers of one message as tshark 4.0 splits them, which is looser than RFC 5322: a
   * header's name is everything from where the previous header ended up to the next colon
   * (across lines, so the tail of a message cut by a segment boundary becomes one odd name);
   * its value ends at a CRLF not followed by a space or tab; an empty line (CRLF CRLF) ends the
   * headers. When no colon or no CR is left the headers stop and the whole message counts as
   * text, from its first byte. All offsets are absolute.
   */
  static final class Headers {
    int count;
    int[] name = new int[8];
    int[] colon = new int[8];
    int[] value = new int[8];
    int[] end = new int[8];
    Field[] field = new Field[8];
    /** Where the body starts (the message start when the headers did not end properly). */
    int body;
    /** The Content-Type's media type as written, or null (tshark needs parameters to take it). */
    String type;
    int paramsFrom = -1;
    int paramsTo = -1;
    /** A value length tshark cannot take (negative, not -1): it stops there, malformed. */
    boolean malformed;
    /** The layer start the offsets were taken at (a copied dissection moves the bytes). */
    int base;

    static Headers parse(byte[] b, int s, int max) {
      Headers h = new Headers();
      h.base = s;
      int start = s;
      int fieldEnd = 0;
      boolean[] last = new boolean[1];
      while (!last[0]) {
        int c = find(b, start, max, (byte) ':');
        if (c < 0) {
          fieldEnd = -1;
          break;
        }
        fieldEnd = fieldEnd(b, c + 1, max, last);
        if (fieldEnd < 0) {
          break;
        }
        int v = c + 1;
        while (v < fieldEnd && space(b[v])) {
          v++;
        }
        if (v == fieldEnd) {
          v = c + 1;
        }
        if (fieldEnd - v - 2 < -1) {
          h.malformed = true;
          fieldEnd = -1;
          break;
        }
        Field f = HEADERS.get(TextLines.ascii(b, start, c).toLowerCase(Locale.ROOT));
        h.add(start, c, v, fieldEnd, f);
        if (f == CONTENT_TYPE) {
          h.contentType(b, c + 1, fieldEnd - (c + 1), max);
        }
        start = fieldEnd;
      }
      if (fieldEnd >= 0 && last[0]) {
        fieldEnd += 2;
      }
      h.body = fieldEnd < 0 ? s : Math.min(fieldEnd, max);
      return h;
    }

    private void add(int n, int c, int v, int e, Field f) {
      if (count == name.length) {
        int k = count * 2;
        name = java.util.Arrays.copyOf(name, k);
        colon = java.util.Arrays.copyOf(colon, k);
        value = java.util.Arrays.copyOf(value, k);
        end = java.util.Arrays.copyOf(end, k);
        field = java.util.Arrays.copyOf(field, k);
      }
      name[count] = n;
      colon[count] = c;
      value[count] = v;
      end[count] = e;
      field[count] = f;
      count++;
    }

    /** End of header {@code i}'s value: 2 before its field end, or the message end for -1. */
    int valueEnd(int i, int max) {
      int len = end[i] - value[i] - 2;
      return len == -1 ? max : value[i] + len;
    }

    private void contentType(byte[] b, int off, int len, int max) {
      int[] r = contentTypeParts(b, off, len, max);
      if (r != null) {
        type = TextLines.ascii(b, r[0], r[1]);
        paramsFrom = r[2];
        paramsTo = r[3];
      }
    }
  }

  /**
   * A Content-Type value (after the colon, {@code len} bytes to its field end) split as tshark
   * splits it: {type start, the ';', parameters start, parameters end} (parameters -1 when
   * their end is not found), or null without a ';' (tshark then takes no type at all).
   */
  static int[] contentTypeParts(byte[] b, int off, int len, int max) {
    int o = off;
    for (int i = 0; i < len; i++) {
      if (!space(b[off + i])) {
        o = off + i;
        break;
      }
    }
    int bound = Math.min(o + len, max);
    int semi = find(b, o, bound, (byte) ';');
    if (semi < 0) {
      return null;
    }
    int e = fieldEnd(b, semi + 1, bound, null);
    boolean params = e >= 0 && e - (semi + 1) - 2 >= 0;
    return new int[] {o, semi, params ? semi + 1 : -1, params ? e - 2 : -1};
  }

  private static int find(byte[] b, int from, int to, byte c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** C's isspace in the "C" locale: space, tab, LF, VT, FF, CR. */
  static boolean space(byte c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  /**
   * Where the header whose value starts at {@code off} ends: just past its CRLF when the next
   * line starts a new header; at the CR of a CRLF CRLF or of a CRLF that ends the bytes, with
   * {@code last[0]} set (the headers end there); -1 when no CR is left.
   */
  static int fieldEnd(byte[] b, int off, int max, boolean[] last) {
    while (off < max) {
      int cr = find(b, off, max, (byte) '\r');
      if (cr < 0) {
        return -1;
      }
      off = cr + 1;
      if (off < max && b[off] == '\n') {
        off++;
        if (off >= max) {
          if (last != null) {
            last[0] = true;
          }
          return off - 2;
        }
        byte next = b[off];
        if (next == '\r') {
          if (off + 1 < max && b[off + 1] == '\n' && last != null) {
            last[0] = true;
          }
          return off;
        }
        if (next != ' ' && next != '\t') {
          return off;
        }
      }
    }
    return -1;
  }

  private static Headers headers(Dissection d, int layer) {
    Object o = d.attachment(layer);
    if (o instanceof Headers && ((Headers) o).base == d.start(layer)) {
      return (Headers) o;
    }
    Headers h = Headers.parse(d.data(), d.start(layer), d.end(layer));
    d.attach(layer, h);
    return h;
  }

  /** The body's media type when tshark hands the body to a media dissector, else null. */
  private static String mediaType(Headers h) {
    return h.type == null ? null : h.type.toLowerCase(Locale.ROOT);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    Headers h = headers(d, layer);
    if (h.malformed) {
      d.malformed(layer);
      return null;
    }
    String type = mediaType(h);
    if (type == null) {
      return null;
    }
    // The body goes to the dissector registered for its type; without one tshark shows nothing.
    String name = io.netsift.core.dissect.proto.http.MediaTypes.registered(type);
    Dissector next = name == null || name.equals("data") ? null : TextLines.byName(d, name);
    if (next != null && h.body < d.end(layer)) {
      d.payload(h.body, d.end(layer));
      return next;
    }
    d.payload(d.end(layer), d.end(layer));
    return null;
  }

  /** tshark dissects the body (text lines, multipart parts) inside IMF's tree. */
  @Override
  public boolean nestsLaterLayers(Dissection d, int layer) {
    return true;
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  /**
   * The media type of the body of mail layer {@code layer} ({@code text/plain}, lower case),
   * or null when the body is message text.
   */
  public static String bodyType(Dissection d, int layer) {
    return mediaType(headers(d, layer));
  }

  /** The Content-Type parameters of mail layer {@code layer} (what a multipart body needs), or null. */
  public static String bodyParameters(Dissection d, int layer) {
    Headers h = headers(d, layer);
    return h.paramsFrom < 0 ? null : TextLines.ascii(d.data(), h.paramsFrom, h.paramsTo);
  }

  @Override
  public void fields(Tree t) {
    byte[] b = t.data();
    int s = t.start();
    int end = s + t.length();
    Headers h = headers(t.dissection(), t.layer());
    for (int i = 0; i < h.count; i++) {
      int ve = h.valueEnd(i, end);
      Field f = h.field[i];
      if (f == null) {
        t.bytes(EXTENSION, h.name[i] - s, ve - h.name[i]);
        t.enter();
        t.bytes(EXTENSION_TYPE, h.name[i] - s, h.colon[i] - h.name[i]);
        t.bytes(EXTENSION_VALUE, h.value[i] - s, ve - h.value[i]);
        t.exit();
        continue;
      }
      t.bytes(f, h.value[i] - s, ve - h.value[i]);
      int[] ct = f == CONTENT_TYPE ? contentTypeParts(b, h.colon[i] + 1, h.end[i] - h.colon[i] - 1, end) : null;
      if (ct != null) {
        t.enter();
        t.bytes(CONTENT_TYPE_TYPE, ct[0] - s, ct[1] - ct[0]);
        if (ct[2] >= 0) {
          t.bytes(CONTENT_TYPE_PARAMETERS, ct[2] - s, ct[3] - ct[2]);
        }
        t.exit();
      }
    }
    if (h.type == null && h.body < end) {
      t.object(MESSAGE_TEXT, h.body - s, end - h.body, null);
      t.enter();
      for (int p = h.body; p < end; ) {
        int n = lineEnd(b, p, end);
        t.text(p - s, n - p, TextLines.text(b, p, n));
        p = n;
      }
      t.exit();
    }
  }

  /** Where the line at {@code p} ends, past its CR, LF or CRLF (tshark's tvb_find_line_end). */
  static int lineEnd(byte[] b, int p, int end) {
    for (int i = p; i < end; i++) {
      if (b[i] == '\n') {
        return i + 1;
      }
      if (b[i] == '\r') {
        return i + 1 < end && b[i + 1] == '\n' ? i + 2 : i + 1;
      }
    }
    return end;
  }

  @Override
  public void columns(Tree t, Columns c) {
    // tshark appends the mail's name to the carrying protocol's ("SMTP/IMF").
    c.protocol = c.protocol.isEmpty() ? "IMF" : c.protocol + "/IMF";
    byte[] b = t.data();
    int s = t.start();
    int end = s + t.length();
    Headers h = headers(t.dissection(), t.layer());
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < h.count; i++) {
      if (h.field[i] != null && inInfo(h.field[i])) {
        sb.append(h.field[i].label().toLowerCase(Locale.ROOT)).append(": ")
            .append(TextLines.text(b, h.value[i], h.valueEnd(i, end))).append(", ");
      }
    }
    if (h.type == null) {
      for (int p = h.body; p < end; ) {
        int n = lineEnd(b, p, end);
        if (sb.length() > 0) {
          sb.append(", ");
        }
        sb.append(infoText(b, p, n));
        p = n;
      }
    }
    String type = mediaType(h);
    if (h.body >= end && type != null
        && "data-text-lines".equals(io.netsift.core.dissect.proto.http.MediaTypes.registered(type))) {
      // tshark still calls the text dissector on an empty body (a FETCH of the headers only):
      // it names the type in Info and adds no layer.
      sb.append(" (").append(type).append(')');
    }
    c.setInfo(sb.toString());
  }

  /** Text for the Info column: control characters become spaces. */
  private static String infoText(byte[] b, int from, int to) {
    StringBuilder sb = new StringBuilder(Math.max(0, to - from));
    for (int i = from; i < to; i++) {
      int ch = b[i] & 0xff;
      sb.append(ch < 0x20 || ch == 0x7f ? ' ' : ch < 0x80 ? (char) ch : '.');
    }
    return sb.toString();
  }
}

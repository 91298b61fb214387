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

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    byte[] b = d.data();
    int body = bodyStart(b, s, end);
    if (body < 0) {
      return null;
    }
    String type = contentType(b, s, body);
    if (type != null && type.startsWith("text/")) {
      Dissector text = TextLines.byName(d, "data-text-lines");
      if (text != null && body < end) {
        d.payload(body, end);
        return text;
      }
    }
    return null;
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  /**
   * Start of the body: just past the empty line that ends the headers, or the first line that is
   * not a header ("Name:" with a non-empty name, or a continuation), as tshark takes it; -1 when
   * the bytes are headers to their end.
   */
  private static int bodyStart(byte[] b, int s, int end) {
    for (int p = s; p < end; ) {
      int n = TextLines.next(b, p, end);
      if (TextLines.textEnd(b, p, n) == p && n > p && b[n - 1] == '\n') {
        return n;
      }
      boolean continuation = p > s && (b[p] == ' ' || b[p] == '\t');
      if (!continuation && colon(b, p, n) <= p) {
        return p;
      }
      p = n;
    }
    return -1;
  }

  /** End of the header that starts at {@code p}: past its continuation lines. */
  private static int headerEnd(byte[] b, int p, int end) {
    int n = TextLines.next(b, p, end);
    while (n < end && (b[n] == ' ' || b[n] == '\t')) {
      n = TextLines.next(b, n, end);
    }
    return n;
  }

  private static int colon(byte[] b, int p, int e) {
    for (int i = p; i < e; i++) {
      if (b[i] == ':') {
        return i;
      }
      if (b[i] == '\n') {
        return -1;
      }
    }
    return -1;
  }

  /**
   * The media type of the body of mail layer {@code layer} ({@code text/plain}, lower case),
   * or null without a Content-Type header.
   */
  public static String bodyType(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int body = bodyStart(b, s, d.end(layer));
    return body < 0 ? null : contentType(b, s, body);
  }

  private static String contentType(byte[] b, int s, int body) {
    for (int p = s; p < body; ) {
      int n = headerEnd(b, p, body);
      int c = colon(b, p, n);
      if (c > p && TextLines.is(b, p, c, "CONTENT-TYPE")) {
        int v = c + 1;
        while (v < n && (b[v] == ' ' || b[v] == '\t')) {
          v++;
        }
        int e = v;
        while (e < n && b[e] != ';' && b[e] != '\r' && b[e] != '\n' && b[e] != ' ') {
          e++;
        }
        return TextLines.ascii(b, v, e).toLowerCase(Locale.ROOT);
      }
      p = n;
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    byte[] b = t.data();
    int s = t.start();
    int end = s + t.length();
    int body = bodyStart(b, s, end);
    int headersEnd = body < 0 ? end : body;
    for (int p = s; p < headersEnd; ) {
      int n = headerEnd(b, p, headersEnd);
      int c = colon(b, p, n);
      if (c < 0) {
        p = n;
        continue;
      }
      int v = c + 1;
      while (v < n && (b[v] == ' ' || b[v] == '\t')) {
        v++;
      }
      int ve = TextLines.textEnd(b, v, n);
      Field f = HEADERS.get(TextLines.ascii(b, p, c).toLowerCase(Locale.ROOT));
      if (f == null) {
        t.bytes(EXTENSION, p - s, ve - p);
        t.enter();
        t.bytes(EXTENSION_TYPE, p - s, c - p);
        t.bytes(EXTENSION_VALUE, v - s, ve - v);
        t.exit();
      } else {
        t.bytes(f, v - s, ve - v);
        if (f == CONTENT_TYPE) {
          int semi = v;
          while (semi < ve && b[semi] != ';') {
            semi++;
          }
          t.enter();
          t.bytes(CONTENT_TYPE_TYPE, v - s, semi - v);
          if (semi + 1 < ve) {
            t.bytes(CONTENT_TYPE_PARAMETERS, semi + 1 - s, ve - semi - 1);
          }
          t.exit();
        }
      }
      p = n;
    }
    if (body >= 0 && body < end && contentType(b, s, body) == null) {
      t.object(MESSAGE_TEXT, body - s, end - body, null);
      t.enter();
      for (int p = body; p < end; ) {
        int n = TextLines.next(b, p, end);
        t.text(p - s, n - p, TextLines.text(b, p, n));
        p = n;
      }
      t.exit();
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    // tshark appends the mail's name to the carrying protocol's ("SMTP/IMF").
    c.protocol = c.protocol.isEmpty() ? "IMF" : c.protocol + "/IMF";
    byte[] b = t.data();
    int s = t.start();
    int end = s + t.length();
    int body = bodyStart(b, s, end);
    int headersEnd = body < 0 ? end : body;
    StringBuilder sb = new StringBuilder();
    for (int p = s; p < headersEnd; ) {
      int n = headerEnd(b, p, headersEnd);
      int col = colon(b, p, n);
      if (col > p) {
        Field f = HEADERS.get(TextLines.ascii(b, p, col).toLowerCase(Locale.ROOT));
        if (f != null && inInfo(f)) {
          int v = col + 1;
          while (v < n && (b[v] == ' ' || b[v] == '\t')) {
            v++;
          }
          sb.append(f.label().toLowerCase(Locale.ROOT)).append(": ")
              .append(infoText(b, v, TextLines.textEnd(b, v, n))).append(", ");
        }
      }
      p = n;
    }
    if (body >= 0 && body < end && contentType(b, s, body) == null) {
      for (int p = body; p < end; ) {
        int n = TextLines.next(b, p, end);
        if (sb.length() > 0) {
          sb.append(", ");
        }
        sb.append(infoText(b, p, n));
        p = n;
      }
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

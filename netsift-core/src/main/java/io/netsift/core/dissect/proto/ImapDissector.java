package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.util.HashMap;
import java.util.Map;

/**
 * Internet Message Access Protocol, <a href="https://www.rfc-editor.org/rfc/rfc3501">RFC 3501</a>.
 *
 * <pre>
 * request:  tag SP command [SP arguments] CRLF            (client to port 143)
 * response: tag SP status SP [command] text CRLF          (tagged completion)
 *           "*" SP data CRLF                              (untagged data)
 *           ... {n} CRLF  followed by n bytes              (a literal)
 * </pre>
 *
 * Every line is an {@code imap.line}; request lines and tagged responses are split into tag,
 * command and status, and a tagged response is matched with its request ({@code imap.response_to},
 * {@code imap.time}). tshark reassembles lines and literals across segments; {@link #pduLength}
 * asks for the same.
 */
public final class ImapDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  public static final Field ISREQUEST = Field.bool("imap.isrequest", "Request")
      .blurb("TRUE if IMAP request, FALSE otherwise");
  public static final Field LINE = Field.of("imap.line", "Line", FieldType.STRINGZ)
      .blurb("A line of an IMAP message");
  public static final Field REQUEST = Field.of("imap.request", "Request", FieldType.STRINGZ)
      .blurb("Remainder of request line");
  public static final Field REQUEST_TAG = Field.of("imap.request_tag", "Request Tag", FieldType.STRINGZ);
  public static final Field RESPONSE = Field.of("imap.response", "Response", FieldType.STRINGZ)
      .blurb("Remainder of response line");
  public static final Field RESPONSE_TAG = Field.of("imap.response_tag", "Response Tag", FieldType.STRINGZ);
  public static final Field REQUEST_COMMAND = Field.of("imap.request.command", "Request Command", FieldType.STRINGZ);
  public static final Field RESPONSE_COMMAND = Field.of("imap.response.command", "Response Command", FieldType.STRINGZ);
  public static final Field RESPONSE_STATUS = Field.of("imap.response.status", "Response Status", FieldType.STRINGZ);
  public static final Field TAG = Field.of("imap.tag", "Tag", FieldType.STRINGZ);
  public static final Field COMMAND = Field.of("imap.command", "Command", FieldType.STRINGZ);
  public static final Field REQUEST_FOLDER = Field.of("imap.request.folder", "Request Folder", FieldType.STRINGZ);
  public static final Field REQUEST_UID = Field.bool("imap.request.command.uid", "Request isUID");
  public static final Field REQUEST_USERNAME = Field.of("imap.request.username", "Request Username", FieldType.STRINGZ);
  public static final Field REQUEST_PASSWORD = Field.of("imap.request.password", "Request Password", FieldType.STRINGZ);
  public static final Field RESPONSE_IN = Field.frameNum("imap.response_in", "Response In");
  public static final Field RESPONSE_TO = Field.frameNum("imap.response_to", "Request In");
  public static final Field TIME = Field.of("imap.time", "Response Time", FieldType.RELATIVE_TIME)
      .blurb("The time between the Request and the Response");

  private static final int PORT = 143;

  /** Per-capture state: outstanding requests by stream and tag. */
  private static final class State {
    final Map<String, long[]> requests = new HashMap<>();
    final java.util.Set<String> startTls = new java.util.HashSet<>();
  }

  /** Per tagged response line: the request's frame and the time since it (parallel arrays). */
  private static final class Matches {
    final long[] frame;
    final long[] nanos;

    Matches(int n) {
      frame = new long[n];
      nanos = new long[n];
    }
  }

  public ImapDissector() {
    super("imap", "Internet Message Access Protocol", "IMAP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, PORT, this);
  }

  /** tshark's IMAP adds its tree item before it asks TCP for the rest of a literal (ndpi__imap frame 30). */
  @Override
  public boolean layerWhereCalled() {
    return true;
  }

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    int n = TextLines.lineLength(b, off, avail);
    if (n < 0) {
      return MORE;
    }
    // A line ending in a literal {count} continues after count bytes (RFC 3501 section 4.3).
    int literal = literal(b, off, off + n);
    if (literal >= 0) {
      long total = (long) n + literal;
      if (total > avail) {
        return total > Integer.MAX_VALUE / 2 ? NOT_MINE : MORE;
      }
      // tshark's IMAP takes everything after a completed literal into the same message: the
      // lines that close the FETCH and the tagged status after it are one layer with it.
      for (int p = (int) total; p < avail; ) {
        int rest = pduLength(d, tcpLayer, b, off + p, avail - p);
        if (rest < 0) {
          return rest;
        }
        p += rest;
      }
      return avail;
    }
    return n;
  }

  @Override
  public boolean splitPdus() {
    return false;
  }

  /** The count of a {@code {n}} or {@code {n+}} literal that ends the line, or -1. */
  private static int literal(byte[] b, int from, int lineEnd) {
    int e = TextLines.textEnd(b, from, lineEnd);
    if (e - from < 3 || b[e - 1] != '}') {
      return -1;
    }
    int i = e - 2;
    if (b[i] == '+') {
      i--;
    }
    long v = 0;
    long scale = 1;
    int digits = 0;
    while (i > from && TextLines.digit(b[i]) && digits < 9) {
      v += (b[i] - '0') * scale;
      scale *= 10;
      digits++;
      i--;
    }
    return digits > 0 && b[i] == '{' ? (int) v : -1;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    byte[] b = d.data();
    int tr = Transport.find(d, layer);
    boolean request = TextLines.toPort(d, layer, PORT);
    State st = d.state(this, State::new);
    String stream = Transport.stream(d, tr) + " ";
    java.util.Set<String> startTls = st.startTls;
    int tagged = 0;
    long[] frames = new long[8];
    long[] nanos = new long[8];
    for (int p = s; p < end; ) {
      int n = TextLines.next(b, p, end);
      int te = TextLines.textEnd(b, p, n);
      int sp = TextLines.space(b, p, te);
      String tag = TextLines.ascii(b, p, sp);
      if (request) {
        if (sp > p) {
          st.requests.put(stream + tag, new long[] {d.number(), d.timestampNanos()});
          int c = Math.min(sp + 1, te);
          if (TextLines.is(b, c, TextLines.space(b, c, te), "STARTTLS")) {
            startTls.add(stream + tag);
          }
        }
      } else if (sp > p && !tag.equals("*") && !tag.equals("+")) {
        long[] req = st.requests.get(stream + tag);
        int status = Math.min(sp + 1, te);
        if (TextLines.is(b, status, TextLines.space(b, status, te), "OK") && startTls.remove(stream + tag)) {
          // RFC 3501 section 6.2.1: after the tagged OK to STARTTLS the connection speaks TLS.
          Dissector tls = TextLines.byName(d, "tls");
          int ip = Transport.ip(d, tr);
          if (tls != null && ip >= 0) {
            d.expect(Protocols.Table.TCP_PORT, Transport.dstAddress(d, ip), Transport.dstPort(d, tr), tls);
          }
        }
        if (tagged == frames.length) {
          frames = java.util.Arrays.copyOf(frames, tagged * 2);
          nanos = java.util.Arrays.copyOf(nanos, tagged * 2);
        }
        frames[tagged] = req == null ? 0 : req[0];
        nanos[tagged] = req == null ? 0 : d.timestampNanos() - req[1];
        tagged++;
      }
      int lit = literal(b, p, n);
      p = lit >= 0 ? (int) Math.min(end, (long) n + lit) : n;
    }
    Dissector next = null;
    if (!request) {
      for (int p = s; p < end; ) {
        int n = TextLines.next(b, p, end);
        int lit = literal(b, p, n);
        if (lit > 0 && (long) n + lit <= end) {
          // A message literal (FETCH BODY[...]) is a mail: tshark hands it to imf.
          next = TextLines.byName(d, "imf");
          if (next != null) {
            d.payload(n, n + lit);
          }
          break;
        }
        p = n;
      }
    }
    if (tagged > 0) {
      Matches m = new Matches(tagged);
      System.arraycopy(frames, 0, m.frame, 0, tagged);
      System.arraycopy(nanos, 0, m.nanos, 0, tagged);
      d.attach(layer, m);
    }
    return next;
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public void fields(Tree t) {
    byte[] b = t.data();
    int s = t.start();
    int end = s + t.length();
    boolean request = TextLines.toPort(t.dissection(), t.layer(), PORT);
    Object o = t.attachment();
    Matches m = o instanceof Matches ? (Matches) o : null;
    int tagged = 0;
    t.generated(ISREQUEST, request ? 1 : 0);
    for (int p = s; p < end; ) {
      int n = TextLines.next(b, p, end);
      int te = TextLines.textEnd(b, p, n);
      t.bytes(LINE, p - s, n - p);
      int sp = TextLines.space(b, p, te);
      if (request) {
        requestLine(t, b, s, p, sp, te);
      } else if (sp > p && !(sp - p == 1 && (b[p] == '*' || b[p] == '+'))) {
        t.bytes(RESPONSE, p - s, te - p);
        t.enter();
        t.bytes(RESPONSE_TAG, p - s, sp - p);
        t.bytes(TAG, p - s, sp - p);
        int st = Math.min(sp + 1, te);
        int se = TextLines.space(b, st, te);
        if (se > st) {
          t.bytes(RESPONSE_STATUS, st - s, se - st);
        }
        if (se + 1 < te) {
          int c = se + 1;
          int ce = TextLines.space(b, c, te);
          t.bytes(RESPONSE_COMMAND, c - s, ce - c);
          t.bytes(COMMAND, c - s, ce - c);
        }
        t.exit();
        if (m != null && tagged < m.frame.length) {
          if (m.frame[tagged] != 0) {
            t.generated(RESPONSE_TO, m.frame[tagged]);
            t.generated(TIME, m.nanos[tagged]);
          }
          tagged++;
        }
      }
      int lit = literal(b, p, n);
      p = lit >= 0 ? (int) Math.min(end, (long) n + lit) : n;
    }
  }

  private static void requestLine(Tree t, byte[] b, int s, int p, int sp, int te) {
    t.bytes(REQUEST, p - s, te - p);
    t.enter();
    t.bytes(REQUEST_TAG, p - s, sp - p);
    t.bytes(TAG, p - s, sp - p);
    if (sp + 1 <= te) {
      int c = sp + 1;
      int ce = TextLines.space(b, c, te);
      boolean uid = TextLines.is(b, c, ce, "UID");
      int rc = c;
      int rce = ce;
      if (uid && ce + 1 < te) {
        rc = ce + 1;
        rce = TextLines.space(b, rc, te);
      }
      t.bytes(REQUEST_COMMAND, rc - s, rce - rc);
      t.bytes(COMMAND, c - s, ce - c);
      if (uid) {
        t.number(REQUEST_UID, c - s, ce - c, 1);
      }
      int a1 = Math.min(rce + 1, te);
      int a1e = TextLines.space(b, a1, te);
      if (a1e > a1) {
        if (folderCommand(b, rc, rce)) {
          t.bytes(REQUEST_FOLDER, a1 - s, a1e - a1);
        } else if (TextLines.is(b, rc, rce, "LOGIN")) {
          t.bytes(REQUEST_USERNAME, a1 - s, a1e - a1);
          int a2 = Math.min(a1e + 1, te);
          int a2e = TextLines.space(b, a2, te);
          if (a2e - a2 >= 2) {
            // tshark 4.0 drops the first and last character of the password, quoted or not.
            t.bytes(REQUEST_PASSWORD, a2 + 1 - s, a2e - a2 - 2);
          }
        }
      }
    }
    t.exit();
  }

  private static boolean folderCommand(byte[] b, int c, int ce) {
    for (String w : new String[] {"SELECT", "EXAMINE", "CREATE", "DELETE", "RENAME", "SUBSCRIBE",
        "UNSUBSCRIBE", "STATUS", "APPEND"}) {
      if (TextLines.is(b, c, ce, w)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void columns(Tree t, Columns c) {
    if (t.length() == 0) {
      return; // the empty layer of a segment that only starts a literal: TCP's columns stay
    }
    c.protocol = "IMAP";
    byte[] b = t.data();
    int s = t.start();
    int end = s + t.length();
    int last = s;
    for (int p = s; p < end; ) {
      last = p;
      int n = TextLines.next(b, p, end);
      int lit = literal(b, p, n);
      p = lit >= 0 ? (int) Math.min(end, (long) n + lit) : n;
    }
    int te = TextLines.textEnd(b, last, TextLines.next(b, last, end));
    c.setInfo((TextLines.toPort(t.dissection(), t.layer(), PORT) ? "Request: " : "Response: ")
        + TextLines.text(b, last, te));
  }
}

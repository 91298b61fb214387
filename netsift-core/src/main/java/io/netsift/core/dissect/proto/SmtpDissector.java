package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * Simple Mail Transfer Protocol, <a href="https://www.rfc-editor.org/rfc/rfc5321">RFC 5321</a>,
 * with AUTH (<a href="https://www.rfc-editor.org/rfc/rfc4954">RFC 4954</a>).
 *
 * <pre>
 * command: VERB [SP parameter] CRLF             (client to port 25 or 587)
 * reply:   NNN [SP|-] text CRLF                 ('-' continues a multi-line reply)
 * DATA:    message lines ... CRLF "." CRLF      (after a 354 reply)
 * </pre>
 *
 * The first pass follows each conversation: after DATA and a 354 reply the client's segments are
 * message fragments until the closing {@code CRLF . CRLF}; the segment that closes the message
 * also carries the mail itself as an "imf" layer; after AUTH LOGIN/PLAIN and a 334 reply the
 * client's lines are credentials. tshark reassembles the fragments into one message; netsift's
 * imf layer covers the closing segment's part of it (the whole message when it fits one segment).
 */
public final class SmtpDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  public static final Field REQ = Field.bool("smtp.req", "Request");
  public static final Field RSP = Field.bool("smtp.rsp", "Response");
  public static final Field MESSAGE = Field.string("smtp.message", "Message");
  public static final Field COMMAND_LINE = Field.string("smtp.command_line", "Command Line");
  public static final Field REQ_COMMAND = Field.string("smtp.req.command", "Command");
  public static final Field REQ_PARAMETER = Field.string("smtp.req.parameter", "Request parameter");
  public static final Field RESPONSE = Field.string("smtp.response", "Response");
  public static final Field RESPONSE_CODE = Field.u32("smtp.response.code", "Response code")
      .labels(ValueNames.parse(""
      + "211=System status, or system help reply|214=Help message|"
      + "220=<domain> Service ready|221=<domain> Service closing transmission channel|"
      + "235=Authentication successful|250=Requested mail action okay, completed|"
      + "251=User not local; will forward to <forward-path>|"
      + "252=Cannot VRFY user, but will accept message and attempt delivery|"
      + "334=AUTH input|354=Start mail input; end with <CRLF>.<CRLF>|"
      + "421=<domain> Service not available, closing transmission channel|"
      + "432=A password transition is needed|"
      + "450=Requested mail action not taken: mailbox unavailable|"
      + "451=Requested action aborted: local error in processing|"
      + "452=Requested action not taken: insufficient system storage|"
      + "454=Temporary authentication failed|500=Syntax error, command unrecognized|"
      + "501=Syntax error in parameters or arguments|502=Command not implemented|"
      + "503=Bad sequence of commands|504=Command parameter not implemented|"
      + "530=Authentication required|534=Authentication mechanism is too weak|"
      + "535=Authentication credentials invalid|"
      + "538=Encryption required for requested authentication mechanism|"
      + "550=Requested action not taken: mailbox unavailable|"
      + "551=User not local; please try <forward-path>|"
      + "552=Requested mail action aborted: exceeded storage allocation|"
      + "553=Requested action not taken: mailbox name not allowed|554=Transaction failed|"
      ));
  public static final Field RSP_PARAMETER = Field.string("smtp.rsp.parameter", "Response parameter");
  public static final Field AUTH_USERNAME = Field.string("smtp.auth.username", "Username");
  public static final Field AUTH_PASSWORD = Field.string("smtp.auth.password", "Password");
  public static final Field AUTH_USERNAME_PASSWORD = Field.string("smtp.auth.username_password",
      "Username/Password");
  public static final Field EOM = Field.none("smtp.eom", "EOM");
  public static final Field DATA_FRAGMENTS = Field.none("smtp.data.fragments", "DATA fragments");
  public static final Field DATA_FRAGMENT = Field.frameNum("smtp.data.fragment", "DATA fragment");
  public static final Field DATA_FRAGMENT_COUNT = Field.u32("smtp.data.fragment.count", "DATA fragment count");
  public static final Field DATA_REASSEMBLED_LENGTH = Field.u32("smtp.data.reassembled.length",
      "Reassembled DATA length");
  public static final Field DATA_REASSEMBLED_IN = Field.frameNum("smtp.data.reassembled.in",
      "Reassembled DATA in frame");

  // What a client segment is, kept as the layer's first annotation.
  private static final int K_COMMAND = 0;
  private static final int K_DATA = 1;
  private static final int K_DATA_END = 2;
  private static final int K_USER = 3;
  private static final int K_PASS = 4;
  private static final int K_USER_PASS = 5;
  private static final int K_RESPONSE = 6;
  // Annotations.
  private static final int A_KIND = 0;
  private static final int A_FRAGMENTS = 1;
  private static final int A_TOTAL = 2;
  private static final int A_BODY_END = 3;
  private static final int A_COUNT = 4;

  private static final class Conversation {
    /** The DATA bytes so far ended in CRLF (tshark's crlf_seen; kept across messages). */
    boolean crlfSeen;
    boolean dataRequested;
    boolean inData;
    int fragments;
    long total;
    /** What the next client line is after a 334 reply: 0 none, else a K_ kind. */
    int authNext;
    int authPending;
    /** The message so far (the DATA fragments, without the closing dot line) and its frames. */
    byte[] message = new byte[0];
    int messageLength;
    long[] frames = new long[0];
    int[] sizes = new int[0];
    boolean overflow;

    void fragment(Dissection d, byte[] b, int off, int len, long limit) {
      if (fragments > frames.length) {
        frames = java.util.Arrays.copyOf(frames, Math.max(4, fragments * 2));
        sizes = java.util.Arrays.copyOf(sizes, frames.length);
      }
      frames[fragments - 1] = d.number();
      sizes[fragments - 1] = len;
      if (overflow || messageLength + (long) len > limit) {
        // Past the reassembly cap the message is not kept: the fragments are still counted.
        overflow = true;
        message = new byte[0];
        messageLength = 0;
        return;
      }
      if (messageLength + len > message.length) {
        message = java.util.Arrays.copyOf(message, Math.max(messageLength + len, message.length * 2));
      }
      System.arraycopy(b, off, message, messageLength, len);
      messageLength += len;
    }

    void clear() {
      message = new byte[0];
      messageLength = 0;
      frames = new long[0];
      sizes = new int[0];
      overflow = false;
    }
  }

  public SmtpDissector() {
    super("smtp", "Simple Mail Transfer Protocol", "SMTP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, 25, this);
    p.map(Protocols.Table.TCP_PORT, 587, this);
  }

  private static boolean request(Dissection d, int layer) {
    int tr = Transport.find(d, layer);
    int dport = Transport.dstPort(d, tr);
    int sport = Transport.srcPort(d, tr);
    if (dport == 25 || dport == 587) {
      return true;
    }
    if (sport == 25 || sport == 587) {
      return false;
    }
    return dport < sport;
  }

  private Conversation conversation(Dissection d, int transportLayer) {
    return PerStream.<Conversation>of(d, this).get(Transport.stream(d, transportLayer), Conversation::new);
  }

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    Conversation c = conversation(d, tcpLayer);
    // Message text is collected by SMTP itself, one segment at a time; lines are reassembled.
    if (c.inData && Transport.srcPort(d, tcpLayer) != 25 && Transport.srcPort(d, tcpLayer) != 587) {
      return avail;
    }
    int n = TextLines.lineLength(b, off, avail);
    return n;
  }

  @Override
  public boolean splitPdus() {
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    byte[] b = d.data();
    Conversation c = conversation(d, Transport.find(d, layer));
    d.annotate(layer, A_COUNT);
    if (!request(d, layer)) {
      d.setAnnotation(layer, A_KIND, K_RESPONSE);
      int te = TextLines.textEnd(b, s, TextLines.next(b, s, end));
      if (TextLines.threeDigits(b, s, te)) {
        int code = TextLines.code(b, s);
        if (code == 354 && c.dataRequested) {
          c.inData = true;
          c.fragments = 0;
          c.total = 0;
          c.clear();
        }
        c.dataRequested = false;
        if (code == 334 && c.authPending != 0) {
          c.authNext = c.authPending;
          c.authPending = c.authPending == K_USER ? K_PASS : 0;
        } else if (code != 334) {
          c.authPending = 0;
          c.authNext = 0;
        }
      }
      return null;
    }
    if (c.inData) {
      c.fragments++;
      int bodyEnd = messageEnd(c, b, s, end);
      long limit = d.protocols().longPreference("tcp.reassembly_max_pdu", 16L << 20);
      if (bodyEnd < 0) {
        c.fragment(d, b, s, end - s, limit);
        c.total += end - s;
        d.setAnnotation(layer, A_KIND, K_DATA);
        Dissector text = TextLines.byName(d, "data-text-lines");
        if (text != null) {
          d.payload(s, end);
          return text;
        }
        return null;
      }
      c.fragment(d, b, s, bodyEnd - s, limit);
      c.total += bodyEnd - s;
      c.inData = false;
      d.setAnnotation(layer, A_KIND, K_DATA_END);
      d.setAnnotation(layer, A_FRAGMENTS, c.fragments);
      d.setAnnotation(layer, A_TOTAL, c.total);
      d.setAnnotation(layer, A_BODY_END, bodyEnd - s);
      Dissector imf = TextLines.byName(d, "imf");
      if (c.overflow || c.messageLength == 0) {
        c.clear();
        return null;
      }
      // As tshark: the message, reassembled from every DATA fragment, is a data source of the
      // frame with the closing dot, and the mail is dissected from it.
      int at = d.addSource("Reassembled SMTP", c.message, 0, c.messageLength);
      Reassembled r = new Reassembled(java.util.Arrays.copyOf(c.frames, c.fragments),
          java.util.Arrays.copyOf(c.sizes, c.fragments), d.sourceCount() - 1, c.messageLength);
      d.attach(layer, r);
      r.pointBack(d, this, DATA_REASSEMBLED_IN);
      int length = c.messageLength;
      c.clear();
      if (imf != null) {
        d.payload(at, at + length);
        return imf;
      }
      return null;
    }
    if (c.authNext != 0) {
      d.setAnnotation(layer, A_KIND, c.authNext);
      c.authNext = 0;
      return null;
    }
    d.setAnnotation(layer, A_KIND, K_COMMAND);
    for (int p = s; p < end; ) {
      int n = TextLines.next(b, p, end);
      int te = TextLines.textEnd(b, p, n);
      int sp = TextLines.space(b, p, te);
      if (TextLines.is(b, p, sp, "DATA")) {
        c.dataRequested = true;
      } else if (TextLines.is(b, p, sp, "AUTH")) {
        int mech = Math.min(sp + 1, te);
        int mechEnd = TextLines.space(b, mech, te);
        boolean initial = mechEnd < te;
        if (TextLines.is(b, mech, mechEnd, "LOGIN")) {
          c.authPending = initial ? K_PASS : K_USER;
        } else if (TextLines.is(b, mech, mechEnd, "PLAIN")) {
          c.authPending = initial ? 0 : K_USER_PASS;
        }
      }
      p = n;
    }
    return null;
  }

  /**
   * Where the message text ends in this DATA segment, or -1: tshark's test, line by line, is a
   * line that starts CRLF "." CRLF (an empty line before the dot: the text ends before it) or,
   * when the data so far ended in CRLF, a line that is "." CRLF. Whether the data ended in CRLF
   * carries over from the previous segment.
   */
  private static int messageEnd(Conversation c, byte[] b, int s, int end) {
    for (int p = s; p < end; p = ImfDissector.lineEnd(b, p, end)) {
      if (starts(b, p, end, "\r\n.\r\n") || c.crlfSeen && starts(b, p, end, ".\r\n")) {
        return p;
      }
      c.crlfSeen = end - s >= 2 && b[end - 2] == '\r' && b[end - 1] == '\n';
    }
    return -1;
  }

  private static boolean starts(byte[] b, int p, int end, String w) {
    if (end - p < w.length()) {
      return false;
    }
    for (int i = 0; i < w.length(); i++) {
      if (b[p + i] != w.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** tshark shows a DATA fragment's text lines inside SMTP's tree (the reassembled mail, IMF, at the top). */
  @Override
  public boolean nestsLaterLayers(Dissection d, int layer) {
    return d.annotation(layer, A_KIND) == K_DATA;
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
    int kind = (int) t.annotation(A_KIND);
    if (kind == K_RESPONSE) {
      t.generated(RSP, 1);
      int lineEnd = TextLines.next(b, s, end);
      t.bytes(RESPONSE, 0, lineEnd - s);
      t.enter();
      boolean first = true;
      for (int p = s; p < end; ) {
        int n = TextLines.next(b, p, end);
        int te = TextLines.textEnd(b, p, n);
        if (TextLines.threeDigits(b, p, te)) {
          if (first) {
            t.number(RESPONSE_CODE, p - s, 3, TextLines.code(b, p));
          }
          int arg = Math.min(p + 4, te);
          t.bytes(RSP_PARAMETER, arg - s, te - arg);
        }
        first = false;
        p = n;
      }
      t.exit();
      return;
    }
    if (kind != K_DATA && kind != K_DATA_END) {
      t.generated(REQ, 1);
    }
    int te = TextLines.textEnd(b, s, TextLines.next(b, s, end));
    switch (kind) {
      case K_USER:
        t.bytes(AUTH_USERNAME, 0, te - s);
        return;
      case K_PASS:
        t.bytes(AUTH_PASSWORD, 0, te - s);
        return;
      case K_USER_PASS:
        t.bytes(AUTH_USERNAME_PASSWORD, 0, te - s);
        return;
      case K_DATA:
        return;
      case K_DATA_END: {
        int bodyEnd = (int) t.annotation(A_BODY_END);
        t.object(EOM, bodyEnd, t.length() - bodyEnd, null);
        if (t.attachment() instanceof Reassembled) {
          Reassembled r = (Reassembled) t.attachment();
          r.report(t, r.frames.length == 1 ? "DATA fragment" : "DATA fragments", DATA_FRAGMENTS, DATA_FRAGMENT,
              DATA_FRAGMENT_COUNT, DATA_REASSEMBLED_LENGTH, null);
        } else {
          t.generated(DATA_FRAGMENT_COUNT, t.annotation(A_FRAGMENTS));
          t.generated(DATA_REASSEMBLED_LENGTH, t.annotation(A_TOTAL));
        }
        return;
      }
      default:
        break;
    }
    for (int p = s; p < end; ) {
      int n = TextLines.next(b, p, end);
      int e = TextLines.textEnd(b, p, n);
      t.bytes(COMMAND_LINE, p - s, n - p);
      t.enter();
      int sp = TextLines.space(b, p, e);
      t.bytes(REQ_COMMAND, p - s, sp - p);
      if (sp + 1 < e) {
        t.bytes(REQ_PARAMETER, sp + 1 - s, e - sp - 1);
      }
      t.exit();
      p = n;
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = "SMTP";
    byte[] b = t.data();
    int s = t.start();
    int end = s + t.length();
    int kind = (int) t.annotation(A_KIND);
    int te = TextLines.textEnd(b, s, TextLines.next(b, s, end));
    StringBuilder sb = new StringBuilder();
    switch (kind) {
      case K_RESPONSE: {
        sb.append("S: ");
        boolean first = true;
        for (int p = s; p < end; ) {
          int n = TextLines.next(b, p, end);
          int e = TextLines.textEnd(b, p, n);
          if (first) {
            sb.append(TextLines.text(b, p, e));
          } else {
            sb.append(" | ").append(TextLines.text(b, Math.min(p + 4, e), e));
          }
          first = false;
          p = n;
        }
        break;
      }
      case K_USER:
        sb.append("C: User: ").append(TextLines.text(b, s, te));
        break;
      case K_PASS:
        sb.append("C: Pass: ").append(TextLines.text(b, s, te));
        break;
      case K_USER_PASS:
        sb.append("C: User&Pass: ").append(TextLines.text(b, s, te));
        break;
      case K_DATA:
        sb.append("C: DATA fragment, ").append(t.length()).append(" bytes");
        break;
      case K_DATA_END:
        sb.append("C: .");
        break;
      default: {
        sb.append("C: ");
        boolean first = true;
        for (int p = s; p < end; ) {
          int n = TextLines.next(b, p, end);
          if (!first) {
            sb.append(" | ");
          }
          sb.append(TextLines.text(b, p, TextLines.textEnd(b, p, n)));
          first = false;
          p = n;
        }
      }
    }
    c.setInfo(sb.toString());
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;

/**
 * Internet Relay Chat, <a href="https://www.rfc-editor.org/rfc/rfc2812#section-2.3">RFC 2812
 * section 2.3</a>, on TCP ports 6667 and 57000 (tshark's). A message is a line:
 *
 * <pre>
 * [":" prefix SP] command *(SP param) [SP ":" trailer] CRLF
 * </pre>
 *
 * As in tshark, segments are not reassembled: each segment's bytes are split at CR, LF or CRLF
 * (a line cut by the segment boundary shows as two lines), empty lines are skipped, runs of
 * spaces separate like one, and messages towards the server port are requests. A CTCP message
 * (a trailer with a 0x01 in it) shows the trailer without its first and last bytes.
 */
public final class IrcDissector extends Dissector implements Protocols.Registrable {
  private static final int[] PORTS = {6667, 57000};

  public static final Field RESPONSE = Field.string("irc.response", "Response").blurb("Line of response message");
  public static final Field REQUEST = Field.string("irc.request", "Request").blurb("Line of request message");
  public static final Field REQUEST_PREFIX = Field.string("irc.request.prefix", "Prefix").blurb("Request prefix");
  public static final Field REQUEST_COMMAND = Field.string("irc.request.command", "Command").blurb("Request command");
  public static final Field REQUEST_PARAMETER = Field.string("irc.request.command_parameter", "Parameter")
      .blurb("Request command parameter");
  public static final Field REQUEST_TRAILER = Field.string("irc.request.trailer", "Trailer").blurb("Request trailer");
  public static final Field RESPONSE_PREFIX = Field.string("irc.response.prefix", "Prefix").blurb("Response prefix");
  public static final Field RESPONSE_COMMAND = Field.string("irc.response.command", "Command").blurb("Response command");
  public static final Field RESPONSE_NUM_COMMAND = Field.u16("irc.response.num_command", "Command")
      .blurb("Response (numeric) command");
  public static final Field RESPONSE_PARAMETER = Field.string("irc.response.command_parameter", "Parameter")
      .blurb("Response command parameter");
  public static final Field RESPONSE_TRAILER = Field.string("irc.response.trailer", "Trailer").blurb("Response trailer");
  /** tshark's "Malformed Packet" item after a note of the Malformed group (see {@link #malformed}). */
  public static final Field MALFORMED = Field.of("_ws.malformed", "Malformed Packet", FieldType.PROTOCOL);
  public static final Field CTCP = Field.string("irc.ctcp", "CTCP Data").blurb("Placeholder to dissect CTCP data");

  public static final Expert MISSING_END_DELIMITER = new Expert("irc.missing_end_delimiter",
      Expert.Severity.ERROR, "Malformed", "Missing ending tag delimiter (0x01)");
  public static final Expert TAG_DATA_INVALID = new Expert("irc.tag_data_invalid", Expert.Severity.WARNING,
      "Protocol", "Tag data outside of NOTICE or PRIVMSG command");
  public static final Expert PREFIX_MISSING_SPACE = new Expert("irc.prefix_missing_ending_space",
      Expert.Severity.ERROR, "Malformed", "Prefix missing ending <space>");
  public static final Expert REQUEST_NO_COMMAND = new Expert("irc.request.command.missing",
      Expert.Severity.ERROR, "Malformed", "Request has no command");
  public static final Expert REQUEST_NUMERIC = new Expert("irc.request.command.numeric",
      Expert.Severity.WARNING, "Protocol", "Numeric command not allowed in request");
  public static final Expert RESPONSE_NO_COMMAND = new Expert("irc.response.command.missing",
      Expert.Severity.ERROR, "Malformed", "Response has no command");

  private static final byte TAG = 0x01;
  /** Annotation: 1 when the segment goes to the server port (requests). */
  private static final int A_REQUEST = 0;

  public IrcDissector() {
    super("irc", "Internet Relay Chat", "IRC");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, PORTS, this);
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int end = d.end(layer);
    d.payload(end, end);
    d.annotate(layer, 1);
    int dport = Transport.dstPort(d, Transport.find(d, layer));
    for (int port : PORTS) {
      if (dport == port) {
        d.setAnnotation(layer, A_REQUEST, 1);
      }
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    walk(t, null);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    StringBuilder info = new StringBuilder(t.annotation(A_REQUEST) != 0 ? "Request" : "Response");
    walk(t, info);
    c.setInfo(info.toString());
  }

  /** Reports every line (or, with {@code info}, appends " (command)" per line to it). */
  private static void walk(Tree t, StringBuilder info) {
    boolean request = t.annotation(A_REQUEST) != 0;
    byte[] b = t.data();
    int base = t.start();
    int len = t.length();
    int p = 0;
    while (p < len) {
      int e = p;
      while (e < len && b[base + e] != '\r' && b[base + e] != '\n') {
        e++;
      }
      if (e > p) {
        line(t, info, request, p, e);
      }
      p = e < len && b[base + e] == '\r' && e + 1 < len && b[base + e + 1] == '\n' ? e + 2 : e + 1;
    }
  }

  /** One message in {@code [from, to)} (layer-relative). */
  private static void line(Tree t, StringBuilder info, boolean request, int from, int to) {
    ascii(t, request ? REQUEST : RESPONSE, from, to - from);
    t.enter();
    int p = spaces(t, from, to);
    if (p < to && t.u8(p) == ':') {
      int sp = until(t, p, to, ' ');
      if (sp == to) {
        malformed(t, PREFIX_MISSING_SPACE, from, to - from);
        t.exit();
        return;
      }
      ascii(t, request ? REQUEST_PREFIX : RESPONSE_PREFIX, p + 1, sp - p - 1);
      p = spaces(t, sp, to);
    }
    if (p >= to) {
      malformed(t, request ? REQUEST_NO_COMMAND : RESPONSE_NO_COMMAND, from, to - from);
      t.exit();
      return;
    }
    int cmd = p;
    int cmdEnd = until(t, p, to, ' ');
    ascii(t, request ? REQUEST_COMMAND : RESPONSE_COMMAND, p, cmdEnd - p);
    boolean numeric = cmdEnd - p == 3 && digit(t, p) && digit(t, p + 1) && digit(t, p + 2);
    if (numeric && request) {
      t.expert(REQUEST_NUMERIC, p, cmdEnd - p, null);
    } else if (numeric) {
      t.number(RESPONSE_NUM_COMMAND, p, 3, (t.u8(p) - '0') * 100 + (t.u8(p + 1) - '0') * 10 + t.u8(p + 2) - '0');
    }
    if (info != null) {
      info.append(" (").append(new String(t.data(), t.start() + p, cmdEnd - p,
          java.nio.charset.StandardCharsets.ISO_8859_1)).append(')');
    }
    int trailer = -1;
    boolean params = false;
    p = spaces(t, cmdEnd, to);
    while (p < to) {
      if (t.u8(p) == ':') {
        trailer = p + 1;
        break;
      }
      if (!params) {
        t.text(p, 0, "Command parameters");
        t.enter();
        params = true;
      }
      int pe = until(t, p, to, ' ');
      ascii(t, request ? REQUEST_PARAMETER : RESPONSE_PARAMETER, p, pe - p);
      p = spaces(t, pe, to);
    }
    if (params) {
      t.exit();
    }
    if (trailer >= 0) {
      ascii(t, request ? REQUEST_TRAILER : RESPONSE_TRAILER, trailer, to - trailer);
      ctcp(t, cmd, cmdEnd, trailer, to);
    }
    t.exit();
  }

  /**
   * CTCP data: a trailer with a 0x01 anywhere shows its text without the first and last bytes,
   * as tshark 4.0 does whether or not they are the delimiters. tshark sometimes says instead that
   * the ending delimiter is missing ({@code irc.missing_end_delimiter}, seen only with a second
   * 0x01 some way after the first); that case is not reproduced and shows the data.
   */
  private static void ctcp(Tree t, int cmd, int cmdEnd, int trailer, int to) {
    if (to - trailer < 2 || until(t, trailer, to, TAG) == to) {
      return;
    }
    String command = new String(t.data(), t.start() + cmd, cmdEnd - cmd, java.nio.charset.StandardCharsets.ISO_8859_1);
    if (!command.equals("NOTICE") && !command.equals("PRIVMSG")) {
      t.expert(TAG_DATA_INVALID, trailer, to - trailer, null);
    }
    ascii(t, CTCP, trailer + 1, to - trailer - 2);
  }

  /**
   * A note of the Malformed group: tshark adds its "Malformed Packet" item ({@code _ws.malformed},
   * no layer of its own, dissection goes on) after it. {@link #MALFORMED} shares the name with
   * the {@code _ws.malformed} layer, so {@code -T fields} finds the item in IRC layers; a filter
   * on {@code _ws.malformed} still tests for the layer.
   */
  private static void malformed(Tree t, Expert e, int rel, int len) {
    t.expert(e, rel, len, null);
    t.object(MALFORMED, rel, 0, "Malformed Packet");
  }

  /**
   * A string item as tshark's ASCII strings show it: it ends at a NUL, bytes above 0x7f are
   * U+FFFD, a tab is escaped and other control bytes stay as they are.
   */
  private static void ascii(Tree t, Field f, int rel, int len) {
    if (!t.wants(f)) {
      return;
    }
    StringBuilder sb = new StringBuilder(len);
    for (int i = rel; i < rel + len && t.has(i, 1); i++) {
      int c = t.u8(i);
      if (c == 0) {
        break;
      }
      sb.append(c >= 0x80 ? '\uFFFD' : c == '\t' ? "\\t" : String.valueOf((char) c));
    }
    t.object(f, rel, len, sb.toString());
  }

  private static boolean digit(Tree t, int p) {
    return t.u8(p) >= '0' && t.u8(p) <= '9';
  }

  private static int spaces(Tree t, int p, int to) {
    while (p < to && t.u8(p) == ' ') {
      p++;
    }
    return p;
  }

  private static int until(Tree t, int p, int to, int c) {
    while (p < to && t.u8(p) != c) {
      p++;
    }
    return p;
  }
}

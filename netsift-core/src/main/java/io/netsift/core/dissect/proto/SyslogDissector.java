package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Base;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import io.netsift.core.field.Strings;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Syslog, <a href="https://www.rfc-editor.org/rfc/rfc3164">RFC 3164</a> and
 * <a href="https://www.rfc-editor.org/rfc/rfc5424">RFC 5424</a>, on UDP port 514. A datagram is
 * one message:
 *
 * <pre>
 * "&lt;" PRI "&gt;" MSG                        PRI = facility * 8 + level, up to 3 digits
 * MSG (RFC 5424): "1" SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP rest
 * MSG (RFC 3164): "Mmm dd hh:mm:ss" SP HOSTNAME SP TAG rest
 * </pre>
 *
 * As tshark 4.0 does, the part after PROCID (RFC 5424) or after the tag's letters and digits
 * (RFC 3164, where the tag shows as the process id) is reported whole as {@code syslog.msgid}, and
 * a message that does not start with a version or an RFC 3164 timestamp has no sub-fields.
 */
public final class SyslogDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> LEVELS = ValueNames.parse(
      """
      0=EMERG - system is unusable|1=ALERT - action must be taken immediately|2=CRIT - critical conditions|
      3=ERR - error conditions|4=WARNING - warning conditions|5=NOTICE - normal but significant condition|
      6=INFO - informational|7=DEBUG - debug-level messages|
      """);
  private static final Map<Long, String> FACILITIES = ValueNames.parse(
      """
      0=KERN - kernel messages|1=USER - random user-level messages|2=MAIL - mail system|
      3=DAEMON - system daemons|4=AUTH - security/authorization messages|
      5=SYSLOG - messages generated internally by syslogd|6=LPR - line printer subsystem|
      7=NEWS - network news subsystem|8=UUCP - UUCP subsystem|9=CRON - clock daemon (BSD, Linux)|
      10=AUTHPRIV - security/authorization messages (private)|11=FTP - ftp daemon|12=NTP - ntp subsystem|
      13=LOGAUDIT - log audit|14=LOGALERT - log alert|15=CRON - clock daemon (Solaris)|
      16=LOCAL0 - reserved for local use|17=LOCAL1 - reserved for local use|18=LOCAL2 - reserved for local use|
      19=LOCAL3 - reserved for local use|20=LOCAL4 - reserved for local use|21=LOCAL5 - reserved for local use|
      22=LOCAL6 - reserved for local use|23=LOCAL7 - reserved for local use|
      """);

  public static final Field FACILITY = Field.u8("syslog.facility", "Facility").mask(0x3f8, 8)
      .labels(FACILITIES).blurb("Message facility");
  public static final Field LEVEL = Field.u8("syslog.level", "Level").mask(0x7, 8)
      .labels(LEVELS).blurb("Message level");
  public static final Field MSG = Field.string("syslog.msg", "Message").blurb("Message Text");
  public static final Field VERSION = Field.string("syslog.version", "Syslog version");
  public static final Field TIMESTAMP = Field.of("syslog.timestamp", "Syslog timestamp", FieldType.ABSOLUTE_TIME)
      .base(Base.TIME_UTC);
  public static final Field TIMESTAMP_RFC3164 = Field.string("syslog.timestamp_rfc3164", "Syslog timestamp (RFC3164)");
  public static final Field HOSTNAME = Field.string("syslog.hostname", "Syslog hostname");
  public static final Field APPNAME = Field.string("syslog.appname", "Syslog app name")
      .blurb("The name of the app that generated this message");
  public static final Field PROCID = Field.string("syslog.procid", "Syslog process id");
  public static final Field MSGID = Field.string("syslog.msgid", "Syslog message id");
  public static final Field MSGID_BOM = Field.u24("syslog.msgid.bom", "Syslog BOM").hex();

  /** The most digits of PRI that are read. */
  private static final int MAX_DIGITS = 3;
  /** Annotations: PRI (or -1 without one), and where the message starts (layer-relative). */
  private static final int A_PRI = 0;
  private static final int A_MSG = 1;

  public SyslogDissector() {
    super("syslog", "Syslog message", "Syslog");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, 514, this);
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int n = d.length(layer);
    int pri = -1;
    int off = 0;
    if (n > 0 && b[s] == '<') {
      off = 1;
      pri = 0;
      // tshark reads digits while the offset is at most MAX_DIGITS (so up to three of them).
      while (off < n && off <= MAX_DIGITS && b[s + off] >= '0' && b[s + off] <= '9') {
        pri = pri * 10 + b[s + off] - '0';
        off++;
      }
      if (off < n && b[s + off] == '>') {
        off++;
      }
    }
    d.annotate(layer, 2);
    d.setAnnotation(layer, A_PRI, pri);
    d.setAnnotation(layer, A_MSG, off);
    d.payload(d.end(layer), d.end(layer));
    return null;
  }

  @Override
  public String label(Tree t) {
    return "Syslog message: " + summary(t);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo(summary(t));
  }

  /** "FACILITY.LEVEL: message" (or the message alone without PRI), the message as format_text shows it. */
  private static String summary(Tree t) {
    int pri = (int) t.annotation(A_PRI);
    int off = (int) t.annotation(A_MSG);
    int len = Math.max(0, t.length() - off);
    String msg = formatText(t.data(), t.start() + off, len);
    if (pri < 0) {
      return msg;
    }
    return shortName(FACILITIES, (pri & 0x3f8) >> 3) + "." + shortName(LEVELS, pri & 7) + ": " + msg;
  }

  private static String shortName(Map<Long, String> names, int v) {
    String s = names.get((long) v);
    return s == null ? "UNKNOWN" : s.substring(0, s.indexOf(' '));
  }

  @Override
  public void fields(Tree t) {
    int pri = (int) t.annotation(A_PRI);
    int off = (int) t.annotation(A_MSG);
    if (pri >= 0) {
      t.number(FACILITY, 0, off, (pri & 0x3f8) >> 3);
      t.number(LEVEL, 0, off, pri & 7);
    }
    int len = t.length() - off;
    t.object(MSG, off, len, text(t, off, len));
    t.enter();
    if (len > 2 && t.u8(off) == '1' && t.u8(off + 1) == ' ') {
      rfc5424(t, off, t.length());
    } else if (len > 15) {
      rfc3164(t, off, t.length());
    }
    t.exit();
  }

  /** RFC 5424's header fields, each up to the next space; a missing space ends the walk. */
  private static void rfc5424(Tree t, int p, int end) {
    int sp = space(t, p, end);
    if (sp < 0) {
      return;
    }
    t.object(VERSION, p, sp - p, text(t, p, sp - p));
    p = sp + 1;
    sp = space(t, p, end);
    if (sp < 0) {
      return;
    }
    if (sp > p) {
      Long nanos = isoTime(t, p, sp);
      if (nanos != null) {
        t.number(TIMESTAMP, p, sp - p, nanos);
      }
    }
    p = sp + 1;
    for (Field f : new Field[] {HOSTNAME, APPNAME, PROCID}) {
      sp = space(t, p, end);
      if (sp < 0) {
        return;
      }
      t.object(f, p, sp - p, text(t, p, sp - p));
      p = sp + 1;
    }
    if (t.has(p, 3) && t.u24(p) == 0xefbbbf) {
      t.number(MSGID_BOM, p, 3, 0xefbbbf);
      p += 3;
      t.object(MSGID, p, end - p, utf8(t, p, end));
    } else {
      t.object(MSGID, p, end - p, text(t, p, end - p));
    }
  }

  /**
   * RFC 3164: a timestamp "Mmm dd hh:mm:ss" (tested by its spaces and colons only), the hostname up
   * to a space, and as process id the letters and digits that follow (within 32 bytes).
   */
  private static void rfc3164(Tree t, int p, int end) {
    if (t.u8(p + 3) != ' ' || t.u8(p + 6) != ' ' || t.u8(p + 9) != ':' || t.u8(p + 12) != ':'
        || t.u8(p + 15) != ' ') {
      return;
    }
    t.object(TIMESTAMP_RFC3164, p, 15, text(t, p, 15));
    p += 16;
    int sp = space(t, p, end);
    if (sp < 0) {
      return;
    }
    t.object(HOSTNAME, p, sp - p, text(t, p, sp - p));
    p = sp + 1;
    for (int i = p; i < p + 32; i++) {
      int c = t.u8(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
        t.object(PROCID, p, i - p, text(t, p, i - p));
        p = i;
        break;
      }
    }
    t.object(MSGID, p, end - p, text(t, p, end - p));
  }

  /** {@link Strings#ascii} of the captured part of {@code [rel, rel + len)}. */
  private static String text(Tree t, int rel, int len) {
    int n = Math.max(0, Math.min(len, t.length() - rel));
    return Strings.ascii(t.data(), t.start() + rel, n);
  }

  /** The first space at or after {@code p}, or -1. */
  private static int space(Tree t, int p, int end) {
    for (int i = p; i < end && t.has(i, 1); i++) {
      if (t.u8(i) == ' ') {
        return i;
      }
    }
    return -1;
  }

  /** An ISO 8601 date and time with offset as nanoseconds since the epoch, or null. */
  private static Long isoTime(Tree t, int from, int to) {
    String s = text(t, from, to - from);
    try {
      OffsetDateTime odt = OffsetDateTime.parse(s);
      return odt.toEpochSecond() * 1_000_000_000L + odt.getNano();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String utf8(Tree t, int from, int to) {
    int n = Math.max(0, Math.min(to, t.length()) - from);
    return new String(t.data(), t.start() + from, n, java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Wireshark 4.0's format_text: printable ASCII as is, C escapes for the usual controls, other
   * bytes as a backslash and three octal digits.
   */
  static String formatText(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder(len);
    for (int i = off; i < off + len; i++) {
      String p = Strings.printable(b, i, 1);
      if (p.startsWith("\\x")) {
        int c = b[i] & 0xff;
        sb.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
            .append((char) ('0' + (c & 7)));
      } else {
        sb.append(p);
      }
    }
    return sb.toString();
  }
}

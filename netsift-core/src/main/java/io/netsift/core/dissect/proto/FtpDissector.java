package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * File Transfer Protocol control connection, <a href="https://www.rfc-editor.org/rfc/rfc959">RFC
 * 959</a>, with the extended commands of <a href="https://www.rfc-editor.org/rfc/rfc2428">RFC
 * 2428</a>.
 *
 * <pre>
 * request:  COMMAND [SP argument] CRLF          (client to port 21)
 * response: NNN [SP|-] text CRLF                (a '-' opens a multi-line reply)
 * </pre>
 *
 * Each segment is one layer; only its first line gets fields, as in tshark. The first pass
 * follows the conversation: the current working directory (from a 257 reply to PWD and 250
 * replies to CWD), the last command, and the data connections that PASV, EPSV, PORT and EPRT
 * announce, which it hands to {@link FtpDataDissector} through {@link Dissection#expect}.
 */
public final class FtpDissector extends Dissector implements Protocols.Registrable {
  public static final Field RESPONSE = Field.bool("ftp.response", "Response")
      .blurb("TRUE if FTP response").hidden();
  public static final Field REQUEST = Field.bool("ftp.request", "Request")
      .blurb("TRUE if FTP request").hidden();
  public static final Field REQUEST_COMMAND = Field.string("ftp.request.command", "Request command");
  public static final Field REQUEST_ARG = Field.string("ftp.request.arg", "Request arg");
  public static final Field RESPONSE_CODE = Field.u32("ftp.response.code", "Response code")
      .labels(ValueNames.parse(""
      + "110=Restart marker reply|120=Service ready in nnn minutes|"
      + "125=Data connection already open; transfer starting|"
      + "150=File status okay; about to open data connection|200=Command okay|"
      + "202=Command not implemented, superfluous at this site|"
      + "211=System status, or system help reply|212=Directory status|213=File status|"
      + "214=Help message|215=NAME system type|220=Service ready for new user|"
      + "221=Service closing control connection|"
      + "225=Data connection open; no transfer in progress|226=Closing data connection|"
      + "227=Entering Passive Mode|229=Entering Extended Passive Mode|"
      + "230=User logged in, proceed|"
      + "232=User logged in, authorized by security data exchange|"
      + "234=Security data exchange complete|"
      + "235=Security data exchange completed successfully|"
      + "250=Requested file action okay, completed|257=PATHNAME created|"
      + "331=User name okay, need password|332=Need account for login|"
      + "334=Requested security mechanism is ok|"
      + "335=Security data is acceptable, more is required|"
      + "336=Username okay, need password. Challenge is ...|"
      + "350=Requested file action pending further information|"
      + "421=Service not available, closing control connection|"
      + "425=Can't open data connection|426=Connection closed; transfer aborted|"
      + "431=Need some unavailable resource to process security|"
      + "450=Requested file action not taken|"
      + "451=Requested action aborted: local error in processing|"
      + "452=Requested action not taken. Insufficient storage space in system|"
      + "500=Syntax error, command unrecognized|"
      + "501=Syntax error in parameters or arguments|502=Command not implemented|"
      + "503=Bad sequence of commands|504=Command not implemented for that parameter|"
      + "522=Network protocol not supported|530=Not logged in|"
      + "532=Need account for storing files|"
      + "533=Command protection level denied for policy reasons|"
      + "534=Request denied for policy reasons|"
      + "535=Failed security check (hash, sequence, etc)|"
      + "536=Requested PROT level not supported by mechanism|"
      + "537=Command protection level not supported by security mechanism|"
      + "550=Requested action not taken: File unavailable|"
      + "551=Requested action aborted: page type unknown|"
      + "552=Requested file action aborted: Exceeded storage allocation|"
      + "553=Requested action not taken: File name not allowed|"
      + "631=Integrity protected reply|632=Confidentiality and integrity protected reply|"
      + "633=Confidentiality protected reply|"
      ));
  public static final Field RESPONSE_ARG = Field.string("ftp.response.arg", "Response arg");
  public static final Field PASSIVE_IP = Field.ipv4("ftp.passive.ip", "Passive IP address")
      .blurb("Passive IP address (check NAT)");
  public static final Field PASSIVE_PORT = Field.u16("ftp.passive.port", "Passive port")
      .blurb("Passive FTP server port");
  public static final Field PASSIVE_NAT = Field.bool("ftp.passive.nat", "Passive IP NAT")
      .blurb("NAT is active SIP and passive IP different");
  public static final Field ACTIVE_CIP = Field.ipv4("ftp.active.cip", "Active IP address")
      .blurb("Active FTP client IP address");
  public static final Field ACTIVE_PORT = Field.u16("ftp.active.port", "Active port")
      .blurb("Active FTP client port");
  public static final Field ACTIVE_NAT = Field.bool("ftp.active.nat", "Active IP NAT")
      .blurb("NAT is active");
  public static final Field EPRT_AF = Field.u8("ftp.eprt.af", "Extended active address family")
      .labels(Map.of(1L, "IPv4", 2L, "IPv6"));
  public static final Field EPRT_IP = Field.ipv4("ftp.eprt.ip", "Extended active IP address")
      .blurb("Extended active FTP client IPv4 address");
  public static final Field EPRT_IPV6 = Field.ipv6("ftp.eprt.ipv6", "Extended active IPv6 address")
      .blurb("Extended active FTP client IPv6 address");
  public static final Field EPRT_PORT = Field.u16("ftp.eprt.port", "Extended active port")
      .blurb("Extended active FTP client listener port");
  public static final Field EPSV_IP = Field.ipv4("ftp.epsv.ip", "Extended passive IPv4 address")
      .blurb("Extended passive FTP server IPv4 address");
  public static final Field EPSV_IPV6 = Field.ipv6("ftp.epsv.ipv6", "Extended passive IPv6 address")
      .blurb("Extended passive FTP server IPv6 address");
  public static final Field EPSV_PORT = Field.u16("ftp.epsv.port", "Extended passive port")
      .blurb("Extended passive FTP server port");
  public static final Field CWD = Field.string("ftp.current-working-directory", "Current working directory");
  // Declared for the filter language; tshark 4.0 fills them only on a second pass.
  public static final Field SETUP_FRAME = Field.frameNum("ftp.setup-frame", "Setup frame");
  public static final Field COMMAND_FRAME = Field.frameNum("ftp.command-frame", "Command frame");
  public static final Field COMMAND = Field.string("ftp.command", "Command");

  static final int PORT = 21;

  /** What the control connection has told so far; read by the data connections it announced. */
  static final class Conversation {
    String cwd = "";
    String pendingCwd;
    String lastVerb = "";
    /** The last request line and its frame ({@code ftp-data.command}, {@code ftp-data.command-frame}). */
    String command;
    long commandFrame;
  }

  /** What the walker needs from the first pass: the directory after this packet. */
  private static final class Info {
    final String cwd;

    Info(String cwd) {
      this.cwd = cwd;
    }
  }

  public FtpDissector() {
    super("ftp", "File Transfer Protocol (FTP)", "FTP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, PORT, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    byte[] b = d.data();
    int tr = Transport.find(d, layer);
    Conversation conv = PerStream.<Conversation>of(d, this).get(Transport.stream(d, tr), Conversation::new);
    int lineEnd = TextLines.next(b, s, end);
    int te = TextLines.textEnd(b, s, lineEnd);
    int ip = Transport.ip(d, tr);
    if (TextLines.toPort(d, layer, PORT)) {
      int sp = TextLines.space(b, s, te);
      String verb = TextLines.ascii(b, s, sp).toUpperCase(java.util.Locale.ROOT);
      conv.lastVerb = verb;
      conv.command = TextLines.text(b, s, te);
      conv.commandFrame = d.number();
      int arg = Math.min(sp + 1, te);
      if (verb.equals("CWD")) {
        conv.pendingCwd = TextLines.ascii(b, arg, te);
      } else if (verb.equals("CDUP")) {
        conv.pendingCwd = "..";
      } else if (verb.equals("PORT") || verb.equals("EPRT")) {
        // The server opens an active data connection from its port 20 (RFC 959 section 3.2).
        if (ip >= 0 && (verb.equals("PORT") ? Active.port(b, arg, te) : Active.eprt(b, arg, te)) != null) {
          announce(d, Transport.dstAddress(d, ip), PORT - 1, conv, verb);
        }
      }
    } else if (TextLines.threeDigits(b, s, te)) {
      int code = TextLines.code(b, s);
      if (code == 257 && (conv.lastVerb.equals("PWD") || conv.lastVerb.equals("XPWD"))) {
        String dir = quoted(b, s + 3, te);
        if (dir != null) {
          conv.cwd = dir;
        }
      } else if (code == 250 && conv.pendingCwd != null) {
        conv.cwd = changeDirectory(conv.cwd, conv.pendingCwd);
        conv.pendingCwd = null;
      } else if (code == 227 && ip >= 0) {
        Passive p = Passive.parse(b, s + 3, te);
        if (p != null) {
          announce(d, p.address(), p.port, conv, "PASV");
        }
      } else if (code == 229 && ip >= 0) {
        int port = Passive.epsvPort(b, s + 3, te);
        if (port >= 0) {
          announce(d, Transport.srcAddress(d, ip), port, conv, "EPASV");
        }
      }
      if (code != 250 && conv.lastVerb.equals("CWD")) {
        conv.pendingCwd = null;
      }
    }
    d.attach(layer, new Info(conv.cwd));
    return null;
  }

  private void announce(Dissection d, String address, int port, Conversation conv, String method) {
    Dissector data = d.protocols().byName("ftp-data");
    if (data instanceof FtpDataDissector) {
      ((FtpDataDissector) data).setup(d, address, port, d.number(), method, conv);
      d.expect(Protocols.Table.TCP_PORT, address, port, data);
    }
  }

  /** The directory named between the first pair of double quotes ({@code ""} stands for {@code "}). */
  private static String quoted(byte[] b, int from, int to) {
    int q = -1;
    for (int i = from; i < to; i++) {
      if (b[i] == '"') {
        q = i;
        break;
      }
    }
    if (q < 0) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = q + 1; i < to; i++) {
      if (b[i] == '"') {
        if (i + 1 < to && b[i + 1] == '"') {
          sb.append('"');
          i++;
          continue;
        }
        return sb.toString();
      }
      sb.append((char) (b[i] & 0xff));
    }
    return null;
  }

  private static String changeDirectory(String cwd, String arg) {
    if (arg.startsWith("/")) {
      return arg;
    }
    if (arg.equals("..")) {
      int slash = cwd.lastIndexOf('/');
      return slash <= 0 ? "/" : cwd.substring(0, slash);
    }
    return cwd.endsWith("/") ? cwd + arg : cwd + "/" + arg;
  }

  @Override
  public void fields(Tree t) {
    Dissection d = t.dissection();
    byte[] b = t.data();
    int s = t.start();
    int end = s + t.length();
    boolean request = TextLines.toPort(d, t.layer(), PORT);
    t.generated(RESPONSE, request ? 0 : 1);
    t.generated(REQUEST, request ? 1 : 0);
    int lineEnd = TextLines.next(b, s, end);
    int te = TextLines.textEnd(b, s, lineEnd);
    t.text(0, lineEnd - s, TextLines.text(b, s, lineEnd));
    t.enter();
    if (request) {
      requestFields(t, d, b, s, te);
    } else {
      responseFields(t, d, b, s, te);
    }
    t.exit();
    for (int p = lineEnd; p < end; ) {
      int n = TextLines.next(b, p, end);
      t.text(p - s, n - p, TextLines.text(b, p, n));
      p = n;
    }
    Object o = t.attachment();
    if (o instanceof Info) {
      t.generatedObject(CWD, ((Info) o).cwd);
    }
  }

  private static final String[] TOP_LEVEL = {CWD.name()};

  @Override
  public String[] topLevelItems(Dissection d, int layer) {
    return d.attachment(layer) instanceof Info ? TOP_LEVEL : NO_TOP_LEVEL_ITEMS;
  }

  private static void requestFields(Tree t, Dissection d, byte[] b, int s, int te) {
    int sp = TextLines.space(b, s, te);
    t.bytes(REQUEST_COMMAND, 0, sp - s);
    if (sp + 1 < te) {
      t.bytes(REQUEST_ARG, sp + 1 - s, te - sp - 1);
    }
    int arg = Math.min(sp + 1, te);
    if (TextLines.is(b, s, sp, "PORT")) {
      Passive p = Active.port(b, arg, te);
      if (p != null) {
        t.object(ACTIVE_CIP, arg - s, te - arg, p.ip);
        t.number(ACTIVE_PORT, arg - s, te - arg, p.port);
        int ip = Transport.ip(d, Transport.find(d, t.layer()));
        if (ip >= 0 && !p.address().equals(Transport.srcAddress(d, ip))) {
          t.number(ACTIVE_NAT, arg - s, te - arg, 1);
        }
      }
    } else if (TextLines.is(b, s, sp, "EPRT")) {
      Passive p = Active.eprt(b, arg, te);
      if (p != null) {
        t.number(EPRT_AF, arg - s, te - arg, p.ip.length == 4 ? 1 : 2);
        t.object(p.ip.length == 4 ? EPRT_IP : EPRT_IPV6, arg - s, te - arg, p.ip);
        t.number(EPRT_PORT, arg - s, te - arg, p.port);
      }
    }
  }

  private static void responseFields(Tree t, Dissection d, byte[] b, int s, int te) {
    int arg = s;
    int code = -1;
    if (TextLines.threeDigits(b, s, te)) {
      code = TextLines.code(b, s);
      t.number(RESPONSE_CODE, 0, 3, code);
      arg = s + 3;
      if (arg < te && (b[arg] == ' ' || b[arg] == '-')) {
        arg++;
      }
    }
    if (arg < te) {
      t.bytes(RESPONSE_ARG, arg - s, te - arg);
    }
    int ip = Transport.ip(d, Transport.find(d, t.layer()));
    if (code == 227) {
      Passive p = Passive.parse(b, s + 3, te);
      if (p != null) {
        t.object(PASSIVE_IP, p.at - s, p.len, p.ip);
        t.number(PASSIVE_PORT, p.at - s, p.len, p.port);
        if (ip >= 0 && !p.address().equals(Transport.srcAddress(d, ip))) {
          t.number(PASSIVE_NAT, p.at - s, p.len, 1);
        }
      }
    } else if (code == 229) {
      int port = Passive.epsvPort(b, s + 3, te);
      if (port >= 0 && ip >= 0) {
        byte[] server = Passive.addressBytes(Transport.srcAddress(d, ip));
        if (server != null) {
          t.generatedObject(server.length == 4 ? EPSV_IP : EPSV_IPV6, server);
        }
        t.number(EPSV_PORT, arg - s, te - arg, port);
      }
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = "FTP";
    byte[] b = t.data();
    int s = t.start();
    int end = s + t.length();
    int lineEnd = TextLines.next(b, s, end);
    int te = TextLines.textEnd(b, s, lineEnd);
    boolean request = TextLines.toPort(t.dissection(), t.layer(), PORT);
    c.setInfo((request ? "Request: " : "Response: ") + TextLines.text(b, s, te));
  }

  /** An address and port parsed from PASV, PORT or EPRT text. */
  static final class Passive {
    final byte[] ip;
    final int port;
    final int at;
    final int len;

    Passive(byte[] ip, int port, int at, int len) {
      this.ip = ip;
      this.port = port;
      this.at = at;
      this.len = len;
    }

    String address() {
      return ip.length == 4
          ? io.netsift.core.field.Addresses.ipv4(ip, 0)
          : io.netsift.core.field.Addresses.ipv6(ip, 0);
    }

    /** The first run of six comma-separated numbers (h1,h2,h3,h4,p1,p2) in a 227 reply. */
    static Passive parse(byte[] b, int from, int to) {
      for (int i = from; i < to; i++) {
        if (TextLines.digit(b[i]) && (i == from || !TextLines.digit(b[i - 1]))) {
          Passive p = sixNumbers(b, i, to);
          if (p != null) {
            return p;
          }
        }
      }
      return null;
    }

    static Passive sixNumbers(byte[] b, int from, int to) {
      int[] n = new int[6];
      int i = from;
      for (int k = 0; k < 6; k++) {
        int start = i;
        int v = 0;
        while (i < to && TextLines.digit(b[i]) && i - start < 4) {
          v = v * 10 + b[i] - '0';
          i++;
        }
        if (i == start || v > 255) {
          return null;
        }
        n[k] = v;
        if (k < 5) {
          if (i >= to || b[i] != ',') {
            return null;
          }
          i++;
        }
      }
      byte[] ip = {(byte) n[0], (byte) n[1], (byte) n[2], (byte) n[3]};
      return new Passive(ip, n[4] << 8 | n[5], from, i - from);
    }

    /** The port of an EPSV reply's {@code (|||port|)}, or -1. */
    static int epsvPort(byte[] b, int from, int to) {
      for (int i = from; i < to; i++) {
        if (b[i] == '(' && i + 4 < to) {
          byte delim = b[i + 1];
          if (b[i + 2] != delim || b[i + 3] != delim) {
            return -1;
          }
          int v = 0;
          int j = i + 4;
          while (j < to && TextLines.digit(b[j]) && v <= 65535) {
            v = v * 10 + b[j] - '0';
            j++;
          }
          return j > i + 4 && j < to && b[j] == delim && v <= 65535 ? v : -1;
        }
      }
      return -1;
    }

    static byte[] addressBytes(String text) {
      return text.indexOf(':') >= 0 ? TextLines.ipv6(text) : TextLines.ipv4(text);
    }
  }

  /** Parsers for the client's active-mode commands. */
  static final class Active {
    private Active() {}

    static Passive port(byte[] b, int from, int to) {
      int i = from;
      while (i < to && b[i] == ' ') {
        i++;
      }
      return i < to && TextLines.digit(b[i]) ? Passive.sixNumbers(b, i, to) : null;
    }

    /** RFC 2428 section 2: {@code <d><af><d><address><d><port><d>}. */
    static Passive eprt(byte[] b, int from, int to) {
      if (to - from < 7) {
        return null;
      }
      byte delim = b[from];
      int[] cut = new int[4];
      int k = 0;
      for (int i = from; i < to && k < 4; i++) {
        if (b[i] == delim) {
          cut[k++] = i;
        }
      }
      if (k < 4) {
        return null;
      }
      String af = TextLines.ascii(b, cut[0] + 1, cut[1]);
      String addr = TextLines.ascii(b, cut[1] + 1, cut[2]);
      String port = TextLines.ascii(b, cut[2] + 1, cut[3]);
      if (!(af.equals("1") || af.equals("2")) || !port.matches("[0-9]{1,5}")) {
        return null;
      }
      int p = Integer.parseInt(port);
      byte[] ip = af.equals("1") ? TextLines.ipv4(addr) : TextLines.ipv6(addr);
      if (p > 65535 || ip == null) {
        return null;
      }
      return new Passive(ip, p, cut[0], cut[3] + 1 - cut[0]);
    }
  }
}

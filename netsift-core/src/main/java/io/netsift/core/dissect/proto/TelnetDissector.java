package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * Telnet, <a href="https://www.rfc-editor.org/rfc/rfc854">RFC 854</a>, with option negotiation
 * (<a href="https://www.rfc-editor.org/rfc/rfc855">RFC 855</a>).
 *
 * <pre>
 * data bytes ...                       (0xff doubled when it is data)
 * IAC WILL|WONT|DO|DONT option         (255 251..254 n)
 * IAC SB option parameters IAC SE      (255 250 n ... 255 240)
 * IAC command                          (255 236..249)
 * </pre>
 *
 * Data is reported line by line ({@code telnet.data}); suboptions with a known layout (terminal
 * type, X display location, window size, remote flow control) are decoded, others are bytes.
 */
public final class TelnetDissector extends Dissector implements Protocols.Registrable {
  public static final Field CMD = Field.u8("telnet.cmd", "Command").labels(ValueNames.parse(""
      + "236=End of File|237=Suspend Current Process|238=Abort Process|239=End of Record|"
      + "240=Suboption End|241=No Operation|242=Data Mark|243=Break|244=Interrupt Process|"
      + "245=Abort Output|246=Are You There?|247=Escape Character|248=Erase Line|249=Go Ahead|"
      + "254=Don't|253=Do|252=Won't|251=Will|250=Suboption|"));
  public static final Field SUBCMD = Field.u8("telnet.subcmd", "Subcommand").labels(TelnetDissector::optionName);
  public static final Field STRING_SUBOPT_VALUE = Field.string("telnet.string_subopt.value", "Value");
  public static final Field NAWS_WIDTH = Field.u16("telnet.naws_subopt.width", "Width");
  public static final Field NAWS_HEIGHT = Field.u16("telnet.naws_subopt.height", "Height");
  public static final Field RFC_SUBOPT_CMD = Field.u8("telnet.rfc_subopt.cmd", "Command")
      .labels(ValueNames.parse("0=OFF|1=ON|2=RESTART-ANY|3=RESTART-XON"));
  public static final Field DATA = Field.string("telnet.data", "Data");
  public static final Field OPTION_DATA = Field.bytes("telnet.option_data", "Option data");
  public static final Field SUBCOMMAND_DATA = Field.bytes("telnet.subcommand_data", "Subcommand data");

  private static final int IAC = 255;
  private static final int SB = 250;
  private static final int SE = 240;
  private static final int TERMINAL_TYPE = 24;
  private static final int NAWS = 31;
  private static final int REMOTE_FLOW_CONTROL = 33;
  private static final int X_DISPLAY = 35;

  /** IANA Telnet option names as tshark shows them. */
  private static final String[] OPTIONS = {
    "Binary Transmission", "Echo", "Reconnection", "Suppress Go Ahead",
    "Approx Message Size Negotiation", "Status", "Timing Mark", "Remote Controlled Trans and Echo",
    "Output Line Width", "Output Page Size", "Output Carriage-Return Disposition",
    "Output Horizontal Tab Stops", "Output Horizontal Tab Disposition", "Output Formfeed Disposition",
    "Output Vertical Tabstops", "Output Vertical Tab Disposition", "Output Linefeed Disposition",
    "Extended ASCII", "Logout", "Byte Macro", "Data Entry Terminal", "SUPDUP", "SUPDUP Output",
    "Send Location", "Terminal Type", "End of Record", "TACACS User Identification",
    "Output Marking", "Terminal Location Number", "Telnet 3270 Regime", "X.3 PAD",
    "Negotiate About Window Size", "Terminal Speed", "Remote Flow Control", "Linemode",
    "X Display Location", "Environment Option", "Authentication Option", "Encryption Option",
    "New Environment Option", "TN3270E",
  };

  public TelnetDissector() {
    super("telnet", "Telnet", "TELNET");
  }

  static String optionName(long n) {
    return n >= 0 && n < OPTIONS.length ? OPTIONS[(int) n] : "Unknown (" + n + ")";
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, 23, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    // A segment that ends inside a command (a lone IAC) is cut short: tshark marks it malformed.
    int s = d.start(layer);
    int end = d.end(layer);
    byte[] b = d.data();
    int iacs = 0;
    for (int i = end - 1; i >= s && (b[i] & 0xff) == IAC; i--) {
      iacs++;
    }
    if (iacs % 2 == 1 && end - s == 1) {
      d.malformed(layer);
    }
    return null;
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public void fields(Tree t) {
    int len = t.length();
    if (len == 1 && t.u8(0) == IAC) {
      return;
    }
    int p = 0;
    while (p < len) {
      if (t.u8(p) != IAC || p + 1 >= len || t.u8(p + 1) == IAC) {
        p = data(t, p, len);
        continue;
      }
      int cmd = t.u8(p + 1);
      if (cmd >= 251 && cmd <= 254) {
        int n = Math.min(3, len - p);
        t.text(p, n, "");
        t.enter();
        t.uint(CMD, p + 1, 1);
        if (n == 3) {
          t.uint(SUBCMD, p + 2, 1);
        }
        t.exit();
        p += n;
      } else if (cmd == SB) {
        int end = p + 2;
        while (end < len && !(t.u8(end) == IAC && end + 1 < len && t.u8(end + 1) == SE)) {
          end += t.u8(end) == IAC && end + 1 < len ? 2 : 1;
        }
        t.text(p, end - p, "");
        t.enter();
        t.uint(CMD, p + 1, 1);
        if (p + 2 < len) {
          int option = t.u8(p + 2);
          t.uint(SUBCMD, p + 2, 1);
          t.enter();
          suboption(t, option, p + 3, end);
          t.exit();
        }
        t.exit();
        p = end;
      } else {
        t.text(p, 2, "");
        t.enter();
        t.uint(CMD, p + 1, 1);
        t.exit();
        p += 2;
      }
    }
  }

  /** Reports the data up to the next command, one {@code telnet.data} per line. */
  private static int data(Tree t, int p, int len) {
    int q = p;
    int line = p;
    while (q < len) {
      int c = t.u8(q);
      if (c == IAC) {
        if (q + 1 < len && t.u8(q + 1) == IAC) {
          q += 2;
          continue;
        }
        if (q > p || q + 1 >= len) {
          if (q + 1 >= len) {
            q = len;
          }
          break;
        }
      }
      q++;
      if (c == '\r' && q < len && t.u8(q) == 0) {
        q++; // RFC 854: CR NUL is a bare carriage return; tshark ends the line there
        dataLine(t, line, q - line);
        line = q;
      } else if (c == '\n') {
        dataLine(t, line, q - line);
        line = q;
      }
    }
    if (q > line) {
      dataLine(t, line, q - line);
    }
    return Math.max(q, p + 1);
  }

  /**
   * A line of data as tshark's ASCII string shows it: it ends at its first NUL (a CR NUL line end
   * shows as the CR), bytes above 0x7f are U+FFFD, control bytes are escaped.
   */
  private static void dataLine(Tree t, int rel, int len) {
    byte[] b = t.data();
    int at = t.start() + rel;
    StringBuilder sb = new StringBuilder(len);
    for (int i = at; i < at + len && t.has(i - t.start(), 1); i++) {
      int c = b[i] & 0xff;
      if (c == 0) {
        break;
      }
      sb.append(c >= 0x80 ? "\uFFFD" : io.netsift.core.field.Strings.printable(b, i, 1));
    }
    t.object(DATA, rel, len, sb.toString());
  }

  private static void suboption(Tree t, int option, int from, int to) {
    if (to <= from) {
      return;
    }
    switch (option) {
      case TERMINAL_TYPE:
      case X_DISPLAY: {
        int kind = t.u8(from);
        String what = option == TERMINAL_TYPE ? "Terminal Type" : "X Display Location";
        if (kind == 1) {
          // tshark reports the SEND/IS byte as a subcommand item ("Send your Terminal Type").
          t.uint(SUBCMD, from, 1);
        } else if (kind == 0) {
          t.uint(SUBCMD, from, 1);
          if (to > from + 1) {
            t.bytes(STRING_SUBOPT_VALUE, from + 1, to - from - 1);
          }
        } else {
          t.bytes(OPTION_DATA, from, to - from);
        }
        return;
      }
      case NAWS:
        t.uint(NAWS_WIDTH, from, 2);
        t.uint(NAWS_HEIGHT, from + 2, 2);
        return;
      case REMOTE_FLOW_CONTROL:
        t.uint(RFC_SUBOPT_CMD, from, 1);
        return;
      default:
        t.bytes(OPTION_DATA, from, to - from);
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = "TELNET";
    c.setInfo("Telnet Data ...");
  }
}

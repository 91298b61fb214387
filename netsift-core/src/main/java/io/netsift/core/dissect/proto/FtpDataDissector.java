package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.HashMap;
import java.util.Map;

/**
 * An FTP data connection (<a href="https://www.rfc-editor.org/rfc/rfc959">RFC 959</a> section
 * 3.2): the bytes of a transfer, with no framing of their own. Reached from TCP port 20 or from
 * the conversation a PASV, EPSV, PORT or EPRT exchange announced, in which case the layer names
 * the frame that set it up, the method, and the control connection's last command and
 * directory at the time of this packet. Text content goes on to "data-text-lines".
 */
public final class FtpDataDissector extends Dissector implements Protocols.Registrable {
  public static final Field SETUP_FRAME = Field.frameNum("ftp-data.setup-frame", "Setup frame")
      .blurb("Frame where passive or active mode was set up");
  public static final Field SETUP_METHOD = Field.string("ftp-data.setup-method", "Setup method")
      .blurb("Method used to set up passive or active mode");
  public static final Field COMMAND = Field.string("ftp-data.command", "Command")
      .blurb("Command used to start data transfer");
  public static final Field COMMAND_FRAME = Field.frameNum("ftp-data.command-frame", "Command frame")
      .blurb("Frame where command to start data transfer was sent");
  public static final Field CWD = Field.string("ftp-data.current-working-directory",
      "Current working directory").blurb("Current working directory of the FTP session");

  /** Per-capture state: the announced data connections by "address port". */
  private static final class State {
    final Map<String, Setup> setups = new HashMap<>();
  }

  private static final class Setup {
    final long frame;
    final String method;
    final FtpDissector.Conversation control;

    Setup(long frame, String method, FtpDissector.Conversation control) {
      this.frame = frame;
      this.method = method;
      this.control = control;
    }
  }

  /** The first pass's snapshot of the control connection for this packet. */
  private static final class Info {
    final long setupFrame;
    final String method;
    final String command;
    final long commandFrame;
    final String cwd;

    Info(Setup s) {
      this.setupFrame = s.frame;
      this.method = s.method;
      this.command = s.control.command;
      this.commandFrame = s.control.commandFrame;
      this.cwd = s.control.cwd;
    }
  }

  public FtpDataDissector() {
    super("ftp-data", "FTP Data", "FTP-DATA");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, FtpDissector.PORT - 1, this);
  }

  /** Records a data connection announced by the control connection (called by FTP's first pass). */
  void setup(Dissection d, String address, int port, long frame, String method,
      FtpDissector.Conversation control) {
    d.state(this, State::new).setups.put(address + " " + port, new Setup(frame, method, control));
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int tr = Transport.find(d, layer);
    int ip = Transport.ip(d, tr);
    if (ip >= 0) {
      State st = d.state(this, State::new);
      Setup s = st.setups.get(Transport.dstAddress(d, ip) + " " + Transport.dstPort(d, tr));
      if (s == null) {
        s = st.setups.get(Transport.srcAddress(d, ip) + " " + Transport.srcPort(d, tr));
      }
      if (s != null) {
        d.attach(layer, new Info(s));
      }
    }
    if (isText(d.data(), d.start(layer), d.end(layer))) {
      Dissector text = TextLines.byName(d, "data-text-lines");
      if (text != null) {
        d.payload(d.start(layer), d.end(layer));
        return text;
      }
    }
    return null;
  }

  /** Whether the transfer looks like text: printable ASCII and line-ending white space only. */
  private static boolean isText(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      int c = b[i] & 0xff;
      if ((c < 0x20 || c >= 0x7f) && c != '\r' && c != '\n' && c != '\t') {
        return false;
      }
    }
    return to > from;
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public void fields(Tree t) {
    Object o = t.attachment();
    if (!(o instanceof Info)) {
      return;
    }
    Info info = (Info) o;
    t.generated(SETUP_FRAME, info.setupFrame);
    t.generatedObject(SETUP_METHOD, info.method);
    if (info.command != null) {
      t.generatedObject(COMMAND, info.command);
      t.generated(COMMAND_FRAME, info.commandFrame);
    }
    t.generatedObject(CWD, info.cwd);
  }

  private static final String[] TOP_LEVEL = {SETUP_FRAME.name(), SETUP_METHOD.name(), COMMAND.name(),
      COMMAND_FRAME.name(), CWD.name()};
  private static final String[] TOP_LEVEL_NO_COMMAND = {SETUP_FRAME.name(), SETUP_METHOD.name(), CWD.name()};

  @Override
  public String[] topLevelItems(Dissection d, int layer) {
    Object o = d.attachment(layer);
    if (!(o instanceof Info)) {
      return NO_TOP_LEVEL_ITEMS;
    }
    return ((Info) o).command != null ? TOP_LEVEL : TOP_LEVEL_NO_COMMAND;
  }

  @Override
  public String label(Tree t) {
    return "FTP Data (" + t.length() + " bytes data)";
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = "FTP-DATA";
    StringBuilder sb = new StringBuilder("FTP Data: ").append(t.length()).append(" bytes");
    Object o = t.attachment();
    if (o instanceof Info) {
      Info info = (Info) o;
      sb.append(" (").append(info.method).append(')');
      if (info.command != null) {
        sb.append(" (").append(info.command).append(')');
      }
    }
    c.setInfo(sb.toString());
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.Strings;

/**
 * BSD rlogin, <a href="https://www.rfc-editor.org/rfc/rfc1282">RFC 1282</a>, on TCP port 513:
 * after a startup exchange (NUL, client user, server user, terminal/speed, each NUL-terminated,
 * answered by one NUL) both directions carry terminal data.
 *
 * <p>netsift reports every segment as terminal data ({@code rlogin.data}, and "Data: " with up
 * to 128 bytes of it in the Info column, as tshark does); the startup messages and the urgent
 * control bytes (window-size requests) of sessions captured from their start are not told apart
 * yet.
 */
public final class RloginDissector extends Dissector implements Protocols.Registrable {
  public static final Field DATA = Field.string("rlogin.data", "Data");

  /** tshark shows at most this many bytes of data in the Info column. */
  private static final int INFO_BYTES = 128;

  public RloginDissector() {
    super("rlogin", "Rlogin Protocol", "Rlogin");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, 513, this);
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    d.payload(d.end(layer), d.end(layer));
    return null;
  }

  @Override
  public void fields(Tree t) {
    if (t.length() > 0) {
      t.object(DATA, 0, t.length(), value(t.data(), t.start(), t.length()));
    }
  }

  /**
   * The data as tshark 4.0's field output shows it: {@link Strings#ascii}, except that control
   * bytes other than tab, CR and LF stay as they are (a BEL, an ETX typed as ^C).
   */
  static String value(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder(len);
    for (int i = off; i < off + len && b[i] != 0; i++) {
      int c = b[i] & 0xff;
      boolean raw = c < 0x20 && c != '\t' && c != '\r' && c != '\n' || c == 0x7f;
      sb.append(raw ? String.valueOf((char) c) : Strings.ascii(b, i, 1));
    }
    return sb.toString();
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo("Data: " + SyslogDissector.formatText(t.data(), t.start(), Math.min(INFO_BYTES, t.length())));
  }
}

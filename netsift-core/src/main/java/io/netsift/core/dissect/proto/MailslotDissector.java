package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * SMB mailslots ([MS-MAIL] 2.2.1, tshark's {@code mailslot}): an SMB Transaction request whose
 * name starts with {@code \MAILSLOT\} carries its three setup words (opcode, priority, class)
 * and the name; the transaction data goes to the protocol the name selects ({@code \MAILSLOT\BROWSE}:
 * {@link BrowserDissector}). The layer starts at the setup words of the SMB it follows and runs
 * to the SMB's end. tshark's SMB calls the mailslot code itself, so frame.protocols does not list
 * the layer, while the protocol hierarchy does.
 *
 * <pre>
 * +--------+----------+-------+---------------+--------------------+
 * | opcode | priority | class | size (SMB BCC) | name (ASCII, NUL) |     little-endian words
 * +--------+----------+-------+---------------+--------------------+
 * </pre>
 */
public final class MailslotDissector extends Dissector {
  static final String PREFIX = "\\MAILSLOT\\";
  private static final Map<Long, String> OPCODES = ValueNames.parse("1=Write Mail Slot");
  private static final Map<Long, String> CLASSES = ValueNames.parse("1=Reliable|2=Unreliable & Broadcast");

  public static final Field OPCODE = Field.u16("mailslot.opcode", "Opcode").labels(OPCODES);
  public static final Field PRIORITY = Field.u16("mailslot.priority", "Priority");
  public static final Field CLASS = Field.u16("mailslot.class", "Class").labels(CLASSES);
  public static final Field SIZE = Field.u16("mailslot.size", "Size");
  public static final Field NAME = Field.string("mailslot.name", "Mailslot Name");

  public MailslotDissector() {
    super("mailslot", "SMB MailSlot Protocol", "SMB Mailslot");
  }

  @Override
  public boolean listedInProtocols() {
    return false;
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    if (layer == 0 || !d.dissector(layer - 1).name().equals("smb") || end - s < 8) {
      return null;
    }
    String name = SmbDissector.string(b, s, s + 8, end, false, -1);
    // The transaction's data count and offset (words 11 and 12 of the SMB it follows).
    int smb = d.start(layer - 1);
    int words = smb + SmbDissector.HEADER + 1;
    int dc = Bytes.u16le(b, words + 22);
    int off = smb + Bytes.u16le(b, words + 24);
    if (dc == 0 || off < s || off + dc > d.end(layer - 1)) {
      return null;
    }
    if (name.equalsIgnoreCase(PREFIX + "BROWSE")) {
      d.payload(off, off + dc);
      return d.protocols().byName("browser");
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    t.uintle(OPCODE, 0, 2);
    t.uintle(PRIORITY, 2, 2);
    t.uintle(CLASS, 4, 2);
    t.uintle(SIZE, 6, 2);
    int n = 0;
    while (t.has(8 + n, 1) && t.u8(8 + n) != 0) {
      n++;
    }
    t.object(NAME, 8, Math.min(n + 1, t.length() - 8), t.asciiz(8, n));
  }

  @Override
  public void columns(Tree t, Columns c) {}
}

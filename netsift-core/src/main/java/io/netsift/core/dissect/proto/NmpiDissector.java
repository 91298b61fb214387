package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * Microsoft's Name Management Protocol on IPX (IPX sockets 0x0551 and 0x0553, "direct hosting"
 * of SMB over IPX): eight IPX networks, an opcode, a name type, a message ID, the requested name
 * and the source name (68 bytes); a mailslot write carries an SMB datagram after them.
 */
public final class NmpiDissector extends Dissector {
  private static final Map<Long, String> OPCODES = ValueNames.parse(
      "0xf1=Claim name|0xf2=Delete name|0xf3=Query name|0xf4=Name found|0xf5=Messenger hangup|"
          + "0xfc=Mailslot write|0xfd=Find mailslot name|0xfe=Mailslot name found");
  private static final Map<Long, String> NAME_TYPES = ValueNames.parse("1=Machine|2=Workgroup|3=Browser");

  public static final Field OPCODE = Field.u8("nmpi.opcode", "Opcode").hex().labels(OPCODES);
  public static final Field NAME_TYPE = Field.u8("nmpi.name_type", "Name Type").hex().labels(NAME_TYPES);
  public static final Field MESSAGEID = Field.u16("nmpi.messageid", "Message ID").hex();

  private static final int ROUTERS = 32;
  private static final int HEADER = ROUTERS + 4 + 2 * NbipxDissector.NAME_LEN;
  private static final int MAILSLOT_WRITE = 0xfc;

  public NmpiDissector() {
    super("nmpi", "Name Management Protocol over IPX", "NMPI");
  }

  @Override
  public boolean listedInProtocols() {
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    d.payload(end, end);
    if (end - s < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    d.setEnd(layer, s + HEADER);
    if (Bytes.u8(b, s + ROUTERS) == MAILSLOT_WRITE && s + HEADER < end) {
      return NbipxDissector.netbiosPayload(d, s + HEADER, end);
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    NbipxDissector.routers(t);
    t.uint(OPCODE, ROUTERS, 1);
    t.uint(NAME_TYPE, ROUTERS + 1, 1);
    t.uintle(MESSAGEID, ROUTERS + 2, 2);
    NbipxDissector.name(t, "Requested name", ROUTERS + 4);
    NbipxDissector.name(t, "Source name", ROUTERS + 4 + NbipxDissector.NAME_LEN);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    int opcode = t.u8(ROUTERS);
    String name = NbipxDissector.shortName(t, ROUTERS + 4);
    c.setInfo(switch (opcode) {
      case 0xf1 -> "Claim name " + name;
      case 0xf2 -> "Delete name " + name;
      case 0xf3 -> "Query name " + name;
      case 0xf4 -> "Name " + name + " found";
      case 0xf5 -> "Messenger hangup on " + name;
      case 0xfc -> "Mailslot write to " + name;
      case 0xfd -> "Find mailslot name " + name;
      case 0xfe -> "Mailslot name " + name + " found";
      default -> String.format("Unknown NMPI op 0x%02x: name %s", opcode, name);
    });
  }
}

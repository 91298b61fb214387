package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * ONC RPC portmapper and rpcbind, program 100000 (<a href="https://www.rfc-editor.org/rfc/rfc1833">RFC
 * 1833</a>): versions 2 (GETPORT) to 4 (GETADDR). Info names the program a GETPORT asks for and
 * the port the reply gives, as tshark's does.
 */
public final class PortmapDissector extends RpcProgramDissector {
  private static final Map<Long, String> V2 = ValueNames.parse(
      "0=NULL|1=SET|2=UNSET|3=GETPORT|4=DUMP|5=CALLIT");
  private static final Map<Long, String> V3 = ValueNames.parse(
      "0=NULL|1=SET|2=UNSET|3=GETADDR|4=DUMP|5=CALLIT|6=GETTIME|7=UADDR2TADDR|8=TADDR2UADDR");
  private static final Map<Long, String> V4 = ValueNames.parse(
      "0=NULL|1=SET|2=UNSET|3=GETADDR|4=DUMP|5=BCAST|6=GETTIME|7=UADDR2TADDR|8=TADDR2UADDR"
      + "|9=GETVERSADDR|10=INDIRECT|11=GETADDRLIST|12=GETSTAT");
  private static final Map<Long, String> PROTOCOLS = ValueNames.parse("6=TCP|17=UDP");

  public static final Field PROCEDURE_V2 = procedureField("portmap", 2, V2);
  public static final Field PROCEDURE_V3 = procedureField("portmap", 3, V3);
  public static final Field PROCEDURE_V4 = procedureField("portmap", 4, V4);
  public static final Field PROGRAM = Field.u32("portmap.prog", "Program").labels(RpcDissector.PROGRAM_NAMES);
  public static final Field VERSION = Field.u32("portmap.version", "Version");
  public static final Field PROTO = Field.u32("portmap.proto", "Protocol").labels(PROTOCOLS);
  public static final Field PORT = Field.u32("portmap.port", "Port");

  private static final int GETPORT = 3;

  public PortmapDissector() {
    super("portmap", "Portmap", "Portmap", Map.of(2, V2, 3, V3, 4, V4),
        Map.of(2, PROCEDURE_V2, 3, PROCEDURE_V3, 4, PROCEDURE_V4));
  }

  @Override
  boolean isVoid(boolean call, int vers, int proc) {
    return proc == 0 || call && proc == 4; // NULL; DUMP takes no arguments
  }

  @Override
  void body(Tree t, boolean call, int vers, int proc) {
    if (vers != 2 || proc != GETPORT) {
      return;
    }
    if (call) {
      t.uint(PROGRAM, 0, 4);
      t.uint(VERSION, 4, 4);
      t.uint(PROTO, 8, 4);
      t.uint(PORT, 12, 4);
    } else {
      t.uint(PORT, 0, 4);
    }
  }

  @Override
  String detail(Tree t, boolean call, int vers, int proc) {
    if (vers != 2 || proc != GETPORT || !t.has(0, call ? 12 : 4)) {
      return "";
    }
    if (!call) {
      return " Port:" + t.u32(0);
    }
    String prog = RpcDissector.PROGRAM_NAMES.get(t.u32(0));
    String proto = PROTOCOLS.get(t.u32(8));
    return " " + (prog != null ? prog : "Unknown") + "(" + t.u32(0) + ") V:" + t.u32(4) + " "
        + (proto != null ? proto : "Unknown (" + t.u32(8) + ")");
  }
}

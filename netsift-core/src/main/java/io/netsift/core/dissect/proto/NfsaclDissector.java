package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * Sun's NFS ACL side protocol, ONC RPC program 100227 (no RFC; Solaris and Linux use it next to
 * NFSv2/v3 on port 2049): only the procedure is decoded, as tshark adds nothing to Info.
 */
public final class NfsaclDissector extends RpcProgramDissector {
  private static final Map<Long, String> V2 = ValueNames.parse(
      "0=NULL|1=GETACL|2=SETACL|3=GETATTR|4=ACCESS|5=GETXATTRDIR");
  private static final Map<Long, String> V3 = ValueNames.parse("0=NULL|1=GETACL|2=SETACL|3=GETXATTRDIR");

  public static final Field PROCEDURE_V2 = procedureField("nfsacl", 2, V2);
  public static final Field PROCEDURE_V3 = procedureField("nfsacl", 3, V3);

  public NfsaclDissector() {
    super("nfsacl", "NFSACL", "NFSACL", Map.of(2, V2, 3, V3), Map.of(2, PROCEDURE_V2, 3, PROCEDURE_V3));
  }

  @Override
  void body(Tree t, boolean call, int vers, int proc) {
    if (call && proc == 1) {
      NfsDissector.fh(t, 0); // GETACL: the file, then the mask
    }
  }

  @Override
  String detail(Tree t, boolean call, int vers, int proc) {
    return "";
  }
}

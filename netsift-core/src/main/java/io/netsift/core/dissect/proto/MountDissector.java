package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * The NFS mount protocol, ONC RPC program 100005 (<a href="https://www.rfc-editor.org/rfc/rfc1813#appendix-I">RFC
 * 1813 appendix I</a> for version 3): MNT and UMNT name the exported path, which tshark adds to
 * Info.
 */
public final class MountDissector extends RpcProgramDissector {
  private static final Map<Long, String> V1 = ValueNames.parse(
      "0=NULL|1=MNT|2=DUMP|3=UMNT|4=UMNTALL|5=EXPORT|6=EXPORTALL");
  private static final Map<Long, String> V2 = ValueNames.parse(
      "0=NULL|1=MNT|2=DUMP|3=UMNT|4=UMNTALL|5=EXPORT|6=EXPORTALL|7=PATHCONF");
  private static final Map<Long, String> V3 = ValueNames.parse(
      "0=NULL|1=MNT|2=DUMP|3=UMNT|4=UMNTALL|5=EXPORT");

  public static final Field PROCEDURE_V1 = procedureField("mount", 1, V1);
  public static final Field PROCEDURE_V2 = procedureField("mount", 2, V2);
  public static final Field PROCEDURE_V3 = procedureField("mount", 3, V3);
  public static final Field PATH = Field.string("mount.path", "Path");
  public static final Field STATUS = Field.u32("mount.status", "Status");

  private static final int MNT = 1;
  private static final int UMNT = 3;

  public MountDissector() {
    super("mount", "Mount Service", "MOUNT", Map.of(1, V1, 2, V2, 3, V3),
        Map.of(1, PROCEDURE_V1, 2, PROCEDURE_V2, 3, PROCEDURE_V3));
  }

  @Override
  boolean isVoid(boolean call, int vers, int proc) {
    // DUMP, UMNTALL and EXPORT take no arguments; UMNT and UMNTALL return nothing.
    return proc == 0 || call && (proc == 2 || proc == 4 || proc == 5) || !call && (proc == UMNT || proc == 4);
  }

  @Override
  void body(Tree t, boolean call, int vers, int proc) {
    if (call && (proc == MNT || proc == UMNT)) {
      t.object(PATH, 0, xdrSize(t, 0), xdrString(t, 0));
    } else if (!call && proc == MNT && vers == 3) {
      t.uint(STATUS, 0, 4);
      if (t.u32(0) == 0) {
        NfsDissector.fh(t, 4);
      }
    }
  }

  @Override
  String detail(Tree t, boolean call, int vers, int proc) {
    return call && (proc == MNT || proc == UMNT) && t.has(0, 4) ? " " + xdrString(t, 0) : "";
  }
}

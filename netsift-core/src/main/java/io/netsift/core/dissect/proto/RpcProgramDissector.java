package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * The layer of an ONC RPC program (portmap, mount, NFS, NFSACL) after {@link RpcDissector}'s
 * header: the arguments of a call or the results of a reply whose call was seen. It starts with
 * tshark's generated program version and per-version procedure fields ({@code nfs.procedure_v3})
 * and appends the program's details to the Info that RPC wrote.
 */
abstract class RpcProgramDissector extends Dissector implements RpcDissector.Program {
  private final Map<Integer, Map<Long, String>> procedures;
  private final Map<Integer, Field> procedureFields;

  /**
   * @param procedures each version's procedure names
   * @param procedureFields each version's procedure field ({@code nfs.procedure_v3})
   */
  RpcProgramDissector(String name, String longName, String columnName,
      Map<Integer, Map<Long, String>> procedures, Map<Integer, Field> procedureFields) {
    super(name, longName, columnName);
    this.procedures = procedures;
    this.procedureFields = procedureFields;
  }

  static Field procedureField(String program, int version, Map<Long, String> names) {
    return Field.u32(program + ".procedure_v" + version, "V" + version + " Procedure").labels(names);
  }

  @Override
  public final String procedureName(int vers, int proc) {
    Map<Long, String> names = procedures.get(vers);
    return names == null ? null : names.get((long) proc);
  }

  @Override
  public final Dissector dissect(Dissection d, int layer) {
    return null;
  }

  /**
   * A message without arguments or results (NULL's, UMNT's reply) has nothing to dissect:
   * tshark lists the program in its tree only.
   */
  @Override
  public final boolean listedInProtocols(Dissection d, int layer) {
    return !isVoid(d.annotation(layer - 1, RpcDissector.A_TYPE) == 0, RpcDissector.version(d, layer),
        RpcDissector.procedure(d, layer));
  }

  /** Whether the procedure's call ({@code call}) or reply carries nothing. */
  boolean isVoid(boolean call, int vers, int proc) {
    return proc == 0;
  }

  @Override
  public final void fields(Tree t) {
    int vers = RpcDissector.version(t.dissection(), t.layer());
    int proc = RpcDissector.procedure(t.dissection(), t.layer());
    t.generated(RpcDissector.PROGRAM_VERSION, vers);
    Field f = procedureFields.get(vers);
    if (f != null) {
      t.generated(f, proc);
    }
    body(t, RpcDissector.isCall(t), vers, proc);
  }

  /** The fields of the arguments or results. */
  void body(Tree t, boolean call, int vers, int proc) {}

  /** What the program appends to RPC's Info ("" for nothing). */
  abstract String detail(Tree t, boolean call, int vers, int proc);

  @Override
  public final void columns(Tree t, Columns c) {
    int vers = RpcDissector.version(t.dissection(), t.layer());
    int proc = RpcDissector.procedure(t.dissection(), t.layer());
    c.info.append(detail(t, RpcDissector.isCall(t), vers, proc));
  }

  /** An XDR string's text at {@code rel} (length, then bytes). */
  static String xdrString(Tree t, int rel) {
    long n = t.u32(rel);
    return n > 0xffff ? "" : t.asciiz(rel + 4, (int) n);
  }

  /** The size of an XDR opaque or string at {@code rel}, padding included. */
  static int xdrSize(Tree t, int rel) {
    long n = t.u32(rel);
    return n > 0xffffff ? 0x1000000 : 4 + (int) ((n + 3) & ~3L);
  }
}

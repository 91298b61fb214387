package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.util.HashMap;
import java.util.Map;

/**
 * ONC RPC, <a href="https://www.rfc-editor.org/rfc/rfc5531">RFC 5531</a>, over UDP and over TCP
 * with record marking (section 11: a 4-byte header, last-fragment bit and length). tshark finds
 * it on port 111 and, elsewhere, by its heuristic: a version 2 call to a program it knows, or a
 * reply whose XID answers a call it saw. The program's own layer (portmap, mount, NFS, NFSACL)
 * follows the header; it is in the tree (and so in {@code -z io,phs}) for every procedure, but
 * frame.protocols lists it only when the procedure has arguments or results to dissect (not
 * for NULL).
 *
 * <pre>
 * call:  xid | 0 | rpcvers=2 | prog | vers | proc | cred (flavor, opaque) | verf | args...
 * reply: xid | 1 | 0=accepted | verf (flavor, opaque) | accept_stat | results...
 *        xid | 1 | 1=denied   | reject_stat | ...
 * </pre>
 */
public final class RpcDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  /** A program's dissector: its procedure names and the details it adds to Info. */
  public interface Program {
    /** The procedure's name in version {@code vers}, or null. */
    String procedureName(int vers, int proc);

    /** A number the reply's Info needs from the call's arguments (NFS ACCESS's mask); 0 if none. */
    default long callValue(byte[] b, int body, int end, int vers, int proc) {
      return 0;
    }
  }

  /** Programs netsift dissects, by number: the heuristic accepts calls to these only. */
  private static final Map<Long, String> PROGRAM_LAYERS = Map.of(
      100000L, "portmap", 100003L, "nfs", 100005L, "mount", 100227L, "nfsacl");
  static final Map<Long, String> PROGRAM_NAMES = ValueNames.parse(
      "100000=Portmap|100001=RSTAT|100002=RUSERS|100003=NFS|100004=YPSERV|100005=MOUNT|100007=YPBIND"
      + "|100011=RQUOTA|100021=NLM|100024=STAT|100227=NFSACL");
  private static final Map<Long, String> MSG_TYPES = ValueNames.parse("0=Call|1=Reply");
  private static final Map<Long, String> FLAVORS = ValueNames.parse(
      "0=AUTH_NULL|1=AUTH_UNIX|2=AUTH_SHORT|3=AUTH_DES|5=AUTH_RSA/Gluster|6=RPCSEC_GSS|300001=AUTH_GSSAPI");
  private static final Map<Long, String> REPLY_STATES = ValueNames.parse("0=accepted|1=denied");
  private static final Map<Long, String> ACCEPT_STATES = ValueNames.parse(
      "0=RPC executed successfully|1=remote hasn't exported program|2=remote can't support version #"
      + "|3=program can't support procedure|4=procedure can't decode params|5=remote system error");

  public static final Field LASTFRAG = Field.bool("rpc.lastfrag", "Last Fragment").mask(0x80000000L, 32)
      .states("Yes", "No");
  public static final Field FRAGLEN = Field.u32("rpc.fraglen", "Fragment Length").mask(0x7fffffffL, 32);
  public static final Field XID = Field.u32("rpc.xid", "XID").base(io.netsift.core.field.Base.HEX_DEC);
  public static final Field MSGTYP = Field.u32("rpc.msgtyp", "Message Type").labels(MSG_TYPES);
  public static final Field VERSION = Field.u32("rpc.version", "RPC Version");
  public static final Field PROGRAM = Field.u32("rpc.program", "Program").labels(PROGRAM_NAMES);
  public static final Field PROGRAM_VERSION = Field.u32("rpc.programversion", "Program Version");
  public static final Field PROCEDURE = Field.u32("rpc.procedure", "Procedure");
  /** On a reply, the call's frame (tshark's names are the other way round from what they say). */
  public static final Field REPFRAME = Field.frameNum("rpc.repframe", "Reply Frame").generated();
  /** On a call, the reply's frame (a second pass only). */
  public static final Field REQFRAME = Field.frameNum("rpc.reqframe", "Request Frame").generated();
  public static final Field TIME = Field.of("rpc.time", "Time from request", FieldType.RELATIVE_TIME).generated();
  public static final Field REPLYSTAT = Field.u32("rpc.replystat", "Reply State").labels(REPLY_STATES);
  public static final Field STATE_ACCEPT = Field.u32("rpc.state_accept", "Accept State").labels(ACCEPT_STATES);
  public static final Field AUTH_FLAVOR = Field.u32("rpc.auth.flavor", "Flavor").labels(FLAVORS);
  public static final Field AUTH_LENGTH = Field.u32("rpc.auth.length", "Length");
  public static final Field AUTH_STAMP = Field.u32("rpc.auth.stamp", "Stamp").hex();
  public static final Field AUTH_MACHINENAME = Field.string("rpc.auth.machinename", "Machine Name");
  public static final Field AUTH_UID = Field.u32("rpc.auth.uid", "UID");
  public static final Field AUTH_GID = Field.u32("rpc.auth.gid", "GID");

  /** Annotations of a layer. */
  static final int A_TYPE = 0;
  static final int A_PROG = 1;
  static final int A_VERS = 2;
  static final int A_PROC = 3;
  /** The call's frame (on a reply whose call was seen), else 0. */
  static final int A_CALL = 4;
  static final int A_CALL_TS = 5;
  /** Offset of the arguments or results, from the layer's start. */
  static final int A_BODY = 6;
  /** 1 + the accept state of an accepted reply, else 0. */
  static final int A_ACCEPT = 7;
  static final int A_RECORD_MARK = 8;
  /** On a reply: the call's {@link Program#callValue}. */
  static final int A_CALL_VALUE = 9;
  private static final int ANNOTATIONS = 10;

  private static final int MARK = 4;
  private static final int MAX_AUTH = 400;

  /** The calls seen so far, by XID and client port. */
  private static final class Calls {
    final Map<Long, long[]> byXid = new HashMap<>();
  }

  public RpcDissector() {
    super("rpc", "Remote Procedure Call", "RPC");
  }

  /**
   * tshark's RPC over TCP reads the further records of a segment itself, so frame.protocols
   * names rpc once (zeek's nfs_write frame 67: rpc:nfs:nfs); the programs it calls are listed
   * each time.
   */
  @Override
  public boolean listedInProtocols(Dissection d, int layer) {
    for (int i = layer - 1; i > 0; i--) {
      String name = d.dissector(i).name();
      if (d.dissector(i) == this) {
        return false;
      }
      if (name.equals("tcp") || name.equals("udp")) {
        break;
      }
    }
    return true;
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, 111, this);
    p.map(Protocols.Table.TCP_PORT, 111, this);
    p.heuristic(Protocols.Table.UDP_PORT, this, (d, b, off, len) -> off >= 8
        && !TsharkPorts.udp(Bytes.u16(b, off - 8)) && !TsharkPorts.udp(Bytes.u16(b, off - 6))
        && looksLikeRpc(d, b, off, off + len, Bytes.u16(b, off - 8), Bytes.u16(b, off - 6)));
    p.heuristic(Protocols.Table.TCP_PORT, this, (d, b, off, len) -> {
      int tcp = d.layerCount() - 1;
      return len > MARK && !TsharkPorts.tcp(d, tcp) && (Bytes.u32(b, off) & 0x80000000L) != 0
          && looksLikeRpc(d, b, off + MARK, off + len, Transport.srcPort(d, tcp), Transport.dstPort(d, tcp));
    });
  }

  private static long key(long xid, int clientPort) {
    return xid << 16 | clientPort;
  }

  /** tshark's heuristic: a call to a known program, or the reply to a call it saw. */
  private boolean looksLikeRpc(Dissection d, byte[] b, int off, int end, int sport, int dport) {
    if (end - off < 8) {
      return false;
    }
    long type = Bytes.u32(b, off + 4);
    if (type == 1) {
      return !d.protocols().isStateless()
          && d.state(this, Calls::new).byXid.containsKey(key(Bytes.u32(b, off), dport));
    }
    if (type != 0 || end - off < 24 || Bytes.u32(b, off + 8) != 2
        || !PROGRAM_LAYERS.containsKey(Bytes.u32(b, off + 12))) {
      return false;
    }
    int p = off + 24;
    for (int k = 0; k < 2; k++) {
      if (end - p < 8 || Bytes.u32(b, p + 4) > MAX_AUTH) {
        return false;
      }
      p += 8 + pad(Bytes.u32(b, p + 4));
    }
    return p <= end;
  }

  private static int pad(long n) {
    return (int) ((n + 3) & ~3L);
  }

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    if (avail < MARK) {
      return MORE;
    }
    long mark = Bytes.u32(b, off);
    long len = mark & 0x7fffffffL;
    return len < 8 || len > 0x1000000 ? NOT_MINE : (int) len + MARK;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    byte[] b = d.data();
    int a = d.annotate(layer, ANNOTATIONS);
    int tcp = Transport.find(d, layer);
    boolean marked = tcp >= 0 && Transport.isTcp(d, tcp);
    int p = s;
    if (marked) {
      d.setAnnotation(layer, A_RECORD_MARK, 1);
      if (end - s >= MARK) {
        end = (int) Math.min(end, s + MARK + (Bytes.u32(b, s) & 0x7fffffffL));
        d.setEnd(layer, end);
      }
      p += MARK;
    }
    if (end - p < 8) {
      Truncation.report(d, layer, p, 8);
      return null;
    }
    long xid = Bytes.u32(b, p);
    long type = Bytes.u32(b, p + 4);
    d.setAnnotation(layer, A_TYPE, type);
    int sport = tcp >= 0 ? Transport.srcPort(d, tcp) : 0;
    int dport = tcp >= 0 ? Transport.dstPort(d, tcp) : 0;
    Calls calls = d.protocols().isStateless() ? null : d.state(this, Calls::new);
    if (type == 0) {
      if (end - p < 24) {
        Truncation.report(d, layer, p, 24);
        return null;
      }
      long prog = Bytes.u32(b, p + 12);
      long vers = Bytes.u32(b, p + 16);
      long proc = Bytes.u32(b, p + 20);
      d.setAnnotation(layer, A_PROG, prog);
      d.setAnnotation(layer, A_VERS, vers);
      d.setAnnotation(layer, A_PROC, proc);
      int q = p + 24;
      for (int k = 0; k < 2; k++) {
        if (end - q < 8) {
          Truncation.report(d, layer, q, 8);
          return null;
        }
        long len = Bytes.u32(b, q + 4);
        if (len > MAX_AUTH) {
          Truncation.report(d, layer, q, 8 + MAX_AUTH);
          return null;
        }
        q += 8 + pad(len);
      }
      if (q > end) {
        Truncation.report(d, layer, q, 0);
        return null;
      }
      Dissector next = program(d, prog);
      if (calls != null && !calls.byXid.containsKey(key(xid, sport))) {
        long value = next instanceof Program ? ((Program) next).callValue(b, q, end, (int) vers, (int) proc) : 0;
        calls.byXid.put(key(xid, sport), new long[] {d.number(), d.timestampNanos(), prog, vers, proc, 0, value});
      }
      d.setAnnotation(layer, A_BODY, q - s);
      d.payload(q, end);
      return next;
    }
    long[] call = calls == null ? null : calls.byXid.get(key(xid, dport));
    if (call != null) {
      d.setAnnotation(layer, A_CALL, call[0]);
      d.setAnnotation(layer, A_CALL_TS, call[1]);
      d.setAnnotation(layer, A_PROG, call[2]);
      d.setAnnotation(layer, A_VERS, call[3]);
      d.setAnnotation(layer, A_PROC, call[4]);
      d.setAnnotation(layer, A_CALL_VALUE, call[6]);
      if (call[5] == 0) {
        call[5] = d.number();
        d.pointBack(call[0], this, REQFRAME, d.number());
      }
    }
    if (end - p < 12) {
      Truncation.report(d, layer, p, 12);
      return null;
    }
    if (Bytes.u32(b, p + 8) != 0) {
      d.setAnnotation(layer, A_BODY, end - s);
      return null;
    }
    int q = p + 12;
    if (end - q < 8) {
      Truncation.report(d, layer, q, 8);
      return null;
    }
    long verf = Bytes.u32(b, q + 4);
    if (verf > MAX_AUTH) {
      Truncation.report(d, layer, q, 8 + MAX_AUTH);
      return null;
    }
    q += 8 + pad(verf);
    if (end - q < 4) {
      Truncation.report(d, layer, q, 4);
      return null;
    }
    long accept = Bytes.u32(b, q);
    d.setAnnotation(layer, A_ACCEPT, accept + 1);
    q += 4;
    d.setAnnotation(layer, A_BODY, q - s);
    if (call == null || accept != 0) {
      return null;
    }
    d.payload(q, end);
    return program(d, call[2]);
  }

  private static Dissector program(Dissection d, long prog) {
    String name = PROGRAM_LAYERS.get(prog);
    return name == null ? null : d.protocols().byName(name);
  }

  @Override
  public boolean payloadBecomesData() {
    return true;
  }

  @Override
  public void fields(Tree t) {
    int p = 0;
    if (t.annotation(A_RECORD_MARK) != 0) {
      t.uint(LASTFRAG, 0, 4);
      t.uint(FRAGLEN, 0, 4);
      p = MARK;
    }
    t.uint(XID, p, 4);
    t.uint(MSGTYP, p + 4, 4);
    if (t.annotation(A_TYPE) == 0) {
      t.uint(VERSION, p + 8, 4);
      t.uint(PROGRAM, p + 12, 4);
      t.uint(PROGRAM_VERSION, p + 16, 4);
      t.uint(PROCEDURE, p + 20, 4);
      int q = auth(t, p + 24, true);
      auth(t, q, false);
      return;
    }
    long callFrame = t.annotation(A_CALL);
    if (callFrame != 0) {
      t.generated(PROGRAM, t.annotation(A_PROG));
      t.generated(PROGRAM_VERSION, t.annotation(A_VERS));
      t.generated(PROCEDURE, t.annotation(A_PROC));
    }
    t.uint(REPLYSTAT, p + 8, 4);
    if (callFrame != 0) {
      t.generated(REPFRAME, callFrame);
      t.generated(TIME, t.dissection().timestampNanos() - t.annotation(A_CALL_TS));
    }
    if (t.u32(p + 8) == 0) {
      int q = auth(t, p + 12, false);
      t.uint(STATE_ACCEPT, q, 4);
    }
  }

  /** Credentials or verifier at {@code rel}; returns the offset after it. */
  private static int auth(Tree t, int rel, boolean credentials) {
    long flavor = t.u32(rel);
    long len = t.u32(rel + 4);
    t.text(rel, 8 + pad(len), credentials ? "Credentials" : "Verifier");
    t.enter();
    t.uint(AUTH_FLAVOR, rel, 4);
    t.uint(AUTH_LENGTH, rel + 4, 4);
    int body = rel + 8;
    if (flavor == 1 && credentials && len >= 8) {
      t.uint(AUTH_STAMP, body, 4);
      long n = t.u32(body + 4);
      if (n <= len) {
        t.object(AUTH_MACHINENAME, body + 4, 4 + pad(n), t.asciiz(body + 8, (int) n));
        int q = body + 8 + pad(n);
        t.uint(AUTH_UID, q, 4);
        t.uint(AUTH_GID, q + 4, 4);
        long gids = t.u32(q + 8);
        for (int k = 0; k < gids && k < 16; k++) {
          t.uint(AUTH_GID, q + 12 + 4 * k, 4);
        }
      }
    }
    t.exit();
    return body + pad(len);
  }

  /** "V3 GETATTR Call" or "V3 GETATTR Reply (Call In 11)", as tshark's RPC writes Info. */
  static String info(Dissection d, int layer) {
    long type = d.annotation(layer, A_TYPE);
    long call = d.annotation(layer, A_CALL);
    if (type != 0 && call == 0) {
      return "Reply (Call In ?)";
    }
    int vers = (int) d.annotation(layer, A_VERS);
    int proc = (int) d.annotation(layer, A_PROC);
    String name = null;
    Dissector prog = program(d, d.annotation(layer, A_PROG));
    if (prog instanceof Program) {
      name = ((Program) prog).procedureName(vers, proc);
    }
    StringBuilder sb = new StringBuilder(40);
    sb.append('V').append(vers).append(' ').append(name != null ? name : "proc-" + proc);
    sb.append(type == 0 ? " Call" : " Reply (Call In " + call + ")");
    return sb.toString();
  }

  @Override
  public void columns(Tree t, Columns c) {
    Dissection d = t.dissection();
    int layer = t.layer();
    boolean first = true;
    for (int i = layer - 1; i > 0 && first; i--) {
      first = d.dissector(i) != this;
    }
    Dissector prog = program(d, d.annotation(layer, A_PROG));
    boolean known = d.annotation(layer, A_TYPE) == 0 || d.annotation(layer, A_CALL) != 0;
    c.protocol = prog != null && known ? prog.columnName() : "RPC";
    String text = info(d, layer);
    if (first) {
      c.setInfo(text);
    } else {
      c.info.append("  ; ").append(text);
    }
  }

  /** The RPC layer a program layer follows (the one before it). */
  static int rpcLayer(Tree t) {
    return t.layer() - 1;
  }

  /** Whether the program layer's message is a call. */
  static boolean isCall(Tree t) {
    return t.dissection().annotation(rpcLayer(t), A_TYPE) == 0;
  }

  static int version(Dissection d, int programLayer) {
    return (int) d.annotation(programLayer - 1, A_VERS);
  }

  static int procedure(Dissection d, int programLayer) {
    return (int) d.annotation(programLayer - 1, A_PROC);
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Network File System, ONC RPC program 100003: procedure names of versions 2 to 4 and, for
 * version 3 (<a href="https://www.rfc-editor.org/rfc/rfc1813">RFC 1813</a>), the file handles,
 * names, offsets and counts that tshark's Info shows ("V3 WRITE Call, FH: 0x66a805cd Offset: 0
 * Len: 13 FILE_SYNC"). A file handle is shown by its CRC-32, as tshark does.
 *
 * <pre>
 * fh3:          length | opaque handle (padded to 4)
 * diropargs3:   fh3 dir | string name
 * post_op_attr: attributes_follow | fattr3 (84 bytes: type, mode, nlink, uid, gid, ...)
 * </pre>
 */
public final class NfsDissector extends RpcProgramDissector {
  private static final Map<Long, String> V2 = ValueNames.parse(
      "0=NULL|1=GETATTR|2=SETATTR|3=ROOT|4=LOOKUP|5=READLINK|6=READ|7=WRITECACHE|8=WRITE|9=CREATE"
      + "|10=REMOVE|11=RENAME|12=LINK|13=SYMLINK|14=MKDIR|15=RMDIR|16=READDIR|17=STATFS");
  private static final Map<Long, String> V3 = ValueNames.parse(
      "0=NULL|1=GETATTR|2=SETATTR|3=LOOKUP|4=ACCESS|5=READLINK|6=READ|7=WRITE|8=CREATE|9=MKDIR"
      + "|10=SYMLINK|11=MKNOD|12=REMOVE|13=RMDIR|14=RENAME|15=LINK|16=READDIR|17=READDIRPLUS"
      + "|18=FSSTAT|19=FSINFO|20=PATHCONF|21=COMMIT");
  private static final Map<Long, String> V4 = ValueNames.parse("0=NULL|1=COMPOUND");
  private static final Map<Long, String> STATUS_NAMES = ValueNames.parse(
      "0=NFS3_OK|1=NFS3ERR_PERM|2=NFS3ERR_NOENT|5=NFS3ERR_IO|6=NFS3ERR_NXIO|13=NFS3ERR_ACCES"
      + "|17=NFS3ERR_EXIST|18=NFS3ERR_XDEV|19=NFS3ERR_NODEV|20=NFS3ERR_NOTDIR|21=NFS3ERR_ISDIR"
      + "|22=NFS3ERR_INVAL|27=NFS3ERR_FBIG|28=NFS3ERR_NOSPC|30=NFS3ERR_ROFS|31=NFS3ERR_MLINK"
      + "|63=NFS3ERR_NAMETOOLONG|66=NFS3ERR_NOTEMPTY|69=NFS3ERR_DQUOT|70=NFS3ERR_STALE"
      + "|71=NFS3ERR_REMOTE|10001=NFS3ERR_BADHANDLE|10002=NFS3ERR_NOT_SYNC|10003=NFS3ERR_BAD_COOKIE"
      + "|10004=NFS3ERR_NOTSUPP|10005=NFS3ERR_TOOSMALL|10006=NFS3ERR_SERVERFAULT"
      + "|10007=NFS3ERR_BADTYPE|10008=NFS3ERR_JUKEBOX");
  private static final Map<Long, String> FILE_TYPES = ValueNames.parse(
      "1=Regular File|2=Directory|3=Block Special Device|4=Character Special Device"
      + "|5=Symbolic Link|6=Socket|7=Named Pipe");
  private static final Map<Long, String> STABLE = ValueNames.parse("0=UNSTABLE|1=DATA_SYNC|2=FILE_SYNC");
  private static final Map<Long, String> CREATE_MODES = ValueNames.parse("0=UNCHECKED|1=GUARDED|2=EXCLUSIVE");
  private static final String[] ACCESS_BITS = {"RD", "LU", "MD", "XT", "DL", "XE"};

  public static final Field PROCEDURE_V2 = procedureField("nfs", 2, V2);
  public static final Field PROCEDURE_V3 = procedureField("nfs", 3, V3);
  public static final Field PROCEDURE_V4 = procedureField("nfs", 4, V4);
  public static final Field STATUS3 = Field.u32("nfs.status3", "Status").labels(STATUS_NAMES);
  public static final Field STATUS = Field.u32("nfs.status", "Status").labels(STATUS_NAMES).hidden();
  public static final Field FH_LENGTH = Field.u32("nfs.fh.length", "length");
  public static final Field FH_HASH = Field.u32("nfs.fh.hash", "hash (CRC-32)").hex().generated();
  public static final Field NAME = Field.string("nfs.name", "Name");
  public static final Field OFFSET3 = Field.u64("nfs.offset3", "offset");
  public static final Field COUNT3 = Field.u32("nfs.count3", "count");

  private static final int GETATTR = 1;
  private static final int SETATTR = 2;
  private static final int LOOKUP = 3;
  private static final int ACCESS = 4;
  private static final int READLINK = 5;
  private static final int READ = 6;
  private static final int WRITE = 7;
  private static final int CREATE = 8;
  private static final int MKDIR = 9;
  private static final int SYMLINK = 10;
  private static final int MKNOD = 11;
  private static final int REMOVE = 12;
  private static final int RMDIR = 13;
  private static final int RENAME = 14;
  private static final int LINK = 15;
  private static final int READDIR = 16;
  private static final int READDIRPLUS = 17;
  private static final int FATTR3 = 84;

  public NfsDissector() {
    super("nfs", "Network File System", "NFS", Map.of(2, V2, 3, V3, 4, V4),
        Map.of(2, PROCEDURE_V2, 3, PROCEDURE_V3, 4, PROCEDURE_V4));
  }

  /** The ACCESS call's mask, which the reply's Info compares with what was granted. */
  @Override
  public long callValue(byte[] b, int body, int end, int vers, int proc) {
    if (vers != 3 || proc != ACCESS || end - body < 4) {
      return 0;
    }
    long n = Bytes.u32(b, body);
    int at = body + 4 + (int) Math.min((n + 3) & ~3L, 1 << 20);
    return end - at >= 4 ? Bytes.u32(b, at) : 0;
  }

  @Override
  void body(Tree t, boolean call, int vers, int proc) {
    if (vers != 3) {
      return;
    }
    if (!call) {
      t.uint(STATUS3, 0, 4);
      t.uint(STATUS, 0, 4);
      if (t.u32(0) == 0) {
        replyBody(t, proc);
      }
      return;
    }
    switch (proc) {
      case LOOKUP: case REMOVE: case RMDIR: case MKDIR: case CREATE: case SYMLINK: case MKNOD:
        name(t, fh(t, 0));
        break;
      case RENAME:
        name(t, fh(t, name(t, fh(t, 0))));
        break;
      case LINK:
        name(t, fh(t, fh(t, 0)));
        break;
      case READ: case WRITE: {
        int q = fh(t, 0);
        t.uint(OFFSET3, q, 8);
        t.uint(COUNT3, q + 8, 4);
        break;
      }
      default:
        if (proc != 0) {
          fh(t, 0);
        }
    }
  }

  /** The fields of a successful reply that Info also shows: new handles, counts. */
  private static void replyBody(Tree t, int proc) {
    switch (proc) {
      case LOOKUP:
        fh(t, 4);
        break;
      case CREATE: case MKDIR: case SYMLINK: case MKNOD:
        if (t.u32(4) != 0) { // post_op_fh3
          fh(t, 8);
        }
        break;
      case READ:
        t.uint(COUNT3, 4 + postOpAttrSize(t, 4), 4);
        break;
      case WRITE:
        t.uint(COUNT3, 4 + wccSize(t, 4), 4);
        break;
      case READDIRPLUS: {
        int q = 4 + postOpAttrSize(t, 4) + 8;
        for (int k = 0; k < 4096 && t.has(q, 4) && t.u32(q) != 0; k++) {
          q += 4 + 8;
          q += xdrSize(t, q) + 8; // the entry's name (a field of its own in tshark) and cookie
          q += postOpAttrSize(t, q);
          if (t.u32(q) != 0) {
            q = fh(t, q + 4);
          } else {
            q += 4;
          }
        }
        break;
      }
      default:
        break;
    }
  }

  /** A name field; returns the offset after it. */
  private static int name(Tree t, int rel) {
    int size = xdrSize(t, rel);
    t.object(NAME, rel, size, xdrString(t, rel));
    return rel + size;
  }

  /** A file handle's length and hash fields; returns the offset after it. */
  static int fh(Tree t, int rel) {
    int size = xdrSize(t, rel);
    t.text(rel, size, "file");
    t.enter();
    t.uint(FH_LENGTH, rel, 4);
    if (t.has(rel + 4, (int) t.u32(rel))) {
      t.number(FH_HASH, rel + 4, (int) t.u32(rel), hash(t, rel));
    }
    t.exit();
    return rel + size;
  }

  private static long hash(Tree t, int rel) {
    int n = (int) Math.min(t.u32(rel), 128);
    CRC32 crc = new CRC32();
    for (int i = 0; i < n; i++) {
      crc.update(t.u8(rel + 4 + i));
    }
    return crc.getValue();
  }

  private static String fhText(Tree t, int rel) {
    return String.format("0x%08x", hash(t, rel));
  }

  @Override
  String detail(Tree t, boolean call, int vers, int proc) {
    if (vers != 3 || proc == 0 || !t.has(0, 4)) {
      return "";
    }
    return call ? callDetail(t, proc) : replyDetail(t, proc);
  }

  private static String callDetail(Tree t, int proc) {
    int q = xdrSize(t, 0);
    switch (proc) {
      case LOOKUP: case REMOVE: case RMDIR: case MKDIR: case MKNOD:
        return ", DH: " + fhText(t, 0) + "/" + xdrString(t, q);
      case CREATE: {
        String mode = CREATE_MODES.get(t.u32(q + xdrSize(t, q)));
        return ", DH: " + fhText(t, 0) + "/" + xdrString(t, q) + " Mode: " + (mode != null ? mode : "Unknown");
      }
      case SYMLINK: {
        int attrs = q + xdrSize(t, q);
        return ", From DH: " + fhText(t, 0) + "/" + xdrString(t, q) + " To " + xdrString(t, attrs + sattr3Size(t, attrs));
      }
      case RENAME: {
        int to = q + xdrSize(t, q);
        return ", From DH: " + fhText(t, 0) + "/" + xdrString(t, q) + " To DH: " + fhText(t, to) + "/"
            + xdrString(t, to + xdrSize(t, to));
      }
      case LINK:
        return ", From DH: " + fhText(t, 0) + " To DH: " + fhText(t, q) + "/" + xdrString(t, q + xdrSize(t, q));
      case ACCESS:
        return ", FH: " + fhText(t, 0) + ", [Check:" + accessBits(t.u32(q)) + "]";
      case READ:
        return ", FH: " + fhText(t, 0) + " Offset: " + Long.toUnsignedString(t.u64(q)) + " Len: " + t.u32(q + 8);
      case WRITE: {
        String stable = STABLE.get(t.u32(q + 12));
        return ", FH: " + fhText(t, 0) + " Offset: " + Long.toUnsignedString(t.u64(q)) + " Len: " + t.u32(q + 8)
            + " " + (stable != null ? stable : "Unknown");
      }
      default:
        return ", FH: " + fhText(t, 0);
    }
  }

  /** The size of a sattr3 (each member a discriminated union). */
  private static int sattr3Size(Tree t, int rel) {
    int q = rel;
    for (int k = 0; k < 3; k++) { // mode, uid, gid
      q += t.u32(q) != 0 ? 8 : 4;
    }
    q += t.u32(q) != 0 ? 12 : 4; // size
    for (int k = 0; k < 2; k++) { // atime, mtime: 2 = set to client time
      q += t.u32(q) == 2 ? 12 : 4;
    }
    return q - rel;
  }

  private static String accessBits(long mask) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ACCESS_BITS.length; i++) {
      if ((mask & 1L << i) != 0) {
        sb.append(' ').append(ACCESS_BITS[i]);
      }
    }
    return sb.toString();
  }

  private static int postOpAttrSize(Tree t, int rel) {
    return t.u32(rel) != 0 ? 4 + FATTR3 : 4;
  }

  private String replyDetail(Tree t, int proc) {
    long status = t.u32(0);
    if (status != 0) {
      String name = STATUS_NAMES.get(status);
      return " Error: " + (name != null ? name : "Unknown (" + status + ")");
    }
    switch (proc) {
      case GETATTR:
        return " " + attrs(t, 4);
      case LOOKUP:
        return ", FH: " + fhText(t, 4);
      case ACCESS: {
        long granted = t.u32(4 + postOpAttrSize(t, 4));
        long asked = t.dissection().annotation(RpcDissector.rpcLayer(t), RpcDissector.A_CALL_VALUE);
        long denied = asked & ~granted;
        return (denied != 0 ? ", [Access Denied:" + accessBits(denied) + "]" : "")
            + ", [Allowed:" + accessBits(granted & asked) + "]";
      }
      case READLINK: {
        int q = 4 + postOpAttrSize(t, 4);
        return " Path: " + xdrString(t, q);
      }
      case READ:
        return " Len: " + t.u32(4 + postOpAttrSize(t, 4));
      case WRITE: {
        int q = 4 + wccSize(t, 4);
        String stable = STABLE.get(t.u32(q + 4));
        return " Len: " + t.u32(q) + " " + (stable != null ? stable : "Unknown");
      }
      case READDIR: case READDIRPLUS:
        return entries(t, 4 + postOpAttrSize(t, 4) + 8, proc == READDIRPLUS);
      default:
        return "";
    }
  }

  private static int wccSize(Tree t, int rel) {
    int pre = t.u32(rel) != 0 ? 4 + 24 : 4;
    return pre + postOpAttrSize(t, rel + pre);
  }

  /** " Directory mode: 0755 uid: 0 gid: 1" of a fattr3 at {@code rel}. */
  private static String attrs(Tree t, int rel) {
    String type = FILE_TYPES.get(t.u32(rel));
    return " " + (type != null ? type : "Unknown") + " mode: " + String.format("%04o", t.u32(rel + 4) & 07777)
        + " uid: " + t.u32(rel + 12) + " gid: " + t.u32(rel + 16);
  }

  /** The names of a READDIR(PLUS) reply's entries, each after a space. */
  private static String entries(Tree t, int rel, boolean plus) {
    StringBuilder sb = new StringBuilder();
    int q = rel;
    for (int k = 0; k < 4096 && t.has(q, 4) && t.u32(q) != 0; k++) {
      q += 4 + 8; // value_follows, fileid
      sb.append(' ').append(xdrString(t, q));
      q += xdrSize(t, q) + 8; // name, cookie
      if (plus) {
        q += postOpAttrSize(t, q);
        q += t.u32(q) != 0 ? 4 + xdrSize(t, q + 4) : 4; // post_op_fh3
      }
    }
    return sb.toString();
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.util.HashMap;
import java.util.Map;

/**
 * SMB2/SMB3 ([MS-SMB2]; tshark's {@code smb2}) in an NBSS session message: the 64-byte header
 * of each command (a compound's next commands, found by the next command offset, are further
 * {@code smb2} layers, as tshark lists them), the SMB3 transform header of an encrypted message,
 * and per command the parts the Info column and the pipe hand-off need: Create's file name,
 * Tree Connect's path, Read/Write lengths and offsets, Session Setup's and Negotiate's security
 * blob ({@code smb2.security_blob}, for SPNEGO), and DCE/RPC in pipe reads, writes and
 * FSCTL_PIPE_TRANSCEIVE. A response finds its request by message ID within the TCP stream;
 * files are named by the Create that opened their file ID.
 *
 * <pre>
 * +--------+--------+--------+-----------------+-----+---------+-------+---------+--------+-----+-------+------+
 * | fe SMB | hdrlen | credit | status / chseq  | cmd | credits | flags | next    | msg id | pid | tid / | sess | sign(16)
 * |   4    |   2    | chg 2  |       4         |  2  |    2    |   4   | cmd 4   |   8    |  4  | async | id 8 |
 * +--------+--------+--------+-----------------+-----+---------+-------+---------+--------+-----+-------+------+
 * integers little-endian
 * </pre>
 */
public final class Smb2Dissector extends Dissector {
  static final int HEADER = 64;
  static final int NEGOTIATE = 0;
  static final int SESSION_SETUP = 1;
  static final int TREE_CONNECT = 3;
  static final int CREATE = 5;
  static final int CLOSE = 6;
  static final int READ = 8;
  static final int WRITE = 9;
  static final int IOCTL = 11;
  static final int FIND = 14;
  static final int GETINFO = 16;
  static final int SETINFO = 17;
  private static final long PIPE_TRANSCEIVE = 0x0011c017L;

  private static final Map<Long, String> COMMANDS = ValueNames.parse(
      "0=Negotiate Protocol|1=Session Setup|2=Session Logoff|3=Tree Connect|4=Tree Disconnect|5=Create|6=Close|"
          + "7=Flush|8=Read|9=Write|10=Lock|11=Ioctl|12=Cancel|13=KeepAlive|14=Find|15=Notify|16=GetInfo|"
          + "17=SetInfo|18=Break");

  private static final Map<Long, String> CLASSES = ValueNames.parse("1=FILE_INFO|2=FS_INFO|3=SEC_INFO|4=QUOTA_INFO");
  private static final Map<Long, String> FILE_LEVELS = ValueNames.parse(
      "4=SMB2_FILE_BASIC_INFO|5=SMB2_FILE_STANDARD_INFO|6=SMB2_FILE_INTERNAL_INFO|7=SMB2_FILE_EA_INFO|"
          + "8=SMB2_FILE_ACCESS_INFO|10=SMB2_FILE_RENAME_INFO|13=SMB2_FILE_DISPOSITION_INFO|"
          + "14=SMB2_FILE_POSITION_INFO|15=SMB2_FILE_FULL_EA_INFO|16=SMB2_FILE_MODE_INFO|"
          + "17=SMB2_FILE_ALIGNMENT_INFO|18=SMB2_FILE_ALL_INFO|19=SMB2_FILE_ALLOCATION_INFO|"
          + "20=SMB2_FILE_ENDOFFILE_INFO|21=SMB2_FILE_ALTERNATE_NAME_INFO|22=SMB2_FILE_STREAM_INFO|"
          + "23=SMB2_FILE_PIPE_INFO|28=SMB2_FILE_COMPRESSION_INFO|34=SMB2_FILE_NETWORK_OPEN_INFO|"
          + "35=SMB2_FILE_ATTRIBUTE_TAG_INFO");
  private static final Map<Long, String> FS_LEVELS = ValueNames.parse(
      "1=FileFsVolumeInformation|2=FileFsLabelInformation|3=FileFsSizeInformation|4=FileFsDeviceInformation|"
          + "5=FileFsAttributeInformation|6=FileFsControlInformation|7=FileFsFullSizeInformation|"
          + "8=FileFsObjectIdInformation|9=FileFsDriverPathInformation|10=FileFsVolumeFlagsInformation|"
          + "11=FileFsSectorSizeInformation");
  private static final Map<Long, String> FIND_LEVELS = ValueNames.parse(
      "1=SMB2_FIND_DIRECTORY_INFO|2=SMB2_FIND_FULL_DIRECTORY_INFO|3=SMB2_FIND_BOTH_DIRECTORY_INFO|"
          + "12=SMB2_FIND_NAME_INFO|37=SMB2_FIND_ID_BOTH_DIRECTORY_INFO|38=SMB2_FIND_ID_FULL_DIRECTORY_INFO");
  private static final Map<Long, String> IOCTLS = ValueNames.parse(
      "0x00060194=FSCTL_DFS_GET_REFERRALS|0x000601b0=FSCTL_DFS_GET_REFERRALS_EX|0x0009009c=FSCTL_GET_OBJECT_ID|"
          + "0x000900c0=FSCTL_CREATE_OR_GET_OBJECT_ID|0x000900a8=FSCTL_GET_REPARSE_POINT|"
          + "0x0011c017=FSCTL_PIPE_TRANSCEIVE|0x00110018=FSCTL_PIPE_WAIT|0x0011400c=FSCTL_PIPE_PEEK|"
          + "0x00140078=FSCTL_SRV_REQUEST_RESUME_KEY|0x001401fc=FSCTL_QUERY_NETWORK_INTERFACE_INFO|"
          + "0x00140204=FSCTL_VALIDATE_NEGOTIATE_INFO|0x00144064=FSCTL_SRV_ENUMERATE_SNAPSHOTS|"
          + "0x001440f2=FSCTL_SRV_COPYCHUNK|0x001480f2=FSCTL_SRV_COPYCHUNK_WRITE|0x001441bb=FSCTL_SRV_READ_HASH");

  public static final Field PROTOCOL_ID = Field.u32("smb2.protocol_id", "ProtocolId").hex();
  public static final Field RESPONSE_TO = Field.frameNum("smb2.response_to", "Response to").generated();
  public static final Field TIME = Field.of("smb2.time", "Time from request", FieldType.RELATIVE_TIME).generated();
  public static final Field HEADER_LEN = Field.u16("smb2.header_len", "Header Length");
  public static final Field CREDIT_CHARGE = Field.u16("smb2.credit.charge", "Credit Charge");
  public static final Field CHANNEL_SEQUENCE = Field.u16("smb2.channel_sequence", "Channel Sequence");
  public static final Field RESERVED = Field.bytes("smb2.reserved", "Reserved");
  public static final Field NT_STATUS = Field.u32("smb2.nt_status", "NT Status").hex()
      .labels(SmbDissector.NT_STATUS);
  public static final Field CMD = Field.u16("smb2.cmd", "Command").labels(COMMANDS);
  public static final Field CREDITS_REQUESTED = Field.u16("smb2.credits.requested", "Credits requested");
  public static final Field CREDITS_GRANTED = Field.u16("smb2.credits.granted", "Credits granted");
  public static final Field FLAGS = Field.u32("smb2.flags", "Flags").hex();
  public static final Field FLAG_REPLAY = Field.bool("smb2.flags.replay", "Replay operation").mask(0x20000000, 32);
  public static final Field FLAG_DFS = Field.bool("smb2.flags.dfs", "DFS operation").mask(0x10000000, 32);
  public static final Field FLAG_PRIORITY = Field.bool("smb2.flags.priority_mask", "Priority").mask(0x70, 32);
  public static final Field FLAG_SIGNATURE = Field.bool("smb2.flags.signature", "Signing").mask(0x8, 32);
  public static final Field FLAG_CHAINED = Field.bool("smb2.flags.chained", "Chained").mask(0x4, 32);
  public static final Field FLAG_ASYNC = Field.bool("smb2.flags.async", "Async command").mask(0x2, 32);
  public static final Field FLAG_RESPONSE = Field.bool("smb2.flags.response", "Response").mask(0x1, 32);
  public static final Field CHAIN_OFFSET = Field.u32("smb2.chain_offset", "Chain Offset").hex();
  public static final Field MSG_ID = Field.u64("smb2.msg_id", "Message ID");
  public static final Field AID = Field.u64("smb2.aid", "Async Id").hex();
  public static final Field PID = Field.u32("smb2.pid", "Process Id").hex();
  public static final Field TID = Field.u32("smb2.tid", "Tree Id").hex();
  public static final Field SESID = Field.u64("smb2.sesid", "Session Id").hex();
  public static final Field SIGNATURE = Field.bytes("smb2.signature", "Signature");
  public static final Field SHARE_TYPE = Field.u8("smb2.share_type", "Share Type").hex()
      .labels(ValueNames.parse("1=Physical disk|2=Named pipe|3=Printer"));
  public static final Field AUTH_FRAME = Field.u32("smb2.auth_frame", "Authenticated in Frame").generated();
  public static final Field TCON_FRAME = Field.u32("smb2.tcon_frame", "Connected in Frame").generated();
  public static final Field BUFFER_CODE = Field.u16("smb2.buffer_code", "StructureSize").hex();
  public static final Field BUFFER_CODE_LENGTH = Field.u16("smb2.buffer_code.length", "Fixed Part Length")
      .mask(0xfffe, 16);
  public static final Field BUFFER_CODE_DYNAMIC = Field.bool("smb2.buffer_code.dynamic", "Dynamic Part")
      .mask(0x1, 16);
  public static final Field SECURITY_BLOB = Field.bytes("smb2.security_blob", "Security Blob");
  public static final Field FILENAME = Field.string("smb2.filename", "Filename");
  public static final Field TREE = Field.string("smb2.tree", "Tree");
  public static final Field FID = Field.of("smb2.fid", "File Id", FieldType.GUID);
  public static final Field TRANSFORM_SIGNATURE = Field.bytes("smb2.header.transform.signature", "Signature");
  public static final Field TRANSFORM_NONCE = Field.bytes("smb2.header.transform.nonce", "Nonce");
  public static final Field TRANSFORM_MSG_SIZE = Field.u32("smb2.header.transform.msg_size", "Message size");
  public static final Field TRANSFORM_RESERVED = Field.bytes("smb2.header.transform.reserved", "Reserved");
  public static final Field TRANSFORM_FLAGS = Field.u16("smb2.header.transform.flags", "Flags").hex();
  public static final Field TRANSFORM_ENCRYPTED = Field.bool("smb2.header.transform.flags.encrypted", "Encrypted")
      .mask(0x1, 16);
  public static final Field TRANSFORM_ENC_DATA = Field.bytes("smb2.header.transform.enc_data", "Encrypted data");

  public Smb2Dissector() {
    super("smb2", "SMB2 (Server Message Block Protocol version 2)", "SMB2");
  }

  /** A request waiting for its response, and what the response's Info and pipe hand-off need. */
  private static final class Pending {
    long frame;
    long nanos;
    String file;
    String fidKey;
    String detail;
    String tree;
  }

  /** A tree the capture connected: its path, share type and the response's frame. */
  private static final class TreeInfo {
    String path;
    int shareType;
    long frame;
  }

  private static final class Session {
    final Map<Long, Pending> pending = new HashMap<>();
    final Map<String, String> files = new HashMap<>();
    final Map<Long, TreeInfo> trees = new HashMap<>();
    /** Per session ID, the frame tshark names as "Authenticated in" (0: not yet). */
    final Map<Long, Long> authFrames = new HashMap<>();
  }

  /** What the walk needs that earlier packets told. */
  static final class Meta {
    long responseTo;
    long nanos;
    String file; // the name of the file the command works on, or null
    String fidKey;
    String detail; // the request's part of Info that a response repeats (Find's level and pattern)
    TreeInfo tree;
    long authFrame;
    int off; // the command's place in the layer
    int len;
    int rpcOff = -1; // read or written data, relative to the command
    int rpcLen;
    boolean rpc; // whether the data is DCE/RPC
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    if (end - s >= 52 && (b[s] & 0xff) == 0xfd) {
      // SMB3 transform header: encrypted, nothing to hand on; its session's authentication frame
      Session ses = PerStream.ofTcp(d, this, Transport.find(d, layer), Session::new);
      Meta meta = new Meta();
      meta.authFrame = ses.authFrames.getOrDefault(Bytes.u64le(b, s + 44), 0L);
      d.attach(layer, new Meta[] {meta});
      return null;
    }
    if (end - s < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    Session ses = PerStream.ofTcp(d, this, Transport.find(d, layer), Session::new);
    java.util.List<Meta> chain = new java.util.ArrayList<>();
    int rpcAt = -1;
    int rpcLen = 0;
    boolean rpc = false;
    // A compound's commands (next command offsets) stay in this one layer, as tshark lists smb2
    // once per NBSS message in frame.protocols.
    for (int at = s; at + HEADER <= end && chain.size() < 64; ) {
      int next = (int) Bytes.u32le(b, at + 20);
      int msgEnd = next >= HEADER && at + next < end ? at + next : end;
      Meta meta = command(d, ses, b, at, msgEnd);
      blobNotes(d, layer, b, at, msgEnd);
      meta.off = at - s;
      meta.len = msgEnd - at;
      chain.add(meta);
      if (rpcAt < 0 && meta.rpcLen > 0) {
        rpcAt = at + meta.rpcOff;
        rpcLen = meta.rpcLen;
        rpc = meta.rpc;
      }
      if (msgEnd == end) {
        break;
      }
      at = msgEnd;
    }
    d.attach(layer, chain.toArray(new Meta[0]));
    if (rpcAt >= 0) {
      // a pipe's DCE/RPC, else the file's bytes as data, as tshark shows them
      d.payload(rpcAt, rpcAt + rpcLen);
      return rpc ? d.protocols().byName("dcerpc") : null;
    }
    d.payload(end, end);
    return null;
  }

  /** The first pass over one command at absolute {@code s}: request/response state, and its pipe data. */
  private Meta command(Dissection d, Session ses, byte[] b, int s, int msgEnd) {
    int cmd = Bytes.u16le(b, s + 12);
    long flags = Bytes.u32le(b, s + 16);
    boolean response = (flags & 1) != 0;
    long msgId = Bytes.u64le(b, s + 24);
    Meta meta = new Meta();
    int body = s + HEADER;
    String fid = fidAt(b, cmd, response, body, msgEnd);
    long sesId = Bytes.u64le(b, s + 40);
    long tid = Bytes.u32le(b, s + 36);
    long status = Bytes.u32le(b, s + 8);
    if ((flags & 2) == 0) {
      meta.tree = ses.trees.get(tid);
    }
    meta.authFrame = ses.authFrames.getOrDefault(sesId, 0L);
    if (cmd == SESSION_SETUP && sesId != 0 && (!response || status == 0)) {
      ses.authFrames.put(sesId, d.number());
    }
    if (!response) {
      Pending p = new Pending();
      p.frame = d.number();
      p.nanos = d.timestampNanos();
      if (cmd == CREATE && body + 48 <= msgEnd) {
        p.file = name(b, s + Bytes.u16le(b, body + 44), Bytes.u16le(b, body + 46), msgEnd);
        meta.file = p.file;
      } else if (fid != null) {
        p.fidKey = fid;
        meta.fidKey = fid;
        meta.file = ses.files.get(fid);
        p.file = meta.file;
      }
      if (cmd == TREE_CONNECT && body + 8 <= msgEnd) {
        p.tree = name(b, s + Bytes.u16le(b, body + 4), Bytes.u16le(b, body + 6), msgEnd);
      }
      if (cmd == FIND && body + 28 <= msgEnd) {
        p.detail = " " + FIND_LEVELS.getOrDefault((long) (b[body + 2] & 0xff), "Unknown") + " Pattern: "
            + name(b, s + Bytes.u16le(b, body + 24), Bytes.u16le(b, body + 26), msgEnd);
        meta.detail = p.detail;
      }
      if ((flags & 2) == 0) {
        ses.pending.put(msgId, p);
      }
    } else {
      Pending p = ses.pending.get(msgId);
      if (p != null) {
        if (status != 0x103) {
          ses.pending.remove(msgId); // an interim STATUS_PENDING answer keeps the request for the final one
        }
        meta.responseTo = p.frame;
        meta.nanos = d.timestampNanos() - p.nanos;
        meta.file = p.file;
        meta.fidKey = p.fidKey;
        meta.detail = p.detail;
      }
      if (cmd == TREE_CONNECT && status == 0 && p != null && p.tree != null && body + 3 <= msgEnd) {
        TreeInfo tree = new TreeInfo();
        tree.path = p.tree;
        tree.shareType = b[body + 2] & 0xff;
        tree.frame = d.number();
        ses.trees.put(tid, tree);
      }
      if (cmd == CREATE && fid != null && p != null && p.file != null) {
        ses.files.put(fid, p.file);
        meta.fidKey = fid;
      }
    }
    // The data of a pipe's read, write or transceive goes to DCE/RPC.
    int dataAt = -1;
    int dataLen = 0;
    if (cmd == WRITE && !response && body + 16 <= msgEnd) {
      dataAt = s + Bytes.u16le(b, body + 2);
      dataLen = (int) Bytes.u32le(b, body + 4);
    } else if (cmd == READ && response && body + 8 <= msgEnd) {
      dataAt = s + (b[body + 2] & 0xff);
      dataLen = (int) Bytes.u32le(b, body + 4);
    } else if (cmd == IOCTL && body + 40 <= msgEnd && Bytes.u32le(b, body + 4) == PIPE_TRANSCEIVE) {
      int at = response ? body + 32 : body + 24;
      dataAt = s + (int) Bytes.u32le(b, at);
      dataLen = (int) Bytes.u32le(b, at + 4);
    }
    if (dataLen > 0 && dataAt >= body && dataAt + dataLen <= msgEnd) {
      meta.rpcOff = dataAt - s;
      meta.rpcLen = dataLen;
      meta.rpc = DcerpcDissector.looksLikeHeader(b, dataAt, dataLen);
    }
    return meta;
  }

  /** The file ID (as tshark's GUID text) the command names, or null. */
  private static String fidAt(byte[] b, int cmd, boolean response, int body, int end) {
    int at;
    switch (cmd) {
      case CREATE: at = response ? body + 64 : -1; break;
      case CLOSE: at = response ? -1 : body + 8; break;
      case READ:
      case WRITE: at = response ? -1 : body + 16; break;
      case IOCTL: at = body + 8; break;
      case FIND: at = response ? -1 : body + 8; break;
      case GETINFO: at = response ? -1 : body + 24; break;
      case SETINFO: at = response ? -1 : body + 16; break;
      case 7: at = response ? -1 : body + 8; break; // Flush
      case 15: at = response ? -1 : body + 8; break; // Notify
      default: at = -1;
    }
    if (at < 0 || at + 16 > end) {
      return null;
    }
    return guid(b, at);
  }

  /** 16 bytes as tshark shows a GUID (its first three groups little-endian). */
  static String guid(byte[] b, int at) {
    return DcerpcDissector.uuid(b, at, true);
  }

  private static String name(byte[] b, int at, int len, int end) {
    StringBuilder sb = new StringBuilder();
    for (int p = at; p + 1 < Math.min(end, at + len); p += 2) {
      sb.append((char) Bytes.u16le(b, p));
    }
    return sb.toString();
  }

  /** The DCE/RPC pipe key of a layer of this protocol (its file ID hashed), or -1. */
  static int pipe(Dissection d, int layer) {
    Object a = d.attachment(layer);
    if (a instanceof Meta[]) {
      for (Meta m : (Meta[]) a) {
        if (m.rpcLen > 0 && m.rpc) {
          return m.fidKey == null ? -1 : m.fidKey.hashCode() & 0x7fffffff;
        }
      }
    }
    return -1;
  }

  /** Several PDUs in one layer show as protocol items of their own. */
  @Override
  public boolean severalProtocolItems() {
    return true;
  }

  @Override
  public void fields(Tree t) {
    if (t.has(0, 4) && t.u8(0) == 0xfd) {
      transform(t);
      return;
    }
    Meta[] chain = t.attachment() instanceof Meta[] ? (Meta[]) t.attachment() : new Meta[0];
    for (int k = 0; k < chain.length; k++) {
      if (k > 0) {
        // tshark shows each command of a compound under a protocol item of its own
        t.nextProtocolItem(protocolField(), chain[k].off, chain[k].len, longName());
      }
      command(t, chain[k], chain[k].off);
    }
  }

  private static void command(Tree t, Meta meta, int o) {
    if (!t.has(o, HEADER)) {
      return;
    }
    long flags = t.u32le(o + 16);
    boolean response = (flags & 1) != 0;
    int cmd = t.u16le(o + 12);
    t.text(o, HEADER, "SMB2 Header");
    t.enter();
    t.uint(PROTOCOL_ID, o + 0, 4);
    t.uintle(HEADER_LEN, o + 4, 2);
    t.uintle(CREDIT_CHARGE, o + 6, 2);
    if (response) {
      t.uintle(NT_STATUS, o + 8, 4);
    } else {
      t.uintle(CHANNEL_SEQUENCE, o + 8, 2);
      t.bytes(RESERVED, o + 10, 2);
    }
    t.uintle(CMD, o + 12, 2);
    t.uintle(response ? CREDITS_GRANTED : CREDITS_REQUESTED, o + 14, 2);
    t.uintle(FLAGS, o + 16, 4);
    t.enter();
    for (Field f : new Field[] {FLAG_REPLAY, FLAG_DFS, FLAG_PRIORITY, FLAG_SIGNATURE, FLAG_CHAINED, FLAG_ASYNC,
        FLAG_RESPONSE}) {
      t.uintle(f, o + 16, 4);
    }
    t.exit();
    t.uintle(CHAIN_OFFSET, o + 20, 4);
    t.number(MSG_ID, o + 24, 8, Bytes.u64le(t.data(), t.start() + o + 24));
    if ((flags & 2) != 0) {
      t.number(AID, o + 32, 8, Bytes.u64le(t.data(), t.start() + o + 32));
    } else {
      t.uintle(PID, o + 32, 4);
      t.uintle(TID, o + 36, 4);
      if (meta.tree != null) {
        t.enter();
        t.generatedObject(TREE, meta.tree.path);
        t.generated(SHARE_TYPE, meta.tree.shareType);
        t.generated(TCON_FRAME, meta.tree.frame);
        t.exit();
      }
    }
    t.number(SESID, o + 40, 8, Bytes.u64le(t.data(), t.start() + o + 40));
    if (meta.authFrame != 0) {
      t.enter();
      t.generated(AUTH_FRAME, meta.authFrame);
      t.exit();
    }
    t.bytes(SIGNATURE, o + 48, 16);
    if (meta.responseTo != 0) {
      t.generated(RESPONSE_TO, meta.responseTo);
      t.generated(TIME, meta.nanos);
    }
    t.exit();
    int body = o + HEADER;
    t.text(body, meta.len - HEADER, COMMANDS.getOrDefault((long) cmd, "Unknown") + (response ? " Response" : " Request")
        + String.format(" (0x%02x)", cmd));
    t.enter();
    int bc = t.u16le(body);
    t.uintle(BUFFER_CODE, body, 2);
    t.enter();
    t.uintle(BUFFER_CODE_LENGTH, body, 2);
    t.uintle(BUFFER_CODE_DYNAMIC, body, 2);
    t.exit();
    boolean error = response && t.u32le(o + 8) != 0 && bc == 9 && cmd != SESSION_SETUP;
    if (!error) {
      switch (cmd) {
        case NEGOTIATE:
          if (response && t.has(body + 64, 0)) {
            blob(t, o + t.u16le(body + 56), t.u16le(body + 58));
          }
          break;
        case SESSION_SETUP:
          if (response) {
            blob(t, o + t.u16le(body + 4), t.u16le(body + 6));
          } else {
            blob(t, o + t.u16le(body + 12), t.u16le(body + 14));
          }
          break;
        case TREE_CONNECT:
          if (!response && t.has(body + 8, 0)) {
            int off = o + t.u16le(body + 4);
            int len = t.u16le(body + 6);
            if (t.has(off, len)) {
              t.object(TREE, off, len, name(t.data(), t.start() + off, len, t.start() + t.length()));
            }
          } else if (response) {
            t.uint(SHARE_TYPE, body + 2, 1);
            t.bytes(RESERVED, body + 3, 1);
            SmbDissector.bitsLe(t, SmbDissector.ACCESS_MASK, SmbDissector.ACCESS_BITS, body + 12);
          }
          break;
        case CREATE:
          if (!response && t.has(body + 48, 0)) {
            SmbDissector.bitsLe(t, SmbDissector.ACCESS_MASK, SmbDissector.ACCESS_BITS, body + 24);
            SmbDissector.bitsLe(t, SmbDissector.SHARE_ACCESS, SmbDissector.SHARE_BITS, body + 32);
            SmbDissector.bitsLe(t, SmbDissector.CREATE_OPTIONS, SmbDissector.OPTION_BITS, body + 40);
            int off = o + t.u16le(body + 44);
            int len = t.u16le(body + 46);
            if (len > 0 && t.has(off, len)) {
              t.object(FILENAME, off, len, name(t.data(), t.start() + off, len, t.start() + t.length()));
            }
          } else if (response && t.has(body + 80, 0)) {
            fid(t, body + 64);
          }
          break;
        case CLOSE:
        case 7:
        case 15:
        case FIND:
          if (!response) {
            fid(t, body + 8);
          } else if (cmd == CLOSE) {
            t.bytes(RESERVED, body + 4, 4);
          }
          break;
        case READ:
        case WRITE:
          if (!response) {
            fid(t, body + 16);
          } else if (cmd == WRITE) {
            t.bytes(RESERVED, body + 2, 2);
          }
          break;
        case IOCTL:
          fid(t, body + 8);
          if (response) {
            t.uintle(FLAGS, body + 40, 4); // tshark shows the response's flags under smb2.flags
          }
          break;
        case GETINFO:
          if (!response) {
            fid(t, body + 24);
          }
          break;
        case SETINFO:
          if (!response) {
            fid(t, body + 16);
          }
          break;
        default:
          break;
      }
    }
    t.exit();
  }

  private static void fid(Tree t, int at) {
    if (t.has(at, 16)) {
      t.object(FID, at, 16, guid(t.data(), t.start() + at));
    }
  }

  private static void blob(Tree t, int off, int len) {
    if (len > 0 && t.has(off, len)) {
      t.bytes(SECURITY_BLOB, off, len);
      t.enter();
      SpnegoDissector.blob(t, off, len); // GSS-API/SPNEGO and the Kerberos or NTLMSSP token in it
      t.exit();
    }
  }

  /**
   * The first-pass half of the security blobs of the command at absolute {@code s}: the notes of
   * the SPNEGO and Kerberos messages in a negotiate response's or session setup's blob.
   */
  private static void blobNotes(Dissection d, int layer, byte[] b, int s, int msgEnd) {
    int cmd = Bytes.u16le(b, s + 12);
    boolean response = (Bytes.u32le(b, s + 16) & 1) != 0;
    int body = s + HEADER;
    int offField;
    if (cmd == NEGOTIATE && response) {
      offField = body + 56;
    } else if (cmd == SESSION_SETUP) {
      offField = response ? body + 4 : body + 12;
    } else {
      return;
    }
    if (cmd != SESSION_SETUP && Bytes.u32le(b, s + 8) != 0) {
      return;
    }
    if (offField + 4 > msgEnd) {
      return;
    }
    int from = s + Bytes.u16le(b, offField);
    int to = from + Bytes.u16le(b, offField + 2);
    if (from >= body && to > from && to <= msgEnd) {
      SpnegoDissector.notes(d, layer, from, to);
    }
  }

  private static void transform(Tree t) {
    t.uint(PROTOCOL_ID, 0, 4);
    t.bytes(TRANSFORM_SIGNATURE, 4, 16);
    t.bytes(TRANSFORM_NONCE, 20, 16);
    t.uintle(TRANSFORM_MSG_SIZE, 36, 4);
    t.bytes(TRANSFORM_RESERVED, 40, 2);
    t.uintle(TRANSFORM_FLAGS, 42, 2);
    t.enter();
    t.uintle(TRANSFORM_ENCRYPTED, 42, 2);
    t.exit();
    t.number(SESID, 44, 8, t.has(44, 8) ? Bytes.u64le(t.data(), t.start() + 44) : 0);
    Meta meta = t.attachment() instanceof Meta[] && ((Meta[]) t.attachment()).length == 1
        ? ((Meta[]) t.attachment())[0] : null;
    if (meta != null && meta.authFrame != 0) {
      t.enter();
      t.generated(AUTH_FRAME, meta.authFrame);
      t.exit();
    }
    if (t.length() > 52) {
      t.bytes(TRANSFORM_ENC_DATA, 52, t.length() - 52);
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (t.has(0, 4) && t.u8(0) == 0xfd) {
      c.setInfo("Encrypted SMB3");
      return;
    }
    Meta[] chain = t.attachment() instanceof Meta[] ? (Meta[]) t.attachment() : new Meta[0];
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < chain.length; k++) {
      if (k > 0) {
        sb.append(';');
      }
      sb.append(info(t, chain[k], chain[k].off));
    }
    c.setInfo(sb.toString());
  }

  private static String info(Tree t, Meta meta, int o) {
    if (!t.has(o, HEADER)) {
      return "";
    }
    boolean response = (t.u32le(o + 16) & 1) != 0;
    int cmd = t.u16le(o + 12);
    StringBuilder sb = new StringBuilder(COMMANDS.getOrDefault((long) cmd, "Unknown"))
        .append(response ? " Response" : " Request");
    long status = t.u32le(o + 8);
    int body = o + HEADER;
    if (cmd == 18) {
      int bc = t.u16le(body);
      sb.setLength(0);
      sb.append(bc == 0x2c ? "Lease Break Notification" : bc == 0x24 ? (response ? "Lease Break Response"
          : "Lease Break Acknowledgment") : response ? "Break Response" : "Break Request");
    }
    if (response && status != 0) {
      sb.append(", Error: ").append(SmbDissector.NT_STATUS.getOrDefault(status, String.format("Unknown (0x%08x)",
          status)));
      if (t.u16le(o + HEADER) == 9) {
        if (cmd == FIND && meta.detail != null) {
          sb.append(meta.detail);
        }
        return sb.toString();
      }
    }
    String file = meta.file;
    switch (cmd) {
      case FIND:
        if (!response) {
          appendFile(sb, file);
        }
        if (meta.detail != null) {
          sb.append(meta.detail);
        }
        break;
      case GETINFO:
      case SETINFO:
        if (!response && t.has(body + 4, 0)) {
          int cls = t.u8(body + 2);
          int level = t.u8(body + 3);
          String lv = cls == 1 ? FILE_LEVELS.get((long) level) : cls == 2 ? FS_LEVELS.get((long) level)
              : cls == 3 ? String.format("SMB2_SEC_INFO_%02x", level) : null;
          sb.append(' ').append(CLASSES.getOrDefault((long) cls, "Unknown")).append('/')
              .append(lv != null ? lv : String.format("Unknown (0x%02x)", level));
          appendFile(sb, file);
        }
        break;
      case IOCTL:
        if (t.has(body + 8, 0)) {
          long fn = t.u32le(body + 4);
          sb.append(' ').append(IOCTLS.getOrDefault(fn, String.format("Unknown (0x%08x)", fn)));
        }
        break;
      case CREATE:
        if (file != null) {
          sb.append(" File: ").append(file);
        }
        break;
      case TREE_CONNECT:
        if (!response && t.has(body + 8, 0)) {
          int off = o + t.u16le(body + 4);
          int len = t.u16le(body + 6);
          sb.append(" Tree: ").append(name(t.data(), t.start() + off, len, t.start() + t.length()));
        }
        break;
      case READ:
      case WRITE:
        if (!response && t.has(body + 16, 0)) {
          sb.append(" Len:").append(t.u32le(body + 4)).append(" Off:")
              .append(Bytes.u64le(t.data(), t.start() + body + 8));
          appendFile(sb, file);
        }
        break;
      case CLOSE:
      case 7:
      case 15:
        if (!response) {
          appendFile(sb, file);
        }
        break;
      default:
        break;
    }
    return sb.toString();
  }

  private static void appendFile(StringBuilder sb, String file) {
    if (file != null) {
      sb.append(" File: ").append(file);
    }
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Base;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SMB version 1 ([MS-CIFS], [MS-SMB]; tshark's {@code smb}) in an NBSS session message: the
 * 32-byte header (command, NT status or DOS error, flags, tree/process/user/multiplex IDs), the
 * word and byte blocks, and the commands seen on the corpus: Negotiate, NT Create AndX, Close,
 * Read AndX, Transaction (named pipes, whose data goes to DCE/RPC as tshark's {@code smb_pipe}
 * does), Trans2 (Info only), Tree Disconnect and Logoff AndX. A response finds its request by
 * multiplex and process ID within the TCP stream; files are followed by FID from the NT Create
 * AndX that opened them (the generated "[Opened in]" subtree tshark repeats under each FID).
 *
 * <pre>
 * +--------+-----+-----------+-------+--------+---------+---------+-------+-----+-----+-----+-----+
 * | ff SMB | cmd | status(4) | flags | flags2 | pid hi  | sign(8) | rsv 2 | tid | pid | uid | mid |
 * +--------+-----+-----------+-------+--------+---------+---------+-------+-----+-----+-----+-----+
 * | wct | words (2 * wct) | bcc | bytes (bcc) ...           integers little-endian
 * </pre>
 */
public final class SmbDissector extends Dissector {
  static final int HEADER = 32;

  static final int CLOSE = 0x04;
  static final int TRANS = 0x25;
  static final int READ_ANDX = 0x2e;
  static final int TRANS2 = 0x32;
  static final int TREE_DISCONNECT = 0x71;
  static final int NEGOTIATE = 0x72;
  static final int LOGOFF_ANDX = 0x74;
  static final int NT_CREATE_ANDX = 0xa2;

  private static final Map<Long, String> COMMANDS = ValueNames.parse(
      "0x00=Create Directory|0x01=Delete Directory|0x02=Open|0x03=Create|0x04=Close|0x05=Flush|0x06=Delete|"
          + "0x07=Rename|0x08=Query Information|0x09=Set Information|0x0a=Read|0x0b=Write|0x24=Locking AndX|"
          + "0x25=Trans|0x26=Trans Secondary|0x2b=Echo|0x2d=Open AndX|0x2e=Read AndX|0x2f=Write AndX|"
          + "0x32=Trans2|0x33=Trans2 Secondary|0x34=Find Close2|0x70=Tree Connect|0x71=Tree Disconnect|"
          + "0x72=Negotiate Protocol|0x73=Session Setup AndX|0x74=Logoff AndX|0x75=Tree Connect AndX|"
          + "0xa0=NT Trans|0xa1=NT Trans Secondary|0xa2=NT Create AndX|0xa4=NT Cancel|0xff=No further commands");
  /** NT status names tshark prints (those the corpus shows, and the common ones). */
  static final Map<Long, String> NT_STATUS = ValueNames.parse(
      "0x00000000=STATUS_SUCCESS|0x00000103=STATUS_PENDING|0x0000010b=STATUS_NOTIFY_CLEANUP|"
          + "0x0000010c=STATUS_NOTIFY_ENUM_DIR|0x80000005=STATUS_BUFFER_OVERFLOW|0x80000006=STATUS_NO_MORE_FILES|"
          + "0xc0000001=STATUS_UNSUCCESSFUL|0xc0000002=STATUS_NOT_IMPLEMENTED|0xc0000003=STATUS_INVALID_INFO_CLASS|"
          + "0xc000000d=STATUS_INVALID_PARAMETER|0xc0000128=STATUS_FILE_CLOSED|0xc000000f=STATUS_NO_SUCH_FILE|0xc0000010=STATUS_INVALID_DEVICE_REQUEST|"
          + "0xc0000011=STATUS_END_OF_FILE|0xc0000016=STATUS_MORE_PROCESSING_REQUIRED|0xc0000022=STATUS_ACCESS_DENIED|"
          + "0xc0000023=STATUS_BUFFER_TOO_SMALL|0xc0000033=STATUS_OBJECT_NAME_INVALID|"
          + "0xc0000034=STATUS_OBJECT_NAME_NOT_FOUND|0xc0000035=STATUS_OBJECT_NAME_COLLISION|"
          + "0xc000003a=STATUS_OBJECT_PATH_NOT_FOUND|0xc0000043=STATUS_SHARING_VIOLATION|"
          + "0xc000006d=STATUS_LOGON_FAILURE|0xc00000ba=STATUS_FILE_IS_A_DIRECTORY|0xc00000bb=STATUS_NOT_SUPPORTED|"
          + "0xc00000cc=STATUS_BAD_NETWORK_NAME|0xc0000101=STATUS_DIRECTORY_NOT_EMPTY|0xc0000120=STATUS_CANCELLED|"
          + "0xc000014b=STATUS_PIPE_BROKEN|0xc0000184=STATUS_INVALID_DEVICE_STATE|0xc0000225=STATUS_NOT_FOUND|"
          + "0xc0000257=STATUS_PATH_NOT_COVERED|0xc0000203=STATUS_USER_SESSION_DELETED|"
          + "0xc000019c=STATUS_FS_DRIVER_REQUIRED|0xc00000b5=STATUS_IO_TIMEOUT|0xc00000c9=STATUS_NETWORK_NAME_DELETED");
  private static final Map<Long, String> TRANS2_CMDS = ValueNames.parse(
      "0x00=OPEN2|0x01=FIND_FIRST2|0x02=FIND_NEXT2|0x03=QUERY_FS_INFORMATION|0x04=SET_FS_INFORMATION|"
          + "0x05=QUERY_PATH_INFO|0x06=SET_PATH_INFO|0x07=QUERY_FILE_INFO|0x08=SET_FILE_INFO|0x09=FSCTL|"
          + "0x0a=IOCTL2|0x0b=FIND_NOTIFY_FIRST|0x0c=FIND_NOTIFY_NEXT|0x0d=CREATE_DIRECTORY|"
          + "0x0e=SESSION_SETUP|0x10=GET_DFS_REFERRAL|0x11=REPORT_DFS_INCONSISTENCY");
  private static final Map<Long, String> QPI_LEVELS = ValueNames.parse(
      "1=Info Standard|2=Info Query EA Size|3=Info Query EAs From List|4=Info Query All EAs|6=Info Is Name Valid|"
          + "257=Query File Basic Info|258=Query File Standard Info|259=Query File EA Info|260=Query File Name Info|"
          + "263=Query File All Info|264=Query File Alt Name Info|265=Query File Stream Info|"
          + "267=Query File Compression Info|1004=Query File Basic Info|1005=Query File Standard Info|"
          + "1006=Query File Internal Info|1007=Query File EA Info|1009=Query File Name Info|"
          + "1018=Query File All Info|1021=Query File Alt Name Info|1022=Query File Stream Info|"
          + "1028=Query File Compression Info|1034=Query File Network Open Info|1035=Query File Attribute Tag Info");
  private static final Map<Long, String> PIPE_FUNCTIONS = ValueNames.parse(
      "0x0001=SetNmpHandState|0x0011=RawReadNmPipe|0x0021=QNmPHandState|0x0022=QNmPipeInfo|0x0023=PeekNmPipe|"
          + "0x0026=TransactNmPipe|0x0031=RawWriteNmPipe|0x0036=ReadNmPipe|0x0037=WriteNmPipe|0x0053=WaitNmPipe|"
          + "0x0054=CallNmPipe");
  private static final Map<Long, String> DISPOSITIONS = ValueNames.parse(
      "0=Supersede (supersede existing file (if it exists))|1=Open (if file exists open it, else fail)|"
          + "2=Create (if file exists fail, else create it)|3=Open If (if file exists open it, else create it)|"
          + "4=Overwrite (if file exists overwrite, else fail)|5=Overwrite If (if file exists overwrite, else create it)");
  private static final Map<Long, String> CREATE_ACTIONS = ValueNames.parse(
      "0=The file existed and was superseded|1=The file existed and was opened|2=The file did not exist but was created|"
          + "3=The file existed and was truncated");
  private static final Map<Long, String> IMPERSONATION = ValueNames.parse(
      "0=Anonymous|1=Identification|2=Impersonation|3=Delegation");
  private static final Map<Long, String> OPLOCK_LEVELS = ValueNames.parse(
      "0=No oplock granted|1=Exclusive oplock granted|2=Batch oplock granted|3=Level II oplock granted");
  private static final Map<Long, String> FILE_TYPES = ValueNames.parse(
      "0=Disk file or directory|1=Named pipe in byte mode|2=Named pipe in message mode|3=Printer Device|"
          + "4=Character Device|65535=Unknown");

  public static final Field SERVER_COMPONENT = Field.u32("smb.server_component", "Server Component").hex();
  public static final Field RESPONSE_TO = Field.frameNum("smb.response_to", "Response to").generated();
  public static final Field TIME = Field.of("smb.time", "Time from request", FieldType.RELATIVE_TIME).generated();
  public static final Field CMD = Field.u8("smb.cmd", "SMB Command").hex().labels(COMMANDS);
  public static final Field NT_STATUS_F = Field.u32("smb.nt_status", "NT Status").hex().labels(NT_STATUS);
  public static final Field ERROR_CLASS = Field.u8("smb.error_class", "Error Class").hex();
  public static final Field RESERVED = Field.bytes("smb.reserved", "Reserved");
  public static final Field ERROR_CODE = Field.u16("smb.error_code", "Error Code").hex();
  public static final Field FLAGS = Field.u8("smb.flags", "Flags").hex();
  public static final Field FLAGS_RESPONSE = Field.bool("smb.flags.response", "Request/Response").mask(0x80, 8);
  public static final Field FLAGS_NOTIFY = Field.bool("smb.flags.notify", "Notify").mask(0x40, 8);
  public static final Field FLAGS_OPLOCK = Field.bool("smb.flags.oplock", "Oplocks").mask(0x20, 8);
  public static final Field FLAGS_CANON = Field.bool("smb.flags.canon", "Canonicalized Pathnames").mask(0x10, 8);
  public static final Field FLAGS_CASELESS = Field.bool("smb.flags.caseless", "Case Sensitivity").mask(0x08, 8);
  public static final Field FLAGS_RECEIVE_BUFFER = Field.bool("smb.flags.receive_buffer", "Receive Buffer Posted")
      .mask(0x02, 8);
  public static final Field FLAGS_LOCK = Field.bool("smb.flags.lock", "Lock and Read").mask(0x01, 8);
  public static final Field FLAGS2 = Field.u16("smb.flags2", "Flags2").hex();
  public static final Field F2_STRING = Field.bool("smb.flags2.string", "Unicode Strings").mask(0x8000, 16);
  public static final Field F2_NT_ERROR = Field.bool("smb.flags2.nt_error", "Error Code Type").mask(0x4000, 16);
  public static final Field F2_ROE = Field.bool("smb.flags2.roe", "Execute-only Reads").mask(0x2000, 16);
  public static final Field F2_DFS = Field.bool("smb.flags2.dfs", "Dfs").mask(0x1000, 16);
  public static final Field F2_ESN = Field.bool("smb.flags2.esn", "Extended Security Negotiation").mask(0x0800, 16);
  public static final Field F2_REPARSE = Field.bool("smb.flags2.reparse_path", "Reparse Path").mask(0x0400, 16);
  public static final Field F2_LONG_USED = Field.bool("smb.flags2.long_names_used", "Long Names Used").mask(0x40, 16);
  public static final Field F2_SIG_REQUIRED = Field.bool("smb.flags2.sec_sig_required",
      "Security Signatures Required").mask(0x10, 16);
  public static final Field F2_COMPRESSED = Field.bool("smb.flags2.compressed", "Compressed").mask(0x08, 16);
  public static final Field F2_SEC_SIG = Field.bool("smb.flags2.sec_sig", "Security Signatures").mask(0x04, 16);
  public static final Field F2_EA = Field.bool("smb.flags2.ea", "Extended Attributes").mask(0x02, 16);
  public static final Field F2_LONG_ALLOWED = Field.bool("smb.flags2.long_names_allowed", "Long Names Allowed")
      .mask(0x01, 16);
  public static final Field PID_HIGH = Field.u16("smb.pid.high", "Process ID High");
  public static final Field SIGNATURE = Field.bytes("smb.signature", "Signature");
  public static final Field TID = Field.u16("smb.tid", "Tree ID");
  public static final Field PID = Field.u16("smb.pid", "Process ID");
  public static final Field UID = Field.u16("smb.uid", "User ID");
  public static final Field MID = Field.u16("smb.mid", "Multiplex ID");
  public static final Field WCT = Field.u8("smb.wct", "Word Count (WCT)");
  public static final Field BCC = Field.u16("smb.bcc", "Byte Count (BCC)");
  public static final Field ANDXOFFSET = Field.u16("smb.andxoffset", "AndXOffset");
  public static final Field BUFFER_FORMAT = Field.u8("smb.buffer_format", "Buffer Format");
  public static final Field DIALECT = Field.string("smb.dialect", "Dialect");
  public static final Field DIALECT_NAME = Field.string("smb.dialect.name", "Name");
  public static final Field FID = Field.u16("smb.fid", "FID").hex();
  public static final Field OPENED_IN = Field.frameNum("smb.fid.opened_in", "Opened in").generated();
  public static final Field CLOSED_IN = Field.frameNum("smb.fid.closed_in", "Closed in").generated();
  public static final Field FILE = Field.string("smb.file", "File Name");
  public static final Field FILE_NAME_LEN = Field.u16("smb.file_name_len", "File Name Len");
  public static final Field CREATE_FLAGS = Field.u32("smb.create_flags", "Create Flags").hex();
  public static final Field CF_OPLOCK = Field.bool("smb.nt.create.oplock", "Exclusive Oplock").mask(0x2, 32);
  public static final Field CF_BATCH = Field.bool("smb.nt.create.batch_oplock", "Batch Oplock").mask(0x4, 32);
  public static final Field CF_DIR = Field.bool("smb.nt.create.dir", "Create Directory").mask(0x8, 32);
  public static final Field CF_EXT = Field.bool("smb.nt.create.ext", "Extended Response").mask(0x10, 32);
  public static final Field RFID = Field.u32("smb.rfid", "Root FID").hex();
  public static final Field ACCESS_MASK = Field.u32("smb.access_mask", "Access Mask").hex();
  static final Field[] ACCESS_BITS = bits(32, "smb.access.",
      "generic_read:Generic Read:0x80000000", "generic_write:Generic Write:0x40000000",
      "generic_execute:Generic Execute:0x20000000", "generic_all:Generic All:0x10000000",
      "maximum_allowed:Maximum Allowed:0x2000000", "system_security:System Security:0x1000000",
      "synchronize:Synchronize:0x100000", "write_owner:Write Owner:0x80000", "write_dac:Write DAC:0x40000",
      "read_control:Read Control:0x20000", "delete:Delete:0x10000", "write_attributes:Write Attributes:0x100",
      "read_attributes:Read Attributes:0x80", "delete_child:Delete Child:0x40", "execute:Execute:0x20",
      "write_ea:Write EA:0x10", "read_ea:Read EA:0x8", "append:Append:0x4", "write:Write:0x2", "read:Read:0x1");
  public static final Field ALLOC_SIZE64 = Field.u64("smb.alloc_size64", "Allocation Size");
  public static final Field FILE_ATTRIBUTE = Field.u32("smb.file_attribute", "File Attributes").hex();
  static final Field[] ATTRIBUTE_BITS = bits(32, "smb.file_attribute.",
      "read_only:Read Only:0x1", "hidden:Hidden:0x2", "system:System:0x4", "volume:Volume ID:0x8",
      "directory:Directory:0x10", "archive:Archive:0x20", "device:Device:0x40", "normal:Normal:0x80",
      "temporary:Temporary:0x100", "sparse:Sparse:0x200", "reparse:Reparse Point:0x400",
      "compressed:Compressed:0x800", "offline:Offline:0x1000", "not_content_indexed:Content Indexed:0x2000",
      "encrypted:Encrypted:0x4000");
  public static final Field SHARE_ACCESS = Field.u32("smb.share_access", "Share Access").hex();
  static final Field[] SHARE_BITS = bits(32, "smb.share.access.", "read:Read:0x1", "write:Write:0x2",
      "delete:Delete:0x4");
  public static final Field DISPOSITION = Field.u32("smb.create.disposition", "Disposition").labels(DISPOSITIONS);
  public static final Field CREATE_OPTIONS = Field.u32("smb.create_options", "Create Options").hex();
  static final Field[] OPTION_BITS = bits(32, "smb.nt.create_options.",
      "directory:Directory:0x1", "write_through:Write Through:0x2", "sequential_only:Sequential Only:0x4",
      "intermediate_buffering:Intermediate Buffering:0x8", "sync_io_alert:Sync I/O Alert:0x10",
      "sync_io_nonalert:Sync I/O Nonalert:0x20", "non_directory:Non-Directory:0x40",
      "create_tree_connection:Create Tree Connection:0x80", "complete_if_oplocked:Complete If Oplocked:0x100",
      "no_ea_knowledge:No EA Knowledge:0x200", "eight_dot_three_only:8.3 Only:0x400",
      "random_access:Random Access:0x800", "delete_on_close:Delete On Close:0x1000",
      "open_by_fileid:Open By FileID:0x2000", "backup_intent:Backup Intent:0x4000",
      "no_compression:No Compression:0x8000", "reserve_opfilter:Reserve Opfilter:0x100000",
      "open_reparse_point:Open Reparse Point:0x200000", "open_no_recall:Open No Recall:0x400000",
      "open_for_free_space_query:Open For Free Space query:0x800000");
  public static final Field IMPERSONATION_LEVEL = Field.u32("smb.impersonation.level", "Impersonation")
      .labels(IMPERSONATION);
  public static final Field SECURITY_FLAGS = Field.u8("smb.security.flags", "Security Flags").hex();
  public static final Field SEC_CONTEXT_TRACKING = Field.bool("smb.security.flags.context_tracking",
      "Context Tracking").mask(0x1, 8);
  public static final Field SEC_EFFECTIVE_ONLY = Field.bool("smb.security.flags.effective_only", "Effective Only")
      .mask(0x2, 8);
  public static final Field OPLOCK_LEVEL = Field.u8("smb.oplock.level", "Oplock level").labels(OPLOCK_LEVELS);
  public static final Field CREATE_ACTION = Field.u32("smb.create.action", "Create action").labels(CREATE_ACTIONS);
  public static final Field CREATE_TIME = time("smb.create.time", "Created");
  public static final Field ACCESS_TIME = time("smb.access.time", "Last Access");
  public static final Field LAST_WRITE_TIME = time("smb.last_write.time", "Last Write");
  public static final Field CHANGE_TIME = time("smb.change.time", "Change");
  public static final Field END_OF_FILE = Field.u64("smb.end_of_file", "End Of File");
  public static final Field FILE_TYPE = Field.u16("smb.file_type", "File Type").labels(FILE_TYPES);
  public static final Field IPC_STATE = Field.u16("smb.ipc_state", "IPC State").hex();
  public static final Field IPC_NONBLOCKING = Field.bool("smb.ipc_state.nonblocking", "Nonblocking").mask(0x8000, 16);
  public static final Field IPC_ENDPOINT = Field.u16("smb.ipc_state.endpoint", "Endpoint").mask(0x4000, 16);
  public static final Field IPC_PIPE_TYPE = Field.u16("smb.ipc_state.pipe_type", "Pipe Type").mask(0xc00, 16);
  public static final Field IPC_READ_MODE = Field.u16("smb.ipc_state.read_mode", "Read Mode").mask(0x300, 16);
  public static final Field IPC_ICOUNT = Field.u16("smb.ipc_state.icount", "Icount").mask(0xff, 16);
  public static final Field IS_DIRECTORY = Field.u8("smb.is_directory", "Is Directory");
  public static final Field OFFSET = Field.u32("smb.offset", "Offset");
  public static final Field MAXCOUNT_LOW = Field.u16("smb.maxcount_low", "Max Count Low");
  public static final Field MINCOUNT = Field.u16("smb.mincount", "Min Count");
  public static final Field MAXCOUNT_HIGH = Field.u32("smb.maxcount_high", "Max Count High (multiply with 64K)");
  public static final Field REMAINING = Field.u16("smb.remaining", "Remaining");
  public static final Field OFFSET_HIGH = Field.u32("smb.offset_high", "High Offset");
  public static final Field DCM = Field.u16("smb.dcm", "Data Compaction Mode");
  public static final Field DATA_LEN_LOW = Field.u16("smb.data_len_low", "Data Length Low");
  public static final Field DATA_OFFSET = Field.u16("smb.data_offset", "Data Offset");
  public static final Field DATA_LEN_HIGH = Field.u32("smb.data_len_high", "Data Length High (multiply with 64K)");
  public static final Field PADDING = Field.bytes("smb.padding", "Padding");
  public static final Field FILE_DATA = Field.bytes("smb.file_data", "File Data");
  public static final Field RW_OFFSET = Field.u64("smb.file.rw.offset", "File Offset").generated();
  public static final Field RW_LENGTH = Field.u32("smb.file.rw.length", "File RW Length").generated();
  public static final Field TPC = Field.u16("smb.tpc", "Total Parameter Count");
  public static final Field TDC = Field.u16("smb.tdc", "Total Data Count");
  public static final Field MPC = Field.u16("smb.mpc", "Max Parameter Count");
  public static final Field MDC = Field.u16("smb.mdc", "Max Data Count");
  public static final Field MSC = Field.u8("smb.msc", "Max Setup Count");
  public static final Field TRANS_FLAGS = Field.u16("smb.transaction.flags", "Flags").hex();
  public static final Field TRANS_OWT = Field.bool("smb.transaction.flags.owt", "One Way Transaction").mask(0x2, 16);
  public static final Field TRANS_DTID = Field.bool("smb.transaction.flags.dtid", "Disconnect TID").mask(0x1, 16);
  public static final Field TIMEOUT = Field.u32("smb.timeout", "Timeout");
  public static final Field PC = Field.u16("smb.pc", "Parameter Count");
  public static final Field PO = Field.u16("smb.po", "Parameter Offset");
  public static final Field PD = Field.u16("smb.pd", "Parameter Displacement");
  public static final Field DC = Field.u16("smb.dc", "Data Count");
  public static final Field DATA_DISP = Field.u16("smb.data_disp", "Data Displacement");
  public static final Field SC = Field.u8("smb.sc", "Setup Count");
  public static final Field TRANS_NAME = Field.string("smb.trans_name", "Transaction Name");
  public static final Field TRANS2_CMD = Field.u16("smb.trans2.cmd", "Subcommand").hex().labels(TRANS2_CMDS);
  public static final Field QPI_LOI = Field.u16("smb.qpi_loi", "Level of Interest").labels(QPI_LEVELS);
  public static final Field EA_ERROR_OFFSET = Field.u32("smb.ea.error_offset", "EA Error offset");
  public static final Field UNKNOWN_DATA = Field.bytes("smb.unknown_data", "Unknown Data");
  public static final Field INDEX_NUMBER = Field.u64("smb.index_number", "Index Number").hex();
  public static final Field VOLUME_GUID = Field.of("smb.volume_guid", "Volume GUID", FieldType.GUID);
  public static final Field FILE_ID_64B = Field.u64("smb.create.file_id_64b", "Server unique 64-bit file ID").hex();
  public static final Field PIPE = Field.none("smb_pipe", "SMB Pipe Protocol");
  public static final Field PIPE_FUNCTION = Field.u16("smb_pipe.function", "Function").hex().labels(PIPE_FUNCTIONS);

  public SmbDissector() {
    super("smb", "SMB (Server Message Block Protocol)", "SMB");
  }

  private static Field time(String name, String label) {
    return Field.of(name, label, FieldType.ABSOLUTE_TIME).base(Base.TIME_UTC);
  }

  /** Boolean fields "suffix:Label:mask" of one flags word. */
  private static Field[] bits(int width, String prefix, String... specs) {
    Field[] out = new Field[specs.length];
    for (int i = 0; i < specs.length; i++) {
      String[] p = specs[i].split(":");
      out[i] = Field.bool(prefix + p[0], p[1]).mask(Long.decode(p[2]), width);
    }
    return out;
  }

  @Override
  public List<Field> declaredFields() {
    List<Field> out = super.declaredFields();
    for (Field[] group : new Field[][] {ACCESS_BITS, ATTRIBUTE_BITS, SHARE_BITS, OPTION_BITS}) {
      for (Field f : group) {
        out.add(f);
      }
    }
    return out;
  }

  // ---- per-stream state ----

  /** What a file's NT Create AndX request asked for, and where it was opened and closed. */
  static final class FileInfo {
    long openedIn;
    long closedIn;
    String name = "";
    long createFlags;
    long accessMask;
    long attributes;
    long shareAccess;
    long createOptions;
    long disposition;

    FileInfo copy() {
      FileInfo f = new FileInfo();
      f.openedIn = openedIn;
      f.closedIn = closedIn;
      f.name = name;
      f.createFlags = createFlags;
      f.accessMask = accessMask;
      f.attributes = attributes;
      f.shareAccess = shareAccess;
      f.createOptions = createOptions;
      f.disposition = disposition;
      return f;
    }
  }

  /** A request waiting for its response. */
  private static final class Pending {
    long frame;
    long nanos;
    int fid = -1;
    FileInfo create; // an NT Create AndX request's parameters
    int trans2 = -1;
    int level = -1;
    String path;
    int pipeFunction = -1;
    long readOffset;
    long readLength;
  }

  private static final class Session {
    final Map<Long, Pending> pending = new HashMap<>();
    final Map<Integer, FileInfo> files = new HashMap<>();
  }

  /** What a layer needs at walk time: its request link, and the file it names. */
  static final class Meta {
    long responseTo;
    long nanos;
    int fid = -1;
    FileInfo file; // snapshot
    int trans2 = -1;
    int level = -1;
    String path;
    int pipeFunction = -1;
    long readOffset = -1;
    long readLength;
  }

  private static long key(int mid, int pid) {
    return (long) mid << 16 | pid;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int len = d.length(layer);
    if (len < HEADER + 1) {
      Truncation.report(d, layer, s, HEADER + 1);
      return null;
    }
    int cmd = b[s + 4] & 0xff;
    boolean response = (b[s + 9] & 0x80) != 0;
    int pid = Bytes.u16le(b, s + 26);
    int mid = Bytes.u16le(b, s + 30);
    int wct = b[s + HEADER] & 0xff;
    int words = s + HEADER + 1;
    int bccAt = words + 2 * wct;
    int transport = Transport.find(d, layer);
    Session ses = PerStream.ofTcp(d, this, transport, Session::new);
    Meta meta = new Meta();
    d.attach(layer, meta);
    boolean hasWords = bccAt + 2 <= d.end(layer);
    Dissector next = null;
    if (!response) {
      Pending p = new Pending();
      p.frame = d.number();
      p.nanos = d.timestampNanos();
      switch (cmd) {
        case NT_CREATE_ANDX:
          if (hasWords && wct >= 24) {
            FileInfo f = new FileInfo();
            f.createFlags = Bytes.u32le(b, words + 7);
            f.accessMask = Bytes.u32le(b, words + 15);
            f.attributes = Bytes.u32le(b, words + 27);
            f.shareAccess = Bytes.u32le(b, words + 31);
            f.disposition = Bytes.u32le(b, words + 35);
            f.createOptions = Bytes.u32le(b, words + 39);
            f.name = string(b, s, bccAt + 2, d.end(layer), unicode(b, s), Bytes.u16le(b, words + 5));
            p.create = f;
            meta.path = f.name;
          }
          break;
        case CLOSE:
        case READ_ANDX:
          if (hasWords && wct >= (cmd == CLOSE ? 3 : 10)) {
            int at = cmd == CLOSE ? words : words + 4;
            p.fid = Bytes.u16le(b, at);
            if (cmd == READ_ANDX) {
              long hi = wct >= 12 ? Bytes.u32le(b, words + 20) : 0;
              p.readOffset = hi << 32 | Bytes.u32le(b, words + 6);
              p.readLength = Bytes.u16le(b, words + 10) | (Bytes.u32le(b, words + 14) == 0xffffffffL ? 0
                  : (Bytes.u32le(b, words + 14) & 0xffff) << 16);
              meta.readOffset = p.readOffset;
              meta.readLength = p.readLength;
            }
            FileInfo f = ses.files.get(p.fid);
            if (f != null && cmd == CLOSE) {
              f.closedIn = d.number();
            }
            meta.fid = p.fid;
            meta.file = f == null ? null : f.copy();
          }
          break;
        case TRANS:
          if (hasWords && wct >= 14) {
            int sc = b[words + 26] & 0xff;
            if (mailslot(b, s, bccAt + 2, d.end(layer))) {
              // A mailslot's setup words and name are the mailslot layer's; its data is that layer's to hand on.
              d.payload(words + 28, d.end(layer));
              next = d.protocols().byName("mailslot");
              break;
            }
            if (sc >= 2 && wct >= 14 + sc) {
              p.pipeFunction = Bytes.u16le(b, words + 28);
              p.fid = Bytes.u16le(b, words + 30);
              meta.pipeFunction = p.pipeFunction;
              meta.fid = p.fid;
              FileInfo f = ses.files.get(p.fid);
              meta.file = f == null ? null : f.copy();
            }
            next = transData(d, layer, words + 22, words + 24);
          }
          break;
        case TRANS2:
          if (hasWords && wct >= 15) {
            p.trans2 = Bytes.u16le(b, words + 28);
            int po = s + Bytes.u16le(b, words + 20);
            boolean uni = unicode(b, s);
            if ((p.trans2 == 5 && po + 6 <= d.end(layer)) || (p.trans2 == 7 && po + 4 <= d.end(layer))) {
              if (p.trans2 == 7) {
                p.fid = Bytes.u16le(b, po);
                p.level = Bytes.u16le(b, po + 2);
                meta.fid = p.fid;
                FileInfo f = ses.files.get(p.fid);
                meta.file = f == null ? null : f.copy();
              } else {
                p.level = Bytes.u16le(b, po);
                p.path = string(b, s, po + 6, d.end(layer), uni, -1);
              }
            }
            meta.trans2 = p.trans2;
            meta.level = p.level;
            meta.path = p.path;
          }
          break;
        default:
          break;
      }
      ses.pending.put(key(mid, pid), p);
    } else {
      Pending p = ses.pending.remove(key(mid, pid));
      if (p != null) {
        meta.responseTo = p.frame;
        meta.nanos = d.timestampNanos() - p.nanos;
        meta.fid = p.fid;
        meta.trans2 = p.trans2;
        meta.level = p.level;
        meta.path = p.path;
        meta.pipeFunction = p.pipeFunction;
        meta.readOffset = cmd == READ_ANDX ? p.readOffset : -1;
        meta.readLength = p.readLength;
        if (p.fid >= 0) {
          FileInfo f = ses.files.get(p.fid);
          meta.file = f == null ? null : f.copy();
        }
      }
      if (cmd == NT_CREATE_ANDX && hasWords && wct >= 34 && status(b, s) == 0) {
        int fid = Bytes.u16le(b, words + 5);
        FileInfo f = p != null && p.create != null ? p.create : new FileInfo();
        f.openedIn = d.number();
        ses.files.put(fid, f);
        meta.fid = fid;
        meta.file = f.copy();
      }
      if (cmd == TRANS && hasWords && wct >= 10) {
        next = transData(d, layer, words + 12, words + 14);
      }
    }
    return next;
  }

  /** Whether the transaction name at absolute {@code at} names a mailslot ({@code \MAILSLOT\...}). */
  private static boolean mailslot(byte[] b, int s, int at, int end) {
    String name = string(b, s, at, end, unicode(b, s), -1);
    return name.regionMatches(true, 0, MailslotDissector.PREFIX, 0, MailslotDissector.PREFIX.length());
  }

  /** Hands a pipe transaction's data (count and offset words at the given places) to DCE/RPC. */
  private static Dissector transData(Dissection d, int layer, int dcAt, int doAt) {
    byte[] b = d.data();
    int s = d.start(layer);
    int dc = Bytes.u16le(b, dcAt);
    int off = Bytes.u16le(b, doAt);
    if (dc == 0 || s + off + dc > d.end(layer) || off < HEADER) {
      return null;
    }
    d.payload(s + off, s + off + dc);
    if (DcerpcDissector.looksLikeHeader(b, s + off, dc)) {
      return d.protocols().byName("dcerpc");
    }
    return null;
  }

  /** The FID a layer of this protocol names (a pipe's DCE/RPC binds are kept per FID), or -1. */
  static int fid(Dissection d, int layer) {
    Object a = d.attachment(layer);
    return a instanceof Meta ? ((Meta) a).fid : -1;
  }

  private static long status(byte[] b, int s) {
    return Bytes.u32le(b, s + 5);
  }

  private static boolean unicode(byte[] b, int s) {
    return (b[s + 11] & 0x80) != 0;
  }

  /**
   * A string at absolute {@code at} of the SMB at {@code s}: UTF-16LE aligned to an even offset
   * from the header when {@code unicode}, else ASCII; NUL-terminated, or {@code len} bytes when
   * that is not -1.
   */
  static String string(byte[] b, int s, int at, int end, boolean unicode, int len) {
    if (unicode && ((at - s) & 1) != 0) {
      at++;
    }
    int stop = len >= 0 ? Math.min(end, at + len) : end;
    StringBuilder sb = new StringBuilder();
    if (unicode) {
      for (int p = at; p + 1 < stop; p += 2) {
        char c = (char) Bytes.u16le(b, p);
        if (c == 0) {
          break;
        }
        sb.append(c);
      }
    } else {
      for (int p = at; p < stop && b[p] != 0; p++) {
        sb.append((char) (b[p] & 0xff));
      }
    }
    return sb.toString();
  }

  /** Bytes a string of {@link #string} takes at {@code at}, its terminator included. */
  private static int stringBytes(Tree t, int at, boolean unicode) {
    int p = at;
    if (unicode) {
      while (t.has(p, 2) && t.u16le(p) != 0) {
        p += 2;
      }
      return Math.min(p + 2, t.length()) - at;
    }
    while (t.has(p, 1) && t.u8(p) != 0) {
      p++;
    }
    return Math.min(p + 1, t.length()) - at;
  }

  // ---- fields ----

  @Override
  public void fields(Tree t) {
    if (!t.has(0, HEADER + 1)) {
      return;
    }
    Meta meta = t.attachment() instanceof Meta ? (Meta) t.attachment() : new Meta();
    boolean nt = (t.u16le(10) & 0x4000) != 0;
    int cmd = t.u8(4);
    boolean response = (t.u8(9) & 0x80) != 0;
    t.text(0, HEADER, "SMB Header");
    t.enter();
    t.uintle(SERVER_COMPONENT, 0, 4);
    if (meta.responseTo != 0) {
      t.generated(RESPONSE_TO, meta.responseTo);
      t.generated(TIME, meta.nanos);
    }
    t.uint(CMD, 4, 1);
    if (nt) {
      t.uintle(NT_STATUS_F, 5, 4);
    } else {
      t.uint(ERROR_CLASS, 5, 1);
      t.bytes(RESERVED, 6, 1);
      t.uintle(ERROR_CODE, 7, 2);
    }
    t.uint(FLAGS, 9, 1);
    t.enter();
    for (Field f : new Field[] {FLAGS_RESPONSE, FLAGS_NOTIFY, FLAGS_OPLOCK, FLAGS_CANON, FLAGS_CASELESS,
        FLAGS_RECEIVE_BUFFER, FLAGS_LOCK}) {
      t.uint(f, 9, 1);
    }
    t.exit();
    t.uintle(FLAGS2, 10, 2);
    t.enter();
    for (Field f : new Field[] {F2_STRING, F2_NT_ERROR, F2_ROE, F2_DFS, F2_ESN, F2_REPARSE, F2_LONG_USED,
        F2_SIG_REQUIRED, F2_COMPRESSED, F2_SEC_SIG, F2_EA, F2_LONG_ALLOWED}) {
      t.uintle(f, 10, 2);
    }
    t.exit();
    t.uintle(PID_HIGH, 12, 2);
    t.bytes(SIGNATURE, 14, 8);
    t.bytes(RESERVED, 22, 2);
    t.uintle(TID, 24, 2);
    t.uintle(PID, 26, 2);
    t.uintle(UID, 28, 2);
    t.uintle(MID, 30, 2);
    t.exit();
    int wct = t.u8(HEADER);
    int w = HEADER + 1;
    int bcc = w + 2 * wct;
    boolean uni = (t.u16le(10) & 0x8000) != 0;
    String name = COMMANDS.getOrDefault((long) cmd, "Unknown");
    t.text(HEADER, t.length() - HEADER, name + (response ? " Response" : " Request") + String.format(" (0x%02x)", cmd));
    t.enter();
    if (response && (cmd == CLOSE || cmd == TRANS || cmd == READ_ANDX) && meta.file != null) {
      fidItem(t, meta, -1);
    }
    if (response && cmd == TRANS2 && meta.trans2 >= 0) {
      if (meta.trans2 == 7 && meta.fid >= 0) {
        fidItem(t, meta, -1);
      }
      t.number(TRANS2_CMD, 0, 0, meta.trans2);
      if (meta.level >= 0) {
        t.number(QPI_LOI, 0, 0, meta.level);
      }
      if (meta.trans2 == 5) {
        t.generatedObject(FILE, meta.path == null ? "" : meta.path);
      }
    }
    t.uint(WCT, HEADER, 1);
    switch (cmd) {
      case NT_CREATE_ANDX:
        if (response) {
          ntCreateResponse(t, meta, w, wct);
        } else {
          ntCreateRequest(t, w, wct);
        }
        break;
      case CLOSE:
        if (!response && wct >= 3) {
          fidItem(t, meta, w);
          t.number(LAST_WRITE_TIME, w + 2, 4, t.u32le(w + 2) * 1_000_000_000L);
        }
        break;
      case READ_ANDX:
        readAndx(t, meta, w, wct, response);
        break;
      case TRANS:
        trans(t, meta, w, wct, bcc, response, uni);
        break;
      case TRANS2:
        trans2(t, meta, w, wct, bcc, response, uni);
        break;
      case LOGOFF_ANDX:
        if (wct >= 2) {
          andx(t, w);
        }
        break;
      default:
        break;
    }
    boolean ownBcc = (cmd == TRANS || cmd == TRANS2) && wct >= (response ? 10 : 14)
        || cmd == READ_ANDX && response && wct >= 12 || cmd == NT_CREATE_ANDX && response && wct >= 42;
    if (t.has(bcc, 2) && !ownBcc) {
      t.uintle(BCC, bcc, 2);
      if (cmd == NEGOTIATE && !response) {
        int end = Math.min(t.length(), bcc + 2 + t.u16le(bcc));
        for (int p = bcc + 2; p < end && t.has(p, 1); ) {
          t.uint(BUFFER_FORMAT, p, 1);
          int n = stringBytes(t, p + 1, false);
          String dialect = t.asciiz(p + 1, n);
          t.object(DIALECT, p + 1, n, dialect);
          t.enter();
          t.object(DIALECT_NAME, p + 1, n, dialect);
          t.exit();
          p += 1 + n;
        }
      } else if (cmd == NT_CREATE_ANDX && !response && wct >= 24) {
        int at = bcc + 2;
        if (uni && ((at) & 1) != 0) {
          at++;
        }
        int n = Math.min(t.u16le(w + 5), t.length() - at);
        t.object(FILE, at, Math.max(0, n), string(t.data(), t.start(), t.start() + at, t.start() + t.length(), uni, n));
      }
    }
    t.exit();
    if (cmd == TRANS && meta.pipeFunction >= 0) {
      t.object(PIPE, 0, 0, "SMB Pipe Protocol");
      t.enter();
      if (response) {
        t.number(PIPE_FUNCTION, 0, 0, meta.pipeFunction);
        fidItem(t, meta, -1);
      } else {
        t.uintle(PIPE_FUNCTION, w + 28, 2);
        fidItem(t, meta, w + 30);
      }
      t.exit();
    }
  }

  /** The FID at {@code at} (generated when -1) and, for a file this capture opened, its subtree. */
  private static void fidItem(Tree t, Meta meta, int at) {
    if (at >= 0) {
      t.uintle(FID, at, 2);
    } else {
      t.number(FID, 0, 0, meta.fid);
    }
    FileInfo f = meta.file;
    if (f == null) {
      return;
    }
    t.enter();
    t.generated(OPENED_IN, f.openedIn);
    if (f.closedIn != 0) {
      t.generated(CLOSED_IN, f.closedIn);
    }
    t.generatedObject(FILE, f.name);
    t.generated(CREATE_FLAGS, f.createFlags);
    t.enter();
    for (Field b : new Field[] {CF_OPLOCK, CF_BATCH, CF_DIR, CF_EXT}) {
      t.generated(b, b.extract(f.createFlags));
    }
    t.exit();
    generatedBits(t, ACCESS_MASK, ACCESS_BITS, f.accessMask);
    generatedBits(t, FILE_ATTRIBUTE, ATTRIBUTE_BITS, f.attributes);
    generatedBits(t, SHARE_ACCESS, SHARE_BITS, f.shareAccess);
    generatedBits(t, CREATE_OPTIONS, OPTION_BITS, f.createOptions);
    t.generated(DISPOSITION, f.disposition);
    t.exit();
  }

  private static void generatedBits(Tree t, Field word, Field[] bits, long v) {
    t.generated(word, v);
    t.enter();
    for (Field b : bits) {
      t.generated(b, b.extract(v));
    }
    t.exit();
  }

  /** A 32-bit little-endian flags word at {@code at} and its bits (shared with SMB2). */
  static void bitsLe(Tree t, Field word, Field[] bits, int at) {
    t.uintle(word, at, 4);
    t.enter();
    for (Field b : bits) {
      t.uintle(b, at, 4);
    }
    t.exit();
  }

  private static void andx(Tree t, int w) {
    t.uint(CMD, w, 1);
    t.bytes(RESERVED, w + 1, 1);
    t.uintle(ANDXOFFSET, w + 2, 2);
  }

  private static void ntCreateRequest(Tree t, int w, int wct) {
    if (wct < 24) {
      return;
    }
    andx(t, w);
    t.bytes(RESERVED, w + 4, 1);
    t.uintle(FILE_NAME_LEN, w + 5, 2);
    t.uintle(CREATE_FLAGS, w + 7, 4);
    t.enter();
    for (Field b : new Field[] {CF_OPLOCK, CF_BATCH, CF_DIR, CF_EXT}) {
      t.uintle(b, w + 7, 4);
    }
    t.exit();
    t.uintle(RFID, w + 11, 4);
    bitsLe(t, ACCESS_MASK, ACCESS_BITS, w + 15);
    t.number(ALLOC_SIZE64, w + 19, 8, Bytes.u64le(t.data(), t.start() + w + 19));
    bitsLe(t, FILE_ATTRIBUTE, ATTRIBUTE_BITS, w + 27);
    bitsLe(t, SHARE_ACCESS, SHARE_BITS, w + 31);
    t.uintle(DISPOSITION, w + 35, 4);
    bitsLe(t, CREATE_OPTIONS, OPTION_BITS, w + 39);
    t.uintle(IMPERSONATION_LEVEL, w + 43, 4);
    t.uint(SECURITY_FLAGS, w + 47, 1);
    t.enter();
    t.uint(SEC_CONTEXT_TRACKING, w + 47, 1);
    t.uint(SEC_EFFECTIVE_ONLY, w + 47, 1);
    t.exit();
  }

  private static void ntCreateResponse(Tree t, Meta meta, int w, int wct) {
    if (wct < 34) {
      return;
    }
    andx(t, w);
    t.uint(OPLOCK_LEVEL, w + 4, 1);
    fidItem(t, meta, w + 5);
    t.uintle(CREATE_ACTION, w + 7, 4);
    fileTime(t, CREATE_TIME, w + 11);
    fileTime(t, ACCESS_TIME, w + 19);
    fileTime(t, LAST_WRITE_TIME, w + 27);
    fileTime(t, CHANGE_TIME, w + 35);
    bitsLe(t, FILE_ATTRIBUTE, ATTRIBUTE_BITS, w + 43);
    t.number(ALLOC_SIZE64, w + 47, 8, u64(t, w + 47));
    t.number(END_OF_FILE, w + 55, 8, u64(t, w + 55));
    t.uintle(FILE_TYPE, w + 63, 2);
    t.uintle(IPC_STATE, w + 65, 2);
    t.enter();
    for (Field f : new Field[] {IPC_NONBLOCKING, IPC_ENDPOINT, IPC_PIPE_TYPE, IPC_READ_MODE, IPC_ICOUNT}) {
      t.uintle(f, w + 65, 2);
    }
    t.exit();
    t.uint(IS_DIRECTORY, w + 67, 1);
    if (wct >= 42) {
      // The extended response ([MS-SMB] 2.2.4.9.2): tshark reads its fields past the 42 words the
      // server counts, and the byte count after them.
      if (t.has(w + 68, 16)) {
        // tshark reads this GUID in network order: its bytes as they stand
        t.object(VOLUME_GUID, w + 68, 16, DcerpcDissector.uuid(t.data(), t.start() + w + 68, false));
      }
      t.number(FILE_ID_64B, w + 84, 8, u64(t, w + 84));
      bitsLe(t, ACCESS_MASK, ACCESS_BITS, w + 92);
      bitsLe(t, ACCESS_MASK, ACCESS_BITS, w + 96);
      t.uintle(BCC, w + 100, 2);
    }
  }

  private static long u64(Tree t, int at) {
    return t.has(at, 8) ? Bytes.u64le(t.data(), t.start() + at) : 0;
  }

  /** A Windows FILETIME (100 ns since 1601) as nanoseconds since 1970; 0 stays the epoch. */
  static void fileTime(Tree t, Field f, int at) {
    long ft = u64(t, at);
    long nanos = ft == 0 ? 0 : (ft - 116444736000000000L) * 100;
    t.number(f, at, 8, nanos);
  }

  private static void readAndx(Tree t, Meta meta, int w, int wct, boolean response) {
    if (!response && wct >= 10) {
      andx(t, w);
      fidItem(t, meta, w + 4);
      t.uintle(OFFSET, w + 6, 4);
      t.uintle(MAXCOUNT_LOW, w + 10, 2);
      t.uintle(MINCOUNT, w + 12, 2);
      t.uintle(MAXCOUNT_HIGH, w + 14, 4);
      t.uintle(REMAINING, w + 18, 2);
      if (wct >= 12) {
        t.uintle(OFFSET_HIGH, w + 20, 4);
      }
      t.generated(RW_OFFSET, meta.readOffset);
      t.generated(RW_LENGTH, meta.readLength);
    } else if (response && wct >= 12) {
      andx(t, w);
      t.uintle(REMAINING, w + 4, 2);
      t.uintle(DCM, w + 6, 2);
      t.bytes(RESERVED, w + 8, 2);
      int len = (int) t.uintle(DATA_LEN_LOW, w + 10, 2);
      int off = (int) t.uintle(DATA_OFFSET, w + 12, 2);
      long hi = t.uintle(DATA_LEN_HIGH, w + 14, 4);
      t.bytes(RESERVED, w + 18, 6);
      int bcc = w + 2 * wct;
      if (meta.readOffset >= 0 && meta.responseTo != 0) {
        t.generated(RW_OFFSET, meta.readOffset);
        t.generated(RW_LENGTH, len | (hi << 16));
      }
      if (t.has(bcc, 2)) {
        t.uintle(BCC, bcc, 2);
        if (off > bcc + 2) {
          t.bytes(PADDING, bcc + 2, off - bcc - 2);
        }
        t.bytes(FILE_DATA, off, Math.min(len, t.length() - off));
      }
    }
  }

  private static void transWords(Tree t, int w, boolean response) {
    t.uintle(TPC, w, 2);
    t.uintle(TDC, w + 2, 2);
    t.uintle(MPC, w + 4, 2);
    t.uintle(MDC, w + 6, 2);
    t.uint(MSC, w + 8, 1);
    t.bytes(RESERVED, w + 9, 1);
    t.uintle(TRANS_FLAGS, w + 10, 2);
    t.enter();
    t.uintle(TRANS_OWT, w + 10, 2);
    t.uintle(TRANS_DTID, w + 10, 2);
    t.exit();
    t.uintle(TIMEOUT, w + 12, 4);
    t.bytes(RESERVED, w + 16, 2);
    t.uintle(PC, w + 18, 2);
    t.uintle(PO, w + 20, 2);
    t.uintle(DC, w + 22, 2);
    t.uintle(DATA_OFFSET, w + 24, 2);
    t.uint(SC, w + 26, 1);
    t.bytes(RESERVED, w + 27, 1);
  }

  /** Trans2 QUERY_PATH_INFO and QUERY_FILE_INFO (their parameters and the basic and internal info). */
  private static void trans2(Tree t, Meta meta, int w, int wct, int bcc, boolean response, boolean uni) {
    if (!response) {
      if (wct < 15) {
        return;
      }
      transWords(t, w, false);
      t.uintle(TRANS2_CMD, w + 28, 2);
      int sub = t.u16le(w + 28);
      int po = t.u16le(w + 20);
      int pc = t.u16le(w + 18);
      if (!t.has(bcc, 2)) {
        return;
      }
      t.uintle(BCC, bcc, 2);
      if (po > bcc + 2) {
        t.bytes(PADDING, bcc + 2, po - bcc - 2);
      }
      if (sub == 5 && pc >= 6) {
        t.uintle(QPI_LOI, po, 2);
        t.bytes(RESERVED, po + 2, 4);
        int at = po + 6;
        int n = Math.min(pc - 6, t.length() - at);
        t.object(FILE, at, Math.max(0, n), meta.path == null ? "" : meta.path);
      } else if (sub == 7 && pc >= 4) {
        fidItem(t, meta, po);
        t.uintle(QPI_LOI, po + 2, 2);
      }
      return;
    }
    if (wct < 10) {
      return;
    }
    transResponseWords(t, w);
    int pc = t.u16le(w + 6);
    int po = t.u16le(w + 8);
    int dc = t.u16le(w + 12);
    int dataOff = t.u16le(w + 14);
    if (!t.has(bcc, 2)) {
      return;
    }
    t.uintle(BCC, bcc, 2);
    int at = bcc + 2;
    if (pc > 0 && po > at) {
      t.bytes(PADDING, at, po - at);
      at = po;
    }
    if (pc >= 2 && (meta.trans2 == 5 || meta.trans2 == 7)) {
      t.uintle(EA_ERROR_OFFSET, po, 2);
      at = po + pc;
    }
    if (dc > 0 && dataOff > at) {
      t.bytes(PADDING, at, dataOff - at);
    }
    if (dc > 0 && (meta.trans2 == 5 || meta.trans2 == 7)) {
      if (meta.level == 1004 && dc >= 36) {
        fileTime(t, CREATE_TIME, dataOff);
        fileTime(t, ACCESS_TIME, dataOff + 8);
        fileTime(t, LAST_WRITE_TIME, dataOff + 16);
        fileTime(t, CHANGE_TIME, dataOff + 24);
        bitsLe(t, FILE_ATTRIBUTE, ATTRIBUTE_BITS, dataOff + 32);
        if (dc > 36) {
          t.bytes(UNKNOWN_DATA, dataOff + 36, dc - 36);
        }
      } else if (meta.level == 1006 && dc >= 8) {
        t.number(INDEX_NUMBER, dataOff, 8, u64(t, dataOff));
      }
    }
  }

  /** The ten parameter words of a Trans or Trans2 response. */
  private static void transResponseWords(Tree t, int w) {
    t.uintle(TPC, w, 2);
    t.uintle(TDC, w + 2, 2);
    t.bytes(RESERVED, w + 4, 2);
    t.uintle(PC, w + 6, 2);
    t.uintle(PO, w + 8, 2);
    t.uintle(PD, w + 10, 2);
    t.uintle(DC, w + 12, 2);
    t.uintle(DATA_OFFSET, w + 14, 2);
    t.uintle(DATA_DISP, w + 16, 2);
    t.uint(SC, w + 18, 1);
    t.bytes(RESERVED, w + 19, 1);
  }

  private static void trans(Tree t, Meta meta, int w, int wct, int bcc, boolean response, boolean uni) {
    int dataOff;
    if (!response) {
      if (wct < 14) {
        return;
      }
      transWords(t, w, false);
      dataOff = t.u16le(w + 24);
      if (!t.has(bcc, 2)) {
        return;
      }
      t.uintle(BCC, bcc, 2);
      int at = bcc + 2;
      if (uni && (at & 1) != 0) {
        at++;
      }
      int n = stringBytes(t, at, uni);
      t.object(TRANS_NAME, at, n, string(t.data(), t.start(), t.start() + at, t.start() + t.length(), uni, n));
      at += n;
      if (dataOff > at && t.u16le(w + 18) == 0) {
        t.bytes(PADDING, at, dataOff - at);
      }
    } else {
      if (wct < 10) {
        return;
      }
      transResponseWords(t, w);
      dataOff = t.u16le(w + 14);
      if (!t.has(bcc, 2)) {
        return;
      }
      t.uintle(BCC, bcc, 2);
      if (dataOff > bcc + 2 && t.u16le(w + 6) == 0) {
        t.bytes(PADDING, bcc + 2, dataOff - bcc - 2);
      }
    }
  }

  // ---- columns ----

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (!t.has(0, HEADER + 1)) {
      return;
    }
    Meta meta = t.attachment() instanceof Meta ? (Meta) t.attachment() : new Meta();
    int cmd = t.u8(4);
    boolean response = (t.u8(9) & 0x80) != 0;
    StringBuilder info = new StringBuilder(COMMANDS.getOrDefault((long) cmd, String.format("Unknown (0x%02x)", cmd)))
        .append(response ? " Response" : " Request");
    int w = HEADER + 1;
    int wct = t.u8(HEADER);
    switch (cmd) {
      case NT_CREATE_ANDX:
        if (!response && meta.path != null) {
          info.append(", Path: ").append(meta.path);
        } else if (response && wct >= 34) {
          info.append(String.format(", FID: 0x%04x", t.u16le(w + 5)));
        }
        break;
      case CLOSE:
        if (meta.fid >= 0) {
          info.append(String.format(", FID: 0x%04x", meta.fid));
        }
        break;
      case READ_ANDX:
        if (meta.fid >= 0) {
          info.append(String.format(", FID: 0x%04x", meta.fid));
        }
        if (!response && wct >= 10) {
          info.append(", ").append(meta.readLength).append(" bytes at offset ").append(meta.readOffset);
        } else if (response && wct >= 12) {
          info.append(", ").append(t.u16le(w + 10) | (t.u32le(w + 14) << 16)).append(" bytes");
        }
        break;
      case TRANS2:
        if (meta.trans2 >= 0) {
          String sub = TRANS2_CMDS.getOrDefault((long) meta.trans2, "Unknown");
          if (meta.trans2 == 7 && meta.fid >= 0 && response) {
            info.append(String.format(", FID: 0x%04x", meta.fid));
          }
          info.append(", ").append(sub);
          if (!response) {
            if (meta.trans2 == 7 && meta.fid >= 0) {
              info.append(String.format(", FID: 0x%04x", meta.fid));
            }
            if (meta.level >= 0) {
              info.append(", ").append(QPI_LEVELS.getOrDefault((long) meta.level, "Unknown"));
            }
            if (meta.trans2 == 5) {
              info.append(", Path: ").append(meta.path == null ? "" : meta.path);
            }
          }
        }
        break;
      default:
        break;
    }
    long status = t.u32le(5);
    if ((t.u16le(10) & 0x4000) != 0 && status != 0) {
      info.append(", Error: ").append(NT_STATUS.getOrDefault(status, String.format("Unknown (0x%08x)", status)));
    }
    c.setInfo(info.toString());
  }
}

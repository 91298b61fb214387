package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Connection-oriented DCE/RPC (tshark's {@code dcerpc}) over TCP: port 135 and, like tshark's
 * heuristic, any stream whose first bytes are a version 5.0/5.1 PDU header. Each PDU (its
 * fragment length says where it ends, across segments) is one layer: the common header (packet
 * type, flags, data representation, lengths, call ID), bind and alter-context with their
 * presentation contexts, bind acks with their results, requests, responses and faults, the
 * authentication verifier, and the NTLMSSP message type a bind, bind ack or AUTH3 carries.
 *
 * <p>Responses and faults find their request by call ID within the stream (opnum, request
 * frame, time from request), as tshark's one pass does. Whole calls on a context bound to the
 * endpoint mapper or Exchange's EMSMDB go on to {@link EpmDissector} or {@link MapiDissector};
 * other interfaces' dissectors (SVCCTL, NSPI, ...) are not implemented: stub data is reported as tshark does
 * for a secured call ({@code dcerpc.encrypted_stub_data}) or as a bare stub item, and the
 * Protocol and Info columns are DCERPC's own. Fragmented calls are not reassembled; each
 * fragment of a multi-fragment call raises tshark's tree-less "1st/Mid/Last fragment" chat.
 *
 * <pre>
 * +-----+-----+-------+-------+---------+----------+----------+---------+--------------+------------
 * | ver | min | ptype | flags | drep(4) | frag len | auth len | call ID | body ...     | auth verifier
 * |  1  |  1  |   1   |   1   |         |    2     |    2     |    4    |              | 8 + auth len
 * +-----+-----+-------+-------+---------+----------+----------+---------+--------------+------------
 * integers in the byte order drep[0] names (0x10: little-endian)
 * </pre>
 */
public final class DcerpcDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  static final int PORT = 135;
  private static final int HEADER = 16;

  static final int REQUEST = 0;
  static final int RESPONSE = 2;
  static final int FAULT = 3;
  static final int BIND = 11;
  static final int BIND_ACK = 12;
  static final int BIND_NAK = 13;
  static final int ALTER_CONTEXT = 14;
  static final int ALTER_CONTEXT_RESP = 15;
  static final int AUTH3 = 16;

  private static final Map<Long, String> PKT_TYPES = ValueNames.parse(
      "0=Request|1=Ping|2=Response|3=Fault|4=Working|5=Nocall|6=Reject|7=Ack|8=Cl_cancel|9=Fack|10=Cancel_ack|"
          + "11=Bind|12=Bind_ack|13=Bind_nak|14=Alter_context|15=Alter_context_resp|16=AUTH3|17=Shutdown|"
          + "18=Co_cancel|19=Orphaned");
  private static final Map<Long, String> ACK_RESULTS = ValueNames.parse(
      "0=Acceptance|1=User rejection|2=Provider rejection|3=Negotiate ACK");
  private static final Map<Long, String> ACK_REASONS = ValueNames.parse(
      "0=Reason not specified|1=Abstract syntax not supported|2=Proposed transfer syntaxes not supported|"
          + "3=Local limit exceeded");
  private static final Map<Long, String> AUTH_TYPES = ValueNames.parse(
      "0=None|1=Kerberos 5|2=SPNEGO|9=SPNEGO|10=NTLMSSP|14=SCHANNEL|16=Kerberos 5|68=Netlogon|255=Default");
  private static final Map<Long, String> AUTH_LEVELS = ValueNames.parse(
      "0=Default|1=None|2=Connect|3=Call|4=Packet|5=Packet integrity|6=Packet privacy");
  /** DCE 1.1 (C706) and Microsoft fault status names, as tshark prints them. */
  private static final Map<Long, String> FAULT_STATUS = ValueNames.parse(
      "0x1c010002=nca_op_rng_error|0x1c010003=nca_unk_if|0x1c01000b=nca_proto_error|"
          + "0x1c010014=nca_server_too_busy|0x1c010017=nca_unsupported_type");
  /** Interfaces and transfer syntaxes by UUID, with tshark's short names. */
  static final Map<String, String> UUIDS = Map.ofEntries(
      Map.entry("e1af8308-5d1f-11c9-91a4-08002b14a0fa", "EPMv4"),
      Map.entry("367abb81-9844-35f1-ad32-98f038001003", "SVCCTL"),
      Map.entry("12345778-1234-abcd-ef00-0123456789ab", "LSARPC"),
      Map.entry("4b324fc8-1670-01d3-1278-5a47bf6ee188", "SRVSVC"),
      Map.entry("885d85fb-c754-4062-a0e7-6872ce0064f4", "MDSSVC"),
      Map.entry("a4f1db00-ca47-1067-b31f-00dd010662da", "MAPI"),
      Map.entry("f5cc5a18-4264-101a-8c59-08002b2f8426", "NSPI"),
      Map.entry("8a885d04-1ceb-11c9-9fe8-08002b104860", "32bit NDR"),
      Map.entry("71710533-beba-4937-8319-b5dbef9ccc36", "64bit NDR"));

  private static final Map<Long, String> FLOAT = ValueNames.parse("0=IEEE|1=VAX|2=Cray|3=IBM");

  public static final Field VER = Field.u8("dcerpc.ver", "Version");
  public static final Field VER_MINOR = Field.u8("dcerpc.ver_minor", "Version (minor)");
  public static final Field PKT_TYPE = Field.u8("dcerpc.pkt_type", "Packet type").labels(PKT_TYPES);
  public static final Field CN_FLAGS = Field.u8("dcerpc.cn_flags", "Packet Flags").hex();
  public static final Field FLAG_OBJECT = flag("dcerpc.cn_flags.object", "Object", 0x80);
  public static final Field FLAG_MAYBE = flag("dcerpc.cn_flags.maybe", "Maybe", 0x40);
  public static final Field FLAG_DNE = flag("dcerpc.cn_flags.dne", "Did Not Execute", 0x20);
  public static final Field FLAG_MPX = flag("dcerpc.cn_flags.mpx", "Multiplex", 0x10);
  public static final Field FLAG_RESERVED = flag("dcerpc.cn_flags.reserved", "Reserved", 0x8);
  public static final Field FLAG_CANCEL_PENDING = flag("dcerpc.cn_flags.cancel_pending", "Cancel Pending", 0x4);
  public static final Field FLAG_LAST_FRAG = flag("dcerpc.cn_flags.last_frag", "Last Frag", 0x2);
  public static final Field FLAG_FIRST_FRAG = flag("dcerpc.cn_flags.first_frag", "First Frag", 0x1);
  public static final Field DREP = Field.bytes("dcerpc.drep", "Data Representation")
      .line((b, off, len) -> len < 2 ? "Data Representation" : String.format(
          "Data Representation: %s (Order: %s, Char: %s, Float: %s)", io.netsift.core.field.Addresses.hex(b, off, len),
          (b[off] & 0x10) != 0 ? "Little-endian" : "Big-endian", (b[off] & 0xf) == 0 ? "ASCII" : "EBCDIC",
          FLOAT.getOrDefault((long) (b[off + 1] & 0xff), "Unknown")));
  public static final Field DREP_BYTEORDER = Field.u8("dcerpc.drep.byteorder", "Byte order")
      .labels(ValueNames.parse("0=Big-endian|1=Little-endian"));
  public static final Field DREP_CHARACTER = Field.u8("dcerpc.drep.character", "Character")
      .labels(ValueNames.parse("0=ASCII|1=EBCDIC"));
  public static final Field DREP_FP = Field.u8("dcerpc.drep.fp", "Floating-point").labels(FLOAT);
  public static final Field FRAG_LEN = Field.u16("dcerpc.cn_frag_len", "Frag Length");
  public static final Field AUTH_LEN = Field.u16("dcerpc.cn_auth_len", "Auth Length");
  public static final Field CALL_ID = Field.u32("dcerpc.cn_call_id", "Call ID");
  public static final Field MAX_XMIT = Field.u16("dcerpc.cn_max_xmit", "Max Xmit Frag");
  public static final Field MAX_RECV = Field.u16("dcerpc.cn_max_recv", "Max Recv Frag");
  public static final Field ASSOC_GROUP = Field.u32("dcerpc.cn_assoc_group", "Assoc Group").hex();
  public static final Field NUM_CTX_ITEMS = Field.u8("dcerpc.cn_num_ctx_items", "Num Ctx Items");
  public static final Field CTX_ITEM = Field.none("dcerpc.cn_ctx_item", "Ctx Item");
  public static final Field CTX_ID = Field.u16("dcerpc.cn_ctx_id", "Context ID");
  public static final Field NUM_TRANS_ITEMS = Field.u8("dcerpc.cn_num_trans_items", "Num Trans Items");
  public static final Field ABSTRACT_SYNTAX = Field.none("dcerpc.cn_bind_abstract_syntax", "Abstract Syntax");
  public static final Field BIND_TO_UUID = Field.of("dcerpc.cn_bind_to_uuid", "Interface UUID", FieldType.GUID);
  public static final Field BIND_IF_VER = Field.u16("dcerpc.cn_bind_if_ver", "Interface Ver");
  public static final Field BIND_IF_VER_MINOR = Field.u16("dcerpc.cn_bind_if_ver_minor", "Interface Ver Minor");
  public static final Field BIND_TRANS = Field.none("dcerpc.cn_bind_trans", "Transfer Syntax");
  public static final Field BIND_TRANS_ID = Field.of("dcerpc.cn_bind_trans_id", "ID", FieldType.GUID);
  public static final Field BIND_TRANS_VER = Field.u32("dcerpc.cn_bind_trans_ver", "ver");
  public static final Field BTFN = Field.u16("dcerpc.cn_bind_trans_btfn", "Bind Time Features").hex()
      .line((b, off, len) -> len < 2 ? "Bind Time Features" : btfnLine(b[off] & 0xff | (b[off + 1] & 0xff) << 8));
  public static final Field BTFN_01 = Field.bool("dcerpc.cn_bind_trans_btfn.01",
      "Security Context Multiplexing Supported").mask(0x1, 16);
  public static final Field BTFN_02 = Field.bool("dcerpc.cn_bind_trans_btfn.02",
      "Keep Connection On Orphan Supported").mask(0x2, 16);
  public static final Field ALLOC_HINT = Field.u32("dcerpc.cn_alloc_hint", "Alloc hint");
  public static final Field SEC_ADDR_LEN = Field.u16("dcerpc.cn_sec_addr_len", "Scndry Addr len");
  public static final Field SEC_ADDR = Field.string("dcerpc.cn_sec_addr", "Scndry Addr");
  public static final Field NUM_RESULTS = Field.u8("dcerpc.cn_num_results", "Num results");
  public static final Field ACK_RESULT = Field.u16("dcerpc.cn_ack_result", "Ack result").labels(ACK_RESULTS);
  public static final Field ACK_REASON = Field.u16("dcerpc.cn_ack_reason", "Ack reason").labels(ACK_REASONS);
  public static final Field ACK_TRANS_ID = Field.of("dcerpc.cn_ack_trans_id", "Transfer Syntax", FieldType.GUID);
  public static final Field ACK_TRANS_VER = Field.u32("dcerpc.cn_ack_trans_ver", "Syntax ver");
  public static final Field CANCEL_COUNT = Field.u8("dcerpc.cn_cancel_count", "Cancel count");
  public static final Field FAULT_FLAGS = Field.u8("dcerpc.cn_fault_flags", "Fault flags").hex()
      .line((b, off, len) -> len < 1 ? "Fault flags" : String.format("Fault flags: 0x%02x%s", b[off] & 0xff,
          (b[off] & 1) != 0 ? ", Extended error information present" : ""));
  public static final Field FAULT_EXTENDED_ERROR = Field.bool("dcerpc.cn_fault_flags.extended_error",
      "Extended error information present").mask(0x1, 8);
  public static final Field STATUS = Field.u32("dcerpc.cn_status", "Status").hex()
      .labels(v -> FAULT_STATUS.get(v));
  public static final Field RESERVED = Field.bytes("dcerpc.reserved", "Reserved");
  public static final Field OPNUM = Field.u16("dcerpc.opnum", "Opnum");
  public static final Field OBJECT_UUID = Field.of("dcerpc.obj_id", "Object UUID", FieldType.GUID);
  public static final Field REQUEST_IN = Field.frameNum("dcerpc.request_in", "Request in frame").generated();
  public static final Field TIME = Field.of("dcerpc.time", "Time from request", FieldType.RELATIVE_TIME)
      .generated();
  public static final Field AUTH_INFO = Field.none("dcerpc.auth_info", "Auth Info");
  public static final Field AUTH_TYPE = Field.u8("dcerpc.auth_type", "Auth type").labels(AUTH_TYPES);
  public static final Field AUTH_LEVEL = Field.u8("dcerpc.auth_level", "Auth level").labels(AUTH_LEVELS);
  public static final Field AUTH_PAD_LEN = Field.u8("dcerpc.auth_pad_len", "Auth pad len");
  public static final Field AUTH_RSRVD = Field.u8("dcerpc.auth_rsrvd", "Auth Rsrvd");
  public static final Field AUTH_CTX_ID = Field.u32("dcerpc.auth_ctx_id", "Auth Context ID");
  public static final Field ENCRYPTED_STUB_DATA = Field.bytes("dcerpc.encrypted_stub_data", "Encrypted stub data");
  public static final Field STUB_DATA = Field.bytes("dcerpc.stub_data", "Stub data");
  public static final Field FAULT_STUB_DATA = Field.bytes("dcerpc.fault_stub_data", "Fault stub data");

  public static final Expert NO_BIND_INFO = new Expert("dcerpc.cn_ctx_id.no_bind", Expert.Severity.NOTE,
      "Undecoded", "No bind info for interface Context ID").under(CTX_ID);
  public static final Expert FAULT_NOTE = new Expert("dcerpc.cn_status.expert", Expert.Severity.NOTE, "Response",
      "Fault");
  // The fragments of an encrypted call (privacy level, no keys), which cannot be reassembled,
  // are counted by a tree-less pass only: tshark 4.0 raises these chats without a tree.
  public static final Expert FIRST_FRAGMENT = new Expert("dcerpc.fragment.first", Expert.Severity.CHAT,
      "Reassemble", "1st fragment").onlyWithoutTree();
  public static final Expert MID_FRAGMENT = new Expert("dcerpc.fragment.mid", Expert.Severity.CHAT,
      "Reassemble", "Mid fragment").onlyWithoutTree();
  public static final Expert LAST_FRAGMENT = new Expert("dcerpc.fragment.last", Expert.Severity.CHAT,
      "Reassemble", "Last fragment").onlyWithoutTree();

  /** Annotations: the matching request's frame, its timestamp, and the opnum. */
  private static final int A_REQUEST = 0;
  private static final int A_REQUEST_TS = 1;
  private static final int A_OPNUM = 2;

  public DcerpcDissector() {
    super("dcerpc", "Distributed Computing Environment / Remote Procedure Call (DCE/RPC)", "DCERPC");
  }

  private static Field flag(String name, String label, int mask) {
    return Field.bool(name, label).mask(mask, 8).states("Set", "Not set");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, PORT, this);
    // Tried by TCP with its own layer the last one so far; never on a port tshark gives to a
    // dissector of its own (ANSI C12.22's 1153 in zeek's MAPI capture), where it tries none.
    p.heuristic(Protocols.Table.TCP_PORT, this, (d, b, off, len) -> looksLikeHeader(b, off, len)
        && !TsharkPorts.tcp(d, d.layerCount() - 1));
  }

  /** tshark's test for a connection-oriented PDU header: version 5.0/5.1, a known type, sane lengths. */
  static boolean looksLikeHeader(byte[] b, int off, int len) {
    if (len < HEADER || b[off] != 5 || (b[off + 1] & 0xff) > 1 || (b[off + 2] & 0xff) > 19) {
      return false;
    }
    int drep0 = b[off + 4] & 0xff;
    if ((drep0 & 0xef) > 1 || (b[off + 5] & 0xff) > 3) {
      return false;
    }
    boolean le = (drep0 & 0x10) != 0;
    int fragLen = u16(b, off + 8, le);
    return fragLen >= HEADER && u16(b, off + 10, le) + HEADER <= fragLen;
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    if (avail < HEADER) {
      return looksLikeStart(b, off, avail) ? MORE : NOT_MINE;
    }
    return looksLikeHeader(b, off, avail) ? u16(b, off + 8, (b[off + 4] & 0x10) != 0) : NOT_MINE;
  }

  private static boolean looksLikeStart(byte[] b, int off, int avail) {
    return b[off] == 5 && (avail < 2 || (b[off + 1] & 0xff) <= 1);
  }

  @Override
  public String partialInfo(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    return null;
  }

  /** Per TCP stream: the requests not yet answered, by call ID, and the bound context IDs. */
  private static final class Calls {
    final Map<Long, long[]> requests = new HashMap<>();
    final java.util.BitSet contexts = new java.util.BitSet();
    /** The interface UUID each context ID was bound to. */
    final Map<Integer, String> interfaces = new HashMap<>();
    /** The context IDs whose transfer syntax is NDR64 (the first one the bind proposed). */
    final java.util.BitSet ndr64 = new java.util.BitSet();
  }

  /** The endpoint mapper's interface, whose calls go on to {@link EpmDissector}. */
  static final String EPM_UUID = "e1af8308-5d1f-11c9-91a4-08002b14a0fa";
  static final String NDR64_UUID = "71710533-beba-4937-8319-b5dbef9ccc36";
  /** Annotation of a call handed to an interface: 1 when its context speaks NDR64. */
  static final int A_NDR64 = 3;
  /** Annotation of a request or response on a context never bound in the capture: 1. */
  private static final int A_UNBOUND = 4;
  private final EpmDissector epm = new EpmDissector();
  private final MapiDissector mapi = new MapiDissector();

  /** The EPM dissector this DCE/RPC hands the endpoint mapper's stubs to (for registration). */
  public EpmDissector epm() {
    return epm;
  }

  /** The MAPI (Exchange EMSMDB) dissector this DCE/RPC hands that interface's stubs to. */
  public MapiDissector mapi() {
    return mapi;
  }

  /**
   * The operation number of the call a DCE/RPC layer carries: a request's own, a response's
   * request's (when the request was seen on a bound context), else -1.
   */
  static int opnum(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    if ((b[s + 2] & 0xff) == REQUEST) {
      return u16(b, s + 22, (b[s + 4] & 0x10) != 0);
    }
    long op = d.annotation(layer, A_OPNUM);
    return op != 0 ? (int) op - 1 : -1;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int len = d.length(layer);
    if (len < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    boolean le = (b[s + 4] & 0x10) != 0;
    int type = b[s + 2] & 0xff;
    int flags = b[s + 3] & 0xff;
    int fragLen = u16(b, s + 8, le);
    if (fragLen < len) {
      d.setEnd(layer, s + fragLen);
    }
    long callId = u32(b, s + 12, le);
    int transport = Transport.find(d, layer);
    // Over an SMB named pipe tshark keeps binds and calls per pipe (FID) of the connection.
    Dissector below = layer > 0 ? d.dissector(layer - 1) : null;
    int pipe = below instanceof SmbDissector ? SmbDissector.fid(d, layer - 1)
        : below instanceof Smb2Dissector ? Smb2Dissector.pipe(d, layer - 1) : -1;
    Calls calls = PerStream.<Map<Integer, Calls>>ofTcp(d, this, transport, HashMap::new)
        .computeIfAbsent(pipe, k -> new Calls());
    if ((type == BIND || type == ALTER_CONTEXT) && d.length(layer) >= 28) {
      int items = b[s + 24] & 0xff;
      int at = s + 28;
      for (int i = 0; i < items && at + 4 <= d.end(layer); i++) {
        calls.contexts.set(u16(b, at, le));
        if (at + 20 <= d.end(layer)) {
          calls.interfaces.put(u16(b, at, le), uuid(b, at + 4, le));
        }
        if (at + 40 <= d.end(layer) && (b[at + 2] & 0xff) > 0) {
          calls.ndr64.set(u16(b, at, le), NDR64_UUID.equals(uuid(b, at + 24, le)));
        }
        at += 24 + 20 * (b[at + 2] & 0xff);
      }
    }
    if (type == REQUEST || type == RESPONSE || type == FAULT) {
      d.annotate(layer, A_UNBOUND + 1);
    }
    if ((type == REQUEST || type == RESPONSE) && d.length(layer) >= 24 && !calls.contexts.get(u16(b, s + 20, le))) {
      d.setAnnotation(layer, A_UNBOUND, 1);
      d.expert(layer, NO_BIND_INFO, s + 20, 2,
          "No bind info for interface Context ID " + u16(b, s + 20, le) + " - capture start too late?");
    }
    if (type == REQUEST && d.length(layer) >= 24) {
      if ((flags & 1) != 0) {
        calls.requests.put(callId, new long[] {d.number(), d.timestampNanos(), u16(b, s + 22, le)});
      }
    } else if (type == RESPONSE || type == FAULT) {
      long[] req = calls.requests.get(callId);
      // tshark links a response to its request only on a context it saw bound (zeek's MAPI
      // capture answers calls on contexts bound before the capture: no opnum, no request link).
      if (req != null && d.length(layer) >= 22 && calls.contexts.get(u16(b, s + 20, le))) {
        d.setAnnotation(layer, A_REQUEST, req[0]);
        d.setAnnotation(layer, A_REQUEST_TS, req[1]);
        d.setAnnotation(layer, A_OPNUM, req[2] + 1);
      }
    }
    return interfaceStub(d, layer, calls, le, type, flags, fragLen);
  }

  /**
   * Hands a whole (single-fragment) request or response in the clear on a context bound to an
   * interface netsift dissects to that interface's dissector, with the stub as its bytes: the
   * endpoint mapper ({@link EpmDissector}) and Exchange's EMSMDB ({@link MapiDissector}, the
   * operations it decodes). A response needs its request's opnum.
   */
  private Dissector interfaceStub(Dissection d, int layer, Calls calls, boolean le, int type, int flags,
      int fragLen) {
    if ((type != REQUEST && type != RESPONSE) || (flags & 3) != 3 || d.length(layer) < fragLen
        || d.length(layer) < 24) {
      return null;
    }
    byte[] b = d.data();
    int s = d.start(layer);
    String iface = calls.contexts.get(u16(b, s + 20, le)) ? calls.interfaces.get(u16(b, s + 20, le)) : null;
    int op = opnum(d, layer);
    Dissector sub = op < 0 ? null : EPM_UUID.equals(iface) ? epm
        : MapiDissector.UUID.equals(iface) && MapiDissector.decodes(op) ? mapi : null;
    if (sub == null) {
      return null;
    }
    int stub = s + 24 + (type == REQUEST && (flags & 0x80) != 0 ? 16 : 0);
    int end = s + fragLen;
    int authLen = u16(b, s + 10, le);
    if (authLen > 0) {
      int authAt = end - authLen - 8;
      if (authAt < stub || (b[authAt + 1] & 0xff) >= 6) {
        return null; // sealed: the stub stays DCE/RPC's encrypted stub data
      }
      end = authAt - (b[authAt + 2] & 0xff);
    }
    if (end <= stub) {
      return null;
    }
    if (calls.ndr64.get(u16(b, s + 20, le))) {
      d.setAnnotation(layer, A_NDR64, 1);
    }
    d.payload(stub, end);
    return sub;
  }

  /** A UUID at {@code b[at]} in byte order {@code le} (its first three groups follow drep), as text. */
  static String uuid(byte[] b, int at, boolean le) {
    return String.format("%08x-%04x-%04x-", u32(b, at, le), u16(b, at + 4, le), u16(b, at + 6, le))
        + io.netsift.core.field.Addresses.hex(b, at + 8, 2) + "-" + io.netsift.core.field.Addresses.hex(b, at + 10, 6);
  }

  @Override
  public void fields(Tree t) {
    if (!t.has(0, HEADER)) {
      return;
    }
    boolean le = (t.u8(4) & 0x10) != 0;
    int type = t.u8(2);
    int flags = t.u8(3);
    t.uint(VER, 0, 1);
    t.uint(VER_MINOR, 1, 1);
    t.uint(PKT_TYPE, 2, 1);
    t.uint(CN_FLAGS, 3, 1);
    t.enter();
    for (Field f : new Field[] {FLAG_OBJECT, FLAG_MAYBE, FLAG_DNE, FLAG_MPX, FLAG_RESERVED, FLAG_CANCEL_PENDING,
        FLAG_LAST_FRAG, FLAG_FIRST_FRAG}) {
      t.uint(f, 3, 1);
    }
    t.exit();
    t.bytes(DREP, 4, 4);
    t.enter();
    t.number(DREP_BYTEORDER, 4, 1, t.u8(4) >> 4);
    t.number(DREP_CHARACTER, 4, 1, t.u8(4) & 0xf);
    t.uint(DREP_FP, 5, 1);
    t.exit();
    int fragLen = (int) num(t, FRAG_LEN, 8, 2, le);
    int authLen = (int) num(t, AUTH_LEN, 10, 2, le);
    num(t, CALL_ID, 12, 4, le);
    int end = Math.min(t.length(), fragLen);
    int authAt = authLen > 0 ? fragLen - authLen - 8 : end;
    switch (type) {
      case BIND:
      case ALTER_CONTEXT:
        bind(t, le, end);
        break;
      case BIND_ACK:
      case ALTER_CONTEXT_RESP:
        bindAck(t, le, end);
        break;
      case REQUEST:
        request(t, le, flags, authLen, authAt, end);
        break;
      case RESPONSE:
        response(t, le, authLen, authAt, end);
        break;
      case FAULT:
        fault(t, le, authAt, end);
        break;
      default:
        break;
    }
    if (authLen > 0 && authAt >= HEADER) {
      authVerifier(t, le, authAt, authLen);
    }
    int stage = flags & 3;
    boolean encrypted = authLen > 0 && authAt >= HEADER && t.has(authAt + 1, 1) && t.u8(authAt + 1) == 6;
    if (stage != 3 && encrypted && (type == REQUEST || type == RESPONSE)) {
      t.expert(stage == 1 ? FIRST_FRAGMENT : stage == 0 ? MID_FRAGMENT : LAST_FRAGMENT, 0, 0, null);
    }
  }

  private static void bind(Tree t, boolean le, int end) {
    num(t, MAX_XMIT, 16, 2, le);
    num(t, MAX_RECV, 18, 2, le);
    num(t, ASSOC_GROUP, 20, 4, le);
    int items = (int) t.uint(NUM_CTX_ITEMS, 24, 1);
    int at = 28;
    for (int i = 0; i < items && t.has(at, 4); i++) {
      int trans = t.u8(at + 2);
      int itemLen = 4 + 20 + 20 * trans;
      String iface = uuid(t, at + 4, le);
      String ifName = UUIDS.getOrDefault(iface, iface);
      String firstTs = t.has(at + 24, 16) ? uuid(t, at + 24, le) : "";
      t.object(CTX_ITEM, at, Math.min(itemLen, end - at), "Ctx Item[" + (i + 1) + "]: Context ID:"
          + u16(t, at, le) + ", " + ifName + ", " + syntaxName(firstTs));
      t.enter();
      num(t, CTX_ID, at, 2, le);
      t.uint(NUM_TRANS_ITEMS, at + 2, 1);
      int p = at + 4;
      t.object(ABSTRACT_SYNTAX, p, 20, "Abstract Syntax: " + ifName + " V" + u16(t, p + 16, le)
          + "." + u16(t, p + 18, le));
      t.enter();
      t.object(BIND_TO_UUID, p, 16, uuid(t, p, le));
      num(t, BIND_IF_VER, p + 16, 2, le);
      num(t, BIND_IF_VER_MINOR, p + 18, 2, le);
      t.exit();
      p += 20;
      for (int k = 0; k < trans && t.has(p, 20); k++) {
        String id = uuid(t, p, le);
        t.object(BIND_TRANS, p, 20, "Transfer Syntax[" + (k + 1) + "]: " + syntaxName(id) + " V"
            + u32(t, p + 16, le));
        t.enter();
        t.object(BIND_TRANS_ID, p, 16, id);
        if (id.startsWith("6cb71c2c-9812-4540-")) {
          btfn(t, p + 8, le);
        }
        num(t, BIND_TRANS_VER, p + 16, 4, le);
        t.exit();
        p += 20;
      }
      t.exit();
      at += itemLen;
    }
  }

  private static String btfnLine(int v) {
    StringBuilder sb = new StringBuilder(String.format("Bind Time Features: 0x%04x", v));
    if ((v & 1) != 0) {
      sb.append(", Security Context Multiplexing Supported");
    }
    if ((v & 2) != 0) {
      sb.append(", Keep Connection On Orphan Supported");
    }
    return sb.toString();
  }

  /** The bind time feature bits that ride in a transfer syntax UUID or a Negotiate ACK's reason. */
  private static void btfn(Tree t, int at, boolean le) {
    num(t, BTFN, at, 2, le);
    t.enter();
    num(t, BTFN_01, at, 2, le);
    num(t, BTFN_02, at, 2, le);
    t.exit();
  }

  private static void bindAck(Tree t, boolean le, int end) {
    num(t, MAX_XMIT, 16, 2, le);
    num(t, MAX_RECV, 18, 2, le);
    num(t, ASSOC_GROUP, 20, 4, le);
    int addrLen = (int) num(t, SEC_ADDR_LEN, 24, 2, le);
    if (addrLen > 0 && t.has(26, addrLen)) {
      t.object(SEC_ADDR, 26, addrLen, t.asciiz(26, addrLen));
    }
    int at = 26 + addrLen;
    at = (at + 3) & ~3;
    int results = (int) t.uint(NUM_RESULTS, at, 1);
    at += 4;
    for (int i = 0; i < results && t.has(at, 24); i++) {
      int result = (int) num(t, ACK_RESULT, at, 2, le);
      if (result == 3) {
        btfn(t, at + 2, le);
      } else if (result != 0) {
        num(t, ACK_REASON, at + 2, 2, le);
      }
      t.object(ACK_TRANS_ID, at + 4, 16, uuid(t, at + 4, le));
      num(t, ACK_TRANS_VER, at + 20, 4, le);
      at += 24;
    }
  }

  private void request(Tree t, boolean le, int flags, int authLen, int authAt, int end) {
    num(t, ALLOC_HINT, 16, 4, le);
    num(t, CTX_ID, 20, 2, le);
    num(t, OPNUM, 22, 2, le);
    int stub = 24;
    if ((flags & 0x80) != 0) {
      t.object(OBJECT_UUID, 24, 16, uuid(t, 24, le));
      stub += 16;
    }
    stubData(t, authLen, stub, authAt, end, t.annotation(A_UNBOUND) == 1);
  }

  private void response(Tree t, boolean le, int authLen, int authAt, int end) {
    num(t, ALLOC_HINT, 16, 4, le);
    num(t, CTX_ID, 20, 2, le);
    t.uint(CANCEL_COUNT, 22, 1);
    requestLinks(t);
    if ((t.u8(3) & 3) == 3 && t.annotation(A_OPNUM) != 0) {
      // A whole response goes on to the interface's handler, which links the request again.
      t.generated(REQUEST_IN, t.annotation(A_REQUEST));
    }
    stubData(t, authLen, 24, authAt, end, t.annotation(A_UNBOUND) == 1);
  }

  private void requestLinks(Tree t) {
    long opnum = t.annotation(A_OPNUM);
    if (opnum != 0) {
      t.generated(OPNUM, opnum - 1);
      t.generated(REQUEST_IN, t.annotation(A_REQUEST));
      t.generated(TIME, t.dissection().timestampNanos() - t.annotation(A_REQUEST_TS));
    }
  }

  private static void stubData(Tree t, int authLen, int stub, int authAt, int end, boolean unbound) {
    int stubEnd = Math.min(authAt, end);
    if (stubEnd <= stub) {
      return;
    }
    int level = authLen > 0 && t.has(authAt + 1, 1) ? t.u8(authAt + 1) : 0;
    if (level == 6) {
      // An encrypted stub stays DCE/RPC's.
      t.bytes(ENCRYPTED_STUB_DATA, stub, stubEnd - stub);
    } else if (unbound) {
      // With no bind seen tshark knows no interface: the stub shows as DCE/RPC's stub data,
      // which tshark 4.0 makes run to the PDU's end less the auth padding's length (over the
      // auth verifier: zeek's MAPI capture, every such frame). On a bound context the stub goes
      // to the interface's dissector (EPM here; the others are not decoded yet and show
      // nothing, as tshark's show no dcerpc.stub_data item).
      int pad = authLen > 0 && t.has(authAt + 2, 1) ? t.u8(authAt + 2) : 0;
      int to = Math.min(end, t.length()) - pad;
      if (to > stub) {
        t.bytes(STUB_DATA, stub, to - stub);
      }
    }
  }

  private void fault(Tree t, boolean le, int authAt, int end) {
    num(t, ALLOC_HINT, 16, 4, le);
    num(t, CTX_ID, 20, 2, le);
    t.uint(CANCEL_COUNT, 22, 1);
    t.uint(FAULT_FLAGS, 23, 1);
    t.enter();
    t.uint(FAULT_EXTENDED_ERROR, 23, 1);
    t.exit();
    long status = num(t, STATUS, 24, 4, le);
    if (t.has(24, 4)) {
      t.enter();
      t.expert(FAULT_NOTE, 24, 4, "Fault: " + statusName(status));
      t.exit();
    }
    t.bytes(RESERVED, 28, 4);
    requestLinks(t);
    int stubEnd = Math.min(authAt, end);
    if (stubEnd > 32) {
      t.bytes(FAULT_STUB_DATA, 32, stubEnd - 32);
    }
  }

  private static void authVerifier(Tree t, boolean le, int at, int authLen) {
    if (!t.has(at, 8)) {
      return;
    }
    int type = t.u8(at);
    int level = t.u8(at + 1);
    String line = String.format("Auth Info: %s, %s, AuthContextId(%d)", AUTH_TYPES.getOrDefault((long) type,
        "Unknown"), AUTH_LEVELS.getOrDefault((long) level, "Unknown"), u32(t, at + 4, le));
    t.object(AUTH_INFO, at, 8 + authLen, line);
    t.enter();
    t.uint(AUTH_TYPE, at, 1);
    t.uint(AUTH_LEVEL, at + 1, 1);
    t.uint(AUTH_PAD_LEN, at + 2, 1);
    t.uint(AUTH_RSRVD, at + 3, 1);
    num(t, AUTH_CTX_ID, at + 4, 4, le);
    t.exit();
    int type2 = t.u8(2);
    if (type2 == REQUEST || type2 == RESPONSE) {
      // tshark adds the verifier's item a second time where it tries to decrypt the stub.
      t.object(AUTH_INFO, at, 8 + authLen, line);
    }
  }

  private static long num(Tree t, Field f, int rel, int len, boolean le) {
    return le ? t.uintle(f, rel, len) : t.uint(f, rel, len);
  }

  /** A 16-bit integer of the layer, or 0 past the captured bytes. */
  private static int u16(Tree t, int rel, boolean le) {
    return t.has(rel, 2) ? u16(t.data(), t.start() + rel, le) : 0;
  }

  private static long u32(Tree t, int rel, boolean le) {
    return t.has(rel, 4) ? u32(t.data(), t.start() + rel, le) : 0;
  }

  /** An integer in the byte order the PDU's data representation names. */
  static int u16(byte[] b, int at, boolean le) {
    return le ? Bytes.u16le(b, at) : Bytes.u16(b, at);
  }

  static long u32(byte[] b, int at, boolean le) {
    return le ? Bytes.u32le(b, at) : Bytes.u32(b, at);
  }

  /** A UUID in the PDU's byte order (its first three groups follow drep), as text. */
  static String uuid(Tree t, int rel, boolean le) {
    if (!t.has(rel, 16)) {
      return "";
    }
    return uuid(t.data(), t.start() + rel, le);
  }

  /** tshark's name of a transfer syntax (the bind time feature UUID by its meaning). */
  private static String syntaxName(String id) {
    return id.startsWith("6cb71c2c-9812-4540-") ? "Bind Time Feature Negotiation" : UUIDS.getOrDefault(id, id);
  }

  private static String statusName(long status) {
    String name = FAULT_STATUS.get(status);
    return name != null ? name : String.format("Unknown (0x%08x)", status);
  }

  /** The NTLMSSP message type name of the verifier at {@code at}, with AUTH's user; null if none. */
  private static String ntlmssp(Tree t, int at, int authLen) {
    int m = at + 8;
    if (authLen < 12 || !t.has(m, 12) || t.u8(at) != 10) {
      return null;
    }
    if (!new String(t.data(), t.start() + m, 7, StandardCharsets.ISO_8859_1).equals("NTLMSSP")) {
      return null;
    }
    long kind = u32(t, m + 8, true);
    if (kind == 1) {
      return "NTLMSSP_NEGOTIATE";
    }
    if (kind == 2) {
      return "NTLMSSP_CHALLENGE";
    }
    if (kind != 3) {
      return null;
    }
    String domain = ntlmString(t, m, 28, authLen);
    String user = ntlmString(t, m, 36, authLen);
    return "NTLMSSP_AUTH, User: " + domain + "\\" + user;
  }

  /** An NTLMSSP security buffer (length, max length, offset) at {@code field} of the message at {@code m}. */
  private static String ntlmString(Tree t, int m, int field, int authLen) {
    if (!t.has(m + field, 8)) {
      return "";
    }
    int length = t.u16le(m + field);
    long offset = u32(t, m + field + 4, true);
    if (offset + length > authLen || !t.has(m + (int) offset, length)) {
      return "";
    }
    return new String(t.data(), t.start() + m + (int) offset, length, StandardCharsets.UTF_16LE);
  }

  private static String fragment(int flags) {
    switch (flags & 3) {
      case 3: return "Single";
      case 1: return "1st";
      case 2: return "Last";
      default: return "Mid";
    }
  }

  @Override
  public String label(Tree t) {
    if (!t.has(0, HEADER)) {
      return longName();
    }
    boolean le = (t.u8(4) & 0x10) != 0;
    int type = t.u8(2);
    StringBuilder sb = new StringBuilder(longName()).append(' ')
        .append(PKT_TYPES.getOrDefault((long) type, "Unknown")).append(", Fragment: ").append(fragment(t.u8(3)))
        .append(", FragLen: ").append(u16(t, 8, le)).append(", Call: ")
        .append(u32(t, 12, le));
    if ((type == REQUEST || type == RESPONSE || type == FAULT) && t.has(20, 2)) {
      sb.append(", Ctx: ").append(u16(t, 20, le));
      if (type == REQUEST && t.has(22, 2)) {
        sb.append(", Opnum: ").append(u16(t, 22, le));
      }
      if (type == FAULT) {
        sb.setLength(sb.lastIndexOf(", Ctx: "));
      }
      if (type != REQUEST && t.annotation(A_OPNUM) != 0) {
        sb.append(", [Req: #").append(t.annotation(A_REQUEST)).append(']');
      }
    }
    return sb.toString();
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (!t.has(0, HEADER)) {
      return;
    }
    boolean le = (t.u8(4) & 0x10) != 0;
    int type = t.u8(2);
    int fragLen = u16(t, 8, le);
    int authLen = u16(t, 10, le);
    int authAt = fragLen - authLen - 8;
    StringBuilder info = new StringBuilder(PKT_TYPES.getOrDefault((long) type, "Unknown"))
        .append(": call_id: ").append(u32(t, 12, le)).append(", Fragment: ").append(fragment(t.u8(3)));
    switch (type) {
      case BIND:
      case ALTER_CONTEXT:
        bindInfo(t, le, info);
        break;
      case BIND_ACK:
      case ALTER_CONTEXT_RESP:
        bindAckInfo(t, le, info);
        break;
      case REQUEST:
        if (t.has(20, 4)) {
          info.append(", opnum: ").append(u16(t, 22, le)).append(", Ctx: ").append(u16(t, 20, le));
        }
        break;
      case RESPONSE:
        if (t.has(20, 2)) {
          info.append(", Ctx: ").append(u16(t, 20, le));
        }
        break;
      case FAULT:
        if (t.has(24, 4)) {
          info.append(", Ctx: ").append(u16(t, 20, le)).append(", status: ")
              .append(statusName(u32(t, 24, le)));
        }
        break;
      default:
        break;
    }
    if (authLen > 0 && authAt >= HEADER && (type == BIND || type == BIND_ACK || type == AUTH3 || type == ALTER_CONTEXT
        || type == ALTER_CONTEXT_RESP)) {
      String ntlm = ntlmssp(t, authAt, authLen);
      if (ntlm != null) {
        info.append(", ").append(ntlm);
      }
    }
    c.setInfo(info.toString());
  }

  private static void bindInfo(Tree t, boolean le, StringBuilder info) {
    if (!t.has(24, 1)) {
      return;
    }
    int items = t.u8(24);
    info.append(", ").append(items).append(" context items: ");
    int at = 28;
    for (int i = 0; i < items && t.has(at, 24); i++) {
      int trans = t.u8(at + 2);
      String iface = uuid(t, at + 4, le);
      String ver = u16(t, at + 20, le) + "." + u16(t, at + 22, le);
      for (int k = 0; k < trans && t.has(at + 24 + 20 * k, 20); k++) {
        String ts = uuid(t, at + 24 + 20 * k, le);
        if (i > 0 || k > 0) {
          info.append(", ");
        }
        info.append(UUIDS.getOrDefault(iface, iface)).append(" V").append(ver).append(" (")
            .append(UUIDS.getOrDefault(ts, ts)).append(')');
      }
      at += 24 + 20 * trans;
    }
  }

  private static void bindAckInfo(Tree t, boolean le, StringBuilder info) {
    if (!t.has(26, 0)) {
      return;
    }
    info.append(", max_xmit: ").append(u16(t, 16, le)).append(" max_recv: ").append(u16(t, 18, le));
    int addrLen = u16(t, 24, le);
    int at = (26 + addrLen + 3) & ~3;
    if (!t.has(at, 1)) {
      return;
    }
    int results = t.u8(at);
    info.append(", ").append(results).append(" results: ");
    at += 4;
    for (int i = 0; i < results && t.has(at, 24); i++) {
      if (i > 0) {
        info.append(", ");
      }
      info.append(ACK_RESULTS.getOrDefault((long) u16(t, at, le), "Unknown"));
      at += 24;
    }
  }
}

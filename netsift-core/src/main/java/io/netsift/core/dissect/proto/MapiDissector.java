package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Exchange's EMSMDB interface (tshark's {@code mapi}, "Exchange 5.5 EMSMDB", interface
 * a4f1db00-ca47-1067-b31f-00dd010662da): the stub of a whole request or response on a context
 * bound to it, handed over by {@link DcerpcDissector}. Decoded as tshark 4.0 decodes them:
 * EcDoConnect, EcDoDisconnect, EcDoRpc (its MAPI buffer XOR-ed with 0xA5, shown as the
 * "Decrypted MAPI" data source with the operations tshark knows) and
 * EcRRegisterPushNotification; other operations are left to DCE/RPC.
 *
 * <pre>
 * EcDoConnect request   user DN (conformant varying string) | flags, con mode, limit 4+4+4 |
 *                       code page 4 | locale: language 4, method 4 | link 4 | 2 | client version 3x2 |
 *                       time stamp 4
 * EcDoConnect response  handle 20 | polls max, retry, retry delay 4+4+4 | session 2 | DN prefix and
 *                       display name (unique pointers to strings) | server, best version 3x2+3x2 |
 *                       time stamp 4 | status 4
 * EcDoRpc               handle 20 | size 4 | offset 4 | buffer length 4 | buffer ^ 0xA5 | length 2 |
 *                       request: max data 2; response: status 4
 * MAPI buffer           length 2 | operations up to length: opnum 1, [request: flags 1], handle index 1,
 *                       [response: status 4], body | handles 4 each to the buffer's end
 * </pre>
 *
 * NDR integers follow the PDU's byte order and align to their size from the stub's start; the
 * MAPI buffer is little-endian and unaligned. What tshark leaves after its last item raises its
 * "Long frame" warning (DCE/RPC's {@code dcerpc.long_frame}, counted under MAPI) and Info's
 * "[Long frame (n bytes)]": EcRRegisterPushNotification's two byte arrays, which tshark 4.0
 * reads as no bytes at all with a "Max Count" it never read (0, at the stub's start), leave 36
 * bytes in zeek's MAPI capture. frame.protocols does not list the layer, as tshark's DCE/RPC
 * calls it without a hand-off. Not drawn as tshark: the names of the property tags a GetProps
 * asks for ("[00] PR_USER_ENTRYID", from tshark's table of ~3400 tags) and of the handles.
 */
public final class MapiDissector extends Dissector {
  /** The EMSMDB interface's UUID, which DCE/RPC's binds name. */
  static final String UUID = "a4f1db00-ca47-1067-b31f-00dd010662da";

  private static final Map<Long, String> OPS = ValueNames.parse("0=EcDoConnect|1=EcDoDisconnect|2=EcDoRpc"
      + "|3=EcGetMoreRpc|4=EcRRegisterPushNotification|5=EcRUnregisterPushNotification|6=EcDummyRpc"
      + "|7=EcRGetDCName|8=EcRNetGetDCName|9=EcDoRpcExt");
  /** The MAPI operations inside EcDoRpc's buffer (tshark -G values). */
  private static final Map<Long, String> ROPS = ValueNames.parse(
      "0x1=op_MAPI_Release|0x2=op_MAPI_OpenFolder|0x3=op_MAPI_OpenMessage|"
          + "0x4=op_MAPI_GetHierarchyTable|0x5=op_MAPI_GetContentsTable|0x6=op_MAPI_CreateMessage|"
          + "0x7=op_MAPI_GetProps|0x8=op_MAPI_GetPropsAll|0x9=op_MAPI_GetPropList|0xa=op_MAPI_SetProps|"
          + "0xb=op_MAPI_DeleteProps|0xc=op_MAPI_SaveChangesMessage|0xe=op_MAPI_ModifyRecipients|"
          + "0x11=op_MAPI_SetReadFlags|0x12=op_MAPI_SetColumns|0x13=op_MAPI_SortTable|0x14=op_MAPI_Restrict|"
          + "0x15=op_MAPI_QueryRows|0x17=op_MAPI_GetRowCount|0x18=op_MAPI_SeekRow|"
          + "0x19=op_MAPI_SeekRowBookmark|0x1a=op_MAPI_SeekRowApprox|0x1b=op_MAPI_CreateBookmark|"
          + "0x1c=op_MAPI_CreateFolder|0x1d=op_MAPI_DeleteFolder|0x1e=op_MAPI_DeleteMessages|"
          + "0x1f=op_MAPI_GetMessageStatus|0x20=op_MAPI_SetMessageStatus|0x21=op_MAPI_GetAttachmentTable|"
          + "0x22=op_MAPI_OpenAttach|0x23=op_MAPI_CreateAttach|0x24=op_MAPI_DeleteAttach|"
          + "0x25=op_MAPI_SaveChanges|0x26=op_MAPI_SetReceiveFolder|0x27=op_MAPI_GetReceiveFolder|"
          + "0x29=op_MAPI_Advise|0x2a=op_MAPI_Notify|0x2b=op_MAPI_OpenStream|0x2c=op_MAPI_ReadStream|"
          + "0x2d=op_MAPI_WriteStream|0x30=op_MAPI_SetSearchCriteria|0x31=op_MAPI_GetSearchCriteria|"
          + "0x32=op_MAPI_SubmitMessage|0x33=op_MAPI_CopyMessages|0x37=op_MAPI_QueryColumns|"
          + "0x3e=op_MAPI_GetTable|0x40=op_MAPI_ModifyTable|0x4f=op_MAPI_FindRow|0x49=op_MAPI_AddressTypes|"
          + "0x55=op_MAPI_GetNamesFromIDs|0x56=op_MAPI_GetIDsFromNames|0x58=op_MAPI_EmptyFolder|"
          + "0x5f=op_MAPI_QueryNamesFromIDs|0x68=op_MAPI_GetReceiveFolderTable|0xfe=op_MAPI_OpenMsgStore");
  private static final int ROP_RELEASE = 0x01;
  private static final int ROP_OPEN_FOLDER = 0x02;
  private static final int ROP_GET_PROPS = 0x07;
  private static final int ROP_NOTIFY = 0x2a;
  private static final int ROP_OPEN_MSG_STORE = 0xfe;
  private static final Map<Long, String> STATUS = ValueNames.parse(
      "0x0=MAPI_E_SUCCESS|0x80040102=MAPI_E_NO_SUPPORT|0x80040103=MAPI_E_BAD_CHARWIDTH|"
          + "0x80040105=MAPI_E_STRING_TOO_LONG|0x80040106=MAPI_E_UNKNOWN_FLAGS|"
          + "0x80040107=MAPI_E_INVALID_ENTRYID|0x80040108=MAPI_E_INVALID_OBJECT|"
          + "0x80040109=MAPI_E_OBJECT_CHANGED|0x8004010a=MAPI_E_OBJECT_DELETED|0x8004010b=MAPI_E_BUSY|"
          + "0x8004010d=MAPI_E_NOT_ENOUGH_DISK|0x8004010e=MAPI_E_NOT_ENOUGH_RESOURCES|"
          + "0x8004010f=MAPI_E_NOT_FOUND|0x80040110=MAPI_E_VERSION|0x80040111=MAPI_E_LOGON_FAILED|"
          + "0x80040112=MAPI_E_SESSION_LIMIT|0x80040113=MAPI_E_USER_CANCEL|0x80040114=MAPI_E_UNABLE_TO_ABORT|"
          + "0x80040115=MAPI_E_NETWORK_ERROR|0x80040116=MAPI_E_DISK_ERROR|0x80040117=MAPI_E_TOO_COMPLEX|"
          + "0x80040118=MAPI_E_BAD_COLUMN|0x80040119=MAPI_E_EXTENDED_ERROR|0x8004011a=MAPI_E_COMPUTED|"
          + "0x8004011b=MAPI_E_CORRUPT_DATA|0x8004011c=MAPI_E_UNCONFIGURED|0x8004011d=MAPI_E_FAILONEPROVIDER|"
          + "0x8004011e=MAPI_E_UNKNOWN_CPID|0x8004011f=MAPI_E_UNKNOWN_LCID|"
          + "0x80040120=MAPI_E_PASSWORD_CHANGE_REQUIRED|0x80040121=MAPI_E_PASSWORD_EXPIRED|"
          + "0x80040122=MAPI_E_INVALID_WORKSTATION_ACCOUNT|0x80040123=MAPI_E_INVALID_ACCESS_TIME|"
          + "0x80040124=MAPI_E_ACCOUNT_DISABLED|0x80040200=MAPI_E_END_OF_SESSION|"
          + "0x80040201=MAPI_E_UNKNOWN_ENTRYID|0x80040202=MAPI_E_MISSING_REQUIRED_COLUMN|"
          + "0x80040203=MAPI_W_NO_SERVICE|0x80040301=MAPI_E_BAD_VALUE|0x80040302=MAPI_E_INVALID_TYPE|"
          + "0x80040303=MAPI_E_TYPE_NO_SUPPORT|0x80040304=MAPI_E_UNEXPECTED_TYPE|0x80040305=MAPI_E_TOO_BIG|"
          + "0x80040306=MAPI_E_DECLINE_COPY|0x80040307=MAPI_E_UNEXPECTED_ID|"
          + "0x80040380=MAPI_W_ERRORS_RETURNED|0x80040400=MAPI_E_UNABLE_TO_COMPLETE|"
          + "0x80040401=MAPI_E_TIMEOUT|0x80040402=MAPI_E_TABLE_EMPTY|0x80040403=MAPI_E_TABLE_TOO_BIG|"
          + "0x80040405=MAPI_E_INVALID_BOOKMARK|0x80040481=MAPI_W_POSITION_CHANGED|"
          + "0x80040482=MAPI_W_APPROX_COUNT|0x80040500=MAPI_E_WAIT|0x80040501=MAPI_E_CANCEL|"
          + "0x80040502=MAPI_E_NOT_ME|0x80040580=MAPI_W_CANCEL_MESSAGE|0x80040600=MAPI_E_CORRUPT_STORE|"
          + "0x80040601=MAPI_E_NOT_IN_QUEUE|0x80040602=MAPI_E_NO_SUPPRESS|0x80040604=MAPI_E_COLLISION|"
          + "0x80040605=MAPI_E_NOT_INITIALIZED|0x80040606=MAPI_E_NON_STANDARD|"
          + "0x80040607=MAPI_E_NO_RECIPIENTS|0x80040608=MAPI_E_SUBMITTED|0x80040609=MAPI_E_HAS_FOLDERS|"
          + "0x8004060a=MAPI_E_HAS_MESSAGES|0x8004060b=MAPI_E_FOLDER_CYCLE|"
          + "0x80040680=MAPI_W_PARTIAL_COMPLETION|0x80040700=MAPI_E_AMBIGUOUS_RECIP|"
          + "0xffffffff=MAPI_E_RESERVED");
  /** The notification kinds of EcRRegisterPushNotification's 16-bit event mask, bit by bit. */
  private static final String[] EVENTS = {"fnevCriticalError", "fnevNewMail", "fnevObjectCreated",
      "fnevObjectDeleted", "fnevObjectModified", "fnevObjectMoved", "fnevObjectCopied", "fnevSearchComplete",
      "fnevTableModified", "fnevStatusObjectModified"};

  public static final Field OPNUM = Field.u16("mapi.opnum", "Operation").labels(OPS);
  public static final Field HANDLE = Field.bytes("mapi.handle", "Handle");
  public static final Field NAME = Field.string("mapi.EcDoConnect.name", "Name");
  public static final Field UNKNOWN1 = Field.u32("mapi.EcDoConnect.unknown1", "Unknown1");
  public static final Field CODE_PAGE = Field.u32("mapi.EcDoConnect.code_page", "Code Page");
  public static final Field INPUT_LOCALE = Field.none("mapi.EcDoConnect.input_locale", "Input Locale");
  public static final Field LANGUAGE = Field.u32("mapi.input_locale.language", "Language");
  public static final Field METHOD = Field.u32("mapi.input_locale.method", "Method");
  public static final Field UNKNOWN2 = Field.u32("mapi.EcDoConnect.unknown2", "Unknown2");
  public static final Field UNKNOWN3 = Field.u16("mapi.EcDoConnect.unknown3", "Unknown3");
  public static final Field CLIENT_VERSION = Field.u16("mapi.EcDoConnect.emsmdb_client_version",
      "Emsmdb Client Version");
  public static final Field ALLOC_SPACE = Field.u32("mapi.EcDoConnect.alloc_space", "Alloc Space");
  public static final Field UNKNOWN4 = Field.u32("mapi.EcDoConnect.unknown4", "Unknown4");
  public static final Field SESSION_NB = Field.u16("mapi.EcDoConnect.session_nb", "Session Nb");
  public static final Field ORG_GROUP = Field.string("mapi.EcDoConnect.org_group", "Org Group");
  public static final Field USER = Field.string("mapi.EcDoConnect.user", "User");
  public static final Field STORE_VERSION = Field.u16("mapi.EcDoConnect.store_version", "Store Version");
  public static final Field STATUS_FIELD = Field.u32("mapi.MAPISTATUS_status", "MAPISTATUS").hex()
      .labels(STATUS);
  public static final Field SIZE = Field.u32("mapi.EcDoRpc.size", "Size");
  public static final Field OFFSET = Field.u32("mapi.EcDoRpc.offset", "Offset");
  public static final Field MAPI_REQUEST = Field.none("mapi.EcDoRpc.mapi_request", "Mapi Request");
  public static final Field MAPI_RESPONSE = Field.none("mapi.EcDoRpc.mapi_response", "Mapi Response");
  public static final Field SUBCONTEXT_SIZE = Field.u32("mapi.EcDoRpc.subcontext_size", "Subcontext size").hex();
  public static final Field PDU_LEN = Field.u16("mapi.pdu.len", "Length").hex();
  public static final Field DECRYPTED_DATA = Field.bytes("mapi.decrypted.data", "Decrypted data");
  public static final Field MAPI_REQ = Field.none("mapi.mapi_request.mapi_req", "Mapi Req");
  public static final Field MAPI_REPL = Field.none("mapi.mapi_response.mapi_repl", "Mapi Repl");
  /** The operation of a MAPI request or reply (tshark names both after the reply). */
  public static final Field ROP = Field.u8("mapi.EcDoRpc_MAPI_REPL.opnum", "Opnum").hex().labels(ROPS);
  public static final Field MAPI_FLAGS = Field.u8("mapi.EcDoRpc.mapi_flags", "mapi_flags").hex();
  public static final Field HANDLE_INDEX = Field.u8("mapi.EcDoRpc.handle_index", "Handle index");
  public static final Field REQ_RELEASE = Field.none("mapi.EcDoRpc_MAPI_REQ_UNION.mapi_Release", "Mapi Release");
  public static final Field REQ_OPEN_FOLDER = Field.none("mapi.EcDoRpc_MAPI_REQ_UNION.mapi_OpenFolder",
      "Mapi OpenFolder");
  public static final Field REQ_GET_PROPS = Field.none("mapi.EcDoRpc_MAPI_REQ_UNION.mapi_GetProps", "Mapi GetProps");
  public static final Field REQ_OPEN_MSG_STORE = Field.none("mapi.EcDoRpc_MAPI_REQ_UNION.mapi_OpenMsgStore",
      "Mapi OpenMsgStore");
  public static final Field REPL_RELEASE = Field.none("mapi.EcDoRpc_MAPI_REPL_UNION.mapi_Release", "Mapi Release");
  public static final Field REPL_OPEN_FOLDER = Field.none("mapi.EcDoRpc_MAPI_REPL_UNION.mapi_OpenFolder",
      "Mapi OpenFolder");
  public static final Field REPL_GET_PROPS = Field.none("mapi.EcDoRpc_MAPI_REPL_UNION.mapi_GetProps",
      "Mapi GetProps");
  public static final Field CODEPAGE = Field.u32("mapi.EcDoRpc.codepage", "Codepage").hex();
  public static final Field PADDING = Field.u32("mapi.EcDoRpc.padding", "Padding").hex();
  public static final Field ROW = Field.u8("mapi.EcDoRpc.row", "Row").hex();
  public static final Field STR_LENGTH = Field.u16("mapi.EcDoRpc.str_length", "Length").hex();
  public static final Field MAILBOX = Field.string("mapi.EcDoRpc.mailbox", "Mailbox");
  public static final Field FOLDER_ID = Field.u64("mapi.EcDoRpc.folder_id", "Folder ID").hex();
  public static final Field RPC_UNKNOWN1 = Field.u16("mapi.EcDoRpc.unknown1", "Unknown1").hex();
  public static final Field RPC_UNKNOWN2 = Field.u8("mapi.EcDoRpc.unknown2", "Unknown2");
  public static final Field RPC_UNKNOWN3 = Field.u32("mapi.EcDoRpc.unknown3", "Unknown3").hex();
  public static final Field PROP_COUNT = Field.u16("mapi.EcDoRpc.prop_count", "Prop count").hex();
  public static final Field MAPI_TAG = Field.u32("mapi.EcDoRpc.mapi_tag", "MAPI tag").hex();
  public static final Field LAYOUT = Field.u8("mapi.EcDoRpc.layout", "Layout");
  public static final Field MAPI_HANDLE = Field.u32("mapi.mapi_handle", "MAPI handle").hex();
  public static final Field LENGTH = Field.u16("mapi.EcDoRpc.length", "Length");
  public static final Field MAX_DATA = Field.u16("mapi.EcDoRpc.max_data", "Max Data");
  public static final Field EVENT_MASK = Field.u16("mapi.EcRRegisterPushNotification.ulEventMask", "UlEventMask")
      .hex().shown(MapiDissector::eventMask);
  public static final Field NOTIF_LEN = Field.u16("mapi.EcRRegisterPushNotification.notif_len", "Notif Len");
  public static final Field PUSH_UNKNOWN2 = Field.u32("mapi.EcRRegisterPushNotification.unknown2", "Unknown2");
  public static final Field SOCKADDR_LEN = Field.u16("mapi.EcRRegisterPushNotification.sockaddr_len",
      "Sockaddr Len");
  public static final Field RETVAL = Field.u32("mapi.EcRRegisterPushNotification.retval", "Retval");
  private static final Field[] EVENT_FLAGS = new Field[EVENTS.length];

  static {
    for (int i = 0; i < EVENTS.length; i++) {
      String e = EVENTS[i];
      EVENT_FLAGS[i] = Field.bool("mapi.ulEventType." + e, Character.toUpperCase(e.charAt(0)) + e.substring(1))
          .mask(1L << i, 16).states(e + " is SET", e + " is NOT SET");
    }
  }

  // Declared one by one so that the registry (which reads static Field constants) finds them.
  public static final Field FNEV_CRITICAL_ERROR = EVENT_FLAGS[0];
  public static final Field FNEV_NEW_MAIL = EVENT_FLAGS[1];
  public static final Field FNEV_OBJECT_CREATED = EVENT_FLAGS[2];
  public static final Field FNEV_OBJECT_DELETED = EVENT_FLAGS[3];
  public static final Field FNEV_OBJECT_MODIFIED = EVENT_FLAGS[4];
  public static final Field FNEV_OBJECT_MOVED = EVENT_FLAGS[5];
  public static final Field FNEV_OBJECT_COPIED = EVENT_FLAGS[6];
  public static final Field FNEV_SEARCH_COMPLETE = EVENT_FLAGS[7];
  public static final Field FNEV_TABLE_MODIFIED = EVENT_FLAGS[8];
  public static final Field FNEV_STATUS_OBJECT_MODIFIED = EVENT_FLAGS[9];

  /** The event mask as tshark's bitmap item shows it: "0x0006: fnevNewMail, fnevObjectCreated". */
  private static String eventMask(long v) {
    StringBuilder sb = new StringBuilder(String.format("0x%04x: ", v));
    int shown = 0;
    for (int i = 0; i < EVENTS.length; i++) {
      if ((v & 1L << i) != 0) {
        sb.append(shown++ > 0 ? ", " : "").append(EVENTS[i]);
      }
    }
    return shown == 0 ? sb.append("(No values set)").toString() : sb.toString();
  }

  /** DCE/RPC's note on stub bytes an interface's dissector left; tshark counts it under MAPI here. */
  public static final Expert LONG_FRAME = new Expert("dcerpc.long_frame", Expert.Severity.WARNING, "Protocol",
      "Long frame");

  /** Annotation: 1 + the index of the "Decrypted MAPI" data source of an EcDoRpc call, else 0. */
  private static final int A_SOURCE = 0;

  public MapiDissector() {
    super("mapi", "Exchange 5.5 EMSMDB", "MAPI");
  }

  /** Whether this dissector decodes operation {@code op}; DCE/RPC keeps the others' stubs. */
  static boolean decodes(int op) {
    return op == 0 || op == 1 || op == 2 || op == 4;
  }

  @Override
  public boolean listedInProtocols() {
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    d.payload(d.end(layer), d.end(layer));
    d.annotate(layer, 1);
    int dce = layer - 1;
    byte[] b = d.data();
    int s = d.start(layer);
    int len = d.length(layer);
    boolean le = (b[d.start(dce) + 4] & 0x10) != 0;
    if (DcerpcDissector.opnum(d, dce) == 2 && len >= 32) {
      // EcDoRpc's buffer, obfuscated by XOR with 0xA5, becomes a data source of its own.
      long size = le ? Bytes.u32le(b, s + 28) : Bytes.u32(b, s + 28);
      int n = (int) Math.min(size, len - 32);
      byte[] plain = new byte[n];
      for (int i = 0; i < n; i++) {
        plain[i] = (byte) (b[s + 32 + i] ^ 0xa5);
      }
      d.addSource("Decrypted MAPI", plain, 0, n);
      d.setAnnotation(layer, A_SOURCE, d.sourceCount());
    }
    Tree t = new Tree().reset(d, layer, null);
    int used = walk(t, new StringBuilder());
    if (used < t.length()) {
      d.expert(layer, LONG_FRAME, s + used, t.length() - used, LONG_FRAME.message());
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    walk(t, new StringBuilder());
  }

  private static boolean request(Tree t) {
    byte[] b = t.data();
    return (b[t.dissection().start(t.layer() - 1) + 2] & 0xff) == DcerpcDissector.REQUEST;
  }

  private static int op(Tree t) {
    return DcerpcDissector.opnum(t.dissection(), t.layer() - 1);
  }

  /**
   * Decodes the stub into {@code t} (with no visitor, nothing is emitted) and the operations'
   * names into {@code info}; returns how many stub bytes tshark's decoding takes.
   */
  private static int walk(Tree t, StringBuilder info) {
    Dissection d = t.dissection();
    int dce = t.layer() - 1;
    boolean le = (d.data()[d.start(dce) + 4] & 0x10) != 0;
    boolean request = request(t);
    int op = op(t);
    t.number(OPNUM, 0, 0, op);
    EpmDissector.Ndr n = new EpmDissector.Ndr(t, le, false, info);
    switch (op) {
      case 0:
        if (request) {
          connectRequest(t, n);
        } else {
          connectResponse(t, n);
        }
        break;
      case 1:
        handle(t, n);
        if (!request) {
          n.u32(STATUS_FIELD);
        }
        break;
      case 2:
        doRpc(t, n, request, info);
        break;
      case 4:
        handle(t, n);
        if (request) {
          n.u16(EVENT_MASK);
          if (t.has(n.p - 2, 2)) {
            t.enter();
            for (Field f : EVENT_FLAGS) {
              if (le) {
                t.uintle(f, n.p - 2, 2);
              } else {
                t.uint(f, n.p - 2, 2);
              }
            }
            t.exit();
          }
          // tshark 4.0 reads neither byte array (rgbContext, rgbCallbackAddress): each shows a
          // Max Count it never read, 0 at the stub's start, and takes no bytes.
          t.number(EpmDissector.MAX_COUNT, 0, 4, 0);
          n.u16(NOTIF_LEN);
          n.u32(PUSH_UNKNOWN2);
          t.number(EpmDissector.MAX_COUNT, 0, 4, 0);
          n.u16(SOCKADDR_LEN);
        } else {
          pointerTo(t, n, "Retval (uint32)", 4, RETVAL);
          n.u32(STATUS_FIELD);
        }
        break;
      default:
        break;
    }
    return Math.min(n.p, t.length());
  }

  /** The context handle every call but EcDoConnect's request starts with. */
  private static void handle(Tree t, EpmDissector.Ndr n) {
    n.align(4);
    if (t.has(n.p, 20)) {
      t.text(n.p, 20, "Pointer to Handle (policy_handle)");
      t.enter();
      t.text(n.p, 20, "Policy Handle");
      t.enter();
      t.bytes(HANDLE, n.p, 20);
      t.exit();
      t.exit();
    }
    n.p += 20;
  }

  /** A reference pointer's referent (tshark's "Pointer to ..." item, no bytes of its own). */
  private static long pointerTo(Tree t, EpmDissector.Ndr n, String what, int size, Field f) {
    int from = n.p;
    int at = (n.p + size - 1) / size * size;
    if (t.has(from, at + size - from)) {
      t.text(from, at + size - from, "Pointer to " + what);
    }
    t.enter();
    long v = n.uint(size, f);
    t.exit();
    return v;
  }

  /** An NDR conformant varying string of bytes: max count, offset, actual count, the characters. */
  private static String string(Tree t, EpmDissector.Ndr n, Field f) {
    n.count(EpmDissector.MAX_COUNT);
    n.count(EpmDissector.OFFSET);
    long count = n.count(EpmDissector.ACTUAL_COUNT);
    if (count < 0 || count > t.length() - n.p) {
      n.p = t.length() + 1;
      return "";
    }
    String text = EpmDissector.zeroTerminated(t, n.p, (int) count);
    t.object(f, n.p, (int) count, text);
    n.p += (int) count;
    return text;
  }

  /** A unique pointer to a string ("Pointer to User (uint8): Allison Leonard"), its referent inline. */
  private static void stringPointer(Tree t, EpmDissector.Ndr n, String what, Field f) {
    n.align(4);
    int from = n.p;
    if (t.has(from, 16)) {
      long ref = Bytes.u32le(t.data(), t.start() + from);
      long count = n.le ? Bytes.u32le(t.data(), t.start() + from + 12) : t.u32(from + 12);
      if (ref != 0 && count >= 0 && count <= t.length() - from - 16) {
        t.text(from, 16 + (int) count, "Pointer to " + what + " (uint8): " + EpmDissector.zeroTerminated(t, from + 16, (int) count));
      }
    }
    t.enter();
    if (n.referent() > 0) {
      string(t, n, f);
    }
    t.exit();
  }

  private static void connectRequest(Tree t, EpmDissector.Ndr n) {
    string(t, n, NAME);
    for (int i = 0; i < 3; i++) {
      n.u32(UNKNOWN1);
    }
    n.u32(CODE_PAGE);
    n.align(4);
    if (t.has(n.p, 8)) {
      t.object(INPUT_LOCALE, n.p, 8, "Input Locale");
    }
    t.enter();
    n.u32(LANGUAGE);
    n.u32(METHOD);
    t.exit();
    n.u32(UNKNOWN2);
    n.u16(UNKNOWN3);
    for (int i = 0; i < 3; i++) {
      n.u16(CLIENT_VERSION);
    }
    pointerTo(t, n, "Alloc Space (uint32)", 4, ALLOC_SPACE);
  }

  private static void connectResponse(Tree t, EpmDissector.Ndr n) {
    handle(t, n);
    for (int i = 0; i < 3; i++) {
      n.u32(UNKNOWN4);
    }
    pointerTo(t, n, "Session Nb (uint16)", 2, SESSION_NB);
    stringPointer(t, n, "Org Group", ORG_GROUP);
    stringPointer(t, n, "User", USER);
    for (int i = 0; i < 3; i++) {
      n.u16(STORE_VERSION);
    }
    for (int i = 0; i < 3; i++) {
      n.u16(CLIENT_VERSION);
    }
    pointerTo(t, n, "Alloc Space (uint32)", 4, ALLOC_SPACE);
    n.u32(STATUS_FIELD);
  }

  /** EcDoRpc: the NDR frame around the MAPI buffer, and the buffer from its decrypted source. */
  private static void doRpc(Tree t, EpmDissector.Ndr n, boolean request, StringBuilder info) {
    handle(t, n);
    n.u32(SIZE);
    n.u32(OFFSET);
    n.align(4);
    int at = n.p;
    long source = t.annotation(A_SOURCE);
    if (!t.has(at, 4) || source == 0) {
      n.p = t.length() + 1;
      return;
    }
    // The buffer's length, under an item that shows no value (FT_NONE in tshark).
    long size = n.le ? t.u32le(at) : t.u32(at);
    t.object(request ? MAPI_REQUEST : MAPI_RESPONSE, at, 4, request ? "Mapi Request" : "Mapi Response");
    t.number(SUBCONTEXT_SIZE, at, (int) Math.min(4 + size, t.length() - at), size);
    Dissection d = t.dissection();
    int src = d.sourceStart((int) source - 1);
    int srcLen = d.sourceLength((int) source - 1);
    int end = buffer(t, src, srcLen, request, info);
    n.p = at + 4 + end;
    pointerTo(t, n, "Length (uint16)", 2, LENGTH);
    if (request) {
      n.u16(MAX_DATA);
    } else {
      n.u32(STATUS_FIELD);
    }
  }

  /**
   * The decrypted MAPI buffer at absolute {@code src}: its length, the operations up to that
   * length, the handles after them. Returns where tshark's decoding of it ends.
   */
  private static int buffer(Tree t, int src, int srcLen, boolean request, StringBuilder info) {
    if (srcLen < 2) {
      return srcLen;
    }
    byte[] b = t.data();
    int pduLen = Bytes.u16le(b, src);
    t.objectAt(null, src, srcLen, "Decrypted MAPI PDU");
    t.enter();
    t.numberAt(PDU_LEN, src, 2, pduLen);
    if (pduLen >= 2 && pduLen <= srcLen) {
      t.bytesAt(DECRYPTED_DATA, src + 2, pduLen - 2);
    }
    int off = 2;
    // A reply is read within the buffer's stated length, a request within the whole buffer.
    int limit = request ? srcLen : Math.min(pduLen, srcLen);
    while (off < pduLen) {
      int end = request ? ropRequest(null, b, src, off, pduLen, limit, null)
          : ropReply(null, b, src, off, pduLen, limit, null);
      if (end < 0) {
        break; // past the buffer: tshark stops with an exception here
      }
      t.objectAt(request ? MAPI_REQ : MAPI_REPL, src + off, Math.min(end, srcLen) - off,
          request ? "Mapi Req" : "Mapi Repl");
      t.enter();
      if (request) {
        ropRequest(t, b, src, off, pduLen, limit, info);
      } else {
        ropReply(t, b, src, off, pduLen, limit, info);
      }
      t.exit();
      off = end;
    }
    int handles = Math.max(0, (srcLen - off) / 4);
    if (off < srcLen) {
      t.objectAt(null, src + off, srcLen - off, "MAPI Handles: " + handles);
    }
    t.enter();
    for (int i = 0; i < handles; i++) {
      t.numberAt(MAPI_HANDLE, src + off, 4, Bytes.u32le(b, src + off));
      off += 4;
    }
    t.exit();
    t.exit();
    return off;
  }

  /**
   * One MAPI request at {@code src + off}; emits through {@code t} when not null and names it
   * in {@code info}. Returns where it ends (the buffer's length for operations tshark does not
   * decode), or -1 past {@code limit}.
   */
  private static int ropRequest(Tree t, byte[] b, int src, int off, int pduLen, int limit, StringBuilder info) {
    if (off + 3 > limit) {
      return -1;
    }
    int a = src + off;
    int rop = b[a] & 0xff;
    if (info != null) {
      info.append(" + ").append(ROPS.getOrDefault((long) rop, "Unknown MAPI operation"));
    }
    if (t != null) {
      t.numberAt(ROP, a, 1, rop);
      t.numberAt(MAPI_FLAGS, a + 1, 1, b[a + 1] & 0xff);
      t.numberAt(HANDLE_INDEX, a + 2, 1, b[a + 2] & 0xff);
    }
    int p = off + 3;
    int at = src + p;
    switch (rop) {
      case ROP_RELEASE:
        if (t != null) {
          t.objectAt(REQ_RELEASE, at, 0, "Mapi Release");
        }
        return p;
      case ROP_OPEN_FOLDER:
        if (p + 10 > limit) {
          return -1;
        }
        if (t != null) {
          t.objectAt(REQ_OPEN_FOLDER, at, 10, "Mapi OpenFolder");
          t.enter();
          t.numberAt(HANDLE_INDEX, at, 1, b[at] & 0xff);
          t.numberAt(FOLDER_ID, at + 1, 8, Bytes.u64le(b, at + 1));
          t.numberAt(RPC_UNKNOWN2, at + 9, 1, b[at + 9] & 0xff);
          t.exit();
        }
        return p + 10;
      case ROP_GET_PROPS: {
        if (p + 6 > limit) {
          return -1;
        }
        int count = Bytes.u16le(b, at + 4);
        if (p + 6 + 4 * count > limit) {
          return -1;
        }
        if (t != null) {
          t.objectAt(REQ_GET_PROPS, at, 6 + 4 * count, "Mapi GetProps");
          t.enter();
          t.numberAt(RPC_UNKNOWN3, at, 4, Bytes.u32le(b, at));
          t.numberAt(PROP_COUNT, at + 4, 2, count);
          for (int i = 0; i < count; i++) {
            t.numberAt(MAPI_TAG, at + 6 + 4 * i, 4, Bytes.u32le(b, at + 6 + 4 * i));
          }
          t.exit();
        }
        return p + 6 + 4 * count;
      }
      case ROP_OPEN_MSG_STORE: {
        if (p + 11 > limit) {
          return -1;
        }
        int strLen = Bytes.u16le(b, at + 9);
        if (p + 11 + strLen > limit) {
          return -1;
        }
        if (t != null) {
          t.objectAt(REQ_OPEN_MSG_STORE, at, 11 + strLen, "Mapi OpenMsgStore");
          t.enter();
          t.numberAt(CODEPAGE, at, 4, Bytes.u32le(b, at));
          t.numberAt(PADDING, at + 4, 4, Bytes.u32le(b, at + 4));
          t.numberAt(ROW, at + 8, 1, b[at + 8] & 0xff);
          t.numberAt(STR_LENGTH, at + 9, 2, strLen);
          String box = new String(b, at + 11, strLen, StandardCharsets.ISO_8859_1);
          int nul = box.indexOf('\0');
          t.objectAt(MAILBOX, at + 11, strLen, nul >= 0 ? box.substring(0, nul) : box);
          t.exit();
        }
        return p + 11 + strLen;
      }
      default:
        return pduLen;
    }
  }

  /** One MAPI reply, as {@link #ropRequest}: opnum, handle index, status, and a body on success. */
  private static int ropReply(Tree t, byte[] b, int src, int off, int pduLen, int limit, StringBuilder info) {
    if (off + 1 > limit) {
      return -1;
    }
    int a = src + off;
    int rop = b[a] & 0xff;
    if (info != null) {
      String name = ROPS.get((long) rop);
      info.append(" + ").append(name != null ? name : String.format("Unknown MAPI operation: 0x%02x", rop));
    }
    if (t != null) {
      t.numberAt(ROP, a, 1, rop);
    }
    if (rop == ROP_NOTIFY) {
      return pduLen; // notifications are not decoded
    }
    if (off + 6 > limit) {
      return -1;
    }
    long status = Bytes.u32le(b, a + 2);
    if (t != null) {
      t.numberAt(HANDLE_INDEX, a + 1, 1, b[a + 1] & 0xff);
      t.numberAt(STATUS_FIELD, a + 2, 4, status);
    }
    int p = off + 6;
    if (status != 0) {
      return p;
    }
    int at = src + p;
    switch (rop) {
      case ROP_RELEASE:
        if (t != null) {
          t.objectAt(REPL_RELEASE, at, 0, "Mapi Release");
        }
        return p;
      case ROP_OPEN_FOLDER:
        if (p + 2 > limit) {
          return -1;
        }
        if (t != null) {
          t.objectAt(REPL_OPEN_FOLDER, at, 2, "Mapi OpenFolder");
          t.enter();
          t.numberAt(RPC_UNKNOWN1, at, 2, Bytes.u16le(b, at));
          t.exit();
        }
        return p + 2;
      case ROP_GET_PROPS:
        if (p + 1 > limit) {
          return -1;
        }
        if (t != null) {
          // tshark shows the bytes after the layout as the property count, and goes no further.
          t.objectAt(REPL_GET_PROPS, at, limit - p, "Mapi GetProps");
          t.enter();
          t.numberAt(LAYOUT, at, 1, b[at] & 0xff);
          t.numberAt(PROP_COUNT, at + 1, 0, limit - p - 1);
          t.exit();
        }
        return limit;
      default:
        return pduLen;
    }
  }

  @Override
  public String label(Tree t) {
    int op = op(t);
    StringBuilder sb = new StringBuilder(longName()).append(", ")
        .append(OPS.getOrDefault((long) op, "Unknown operation " + op));
    if (op == 0 && request(t) && t.has(12, 0)) {
      int count = (int) Math.min(t.u32le(8), t.length() - 12L);
      sb.append(": ").append(EpmDissector.zeroTerminated(t, 12, count));
    }
    return sb.toString();
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    int op = op(t);
    StringBuilder info = new StringBuilder(OPS.getOrDefault((long) op, "Unknown operation " + op))
        .append(request(t) ? " request" : " response");
    int used = walk(t, info); // without a visitor the walk emits nothing
    int left = t.length() - used;
    if (left > 0) {
      info.append("[Long frame (").append(left).append(left == 1 ? " byte)]" : " bytes)]");
    }
    c.setInfo(info.toString());
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.HashMap;
import java.util.Map;

/**
 * Signalling Connection Control Part, ITU-T Q.713 (tshark's default "Int. ITU" variant), as an
 * MTP3 user (service indicator 3) under M3UA.
 *
 * <pre>
 * +--------------+-------------------------+----------------------+---------------------------+
 * | message type | mandatory fixed part    | pointers (1 byte;    | mandatory variable part,  |
 * | (1 byte)     | (local references 3 LE, | 2 for LUDT) to the   | each: length, value;      |
 * |              | class, causes ...)      | variable parameters  | optional part: type,      |
 * |              |                         | and optional part    | length, value ... 0x00    |
 * +--------------+-------------------------+----------------------+---------------------------+
 * </pre>
 *
 * Called and calling party addresses show their point code, subsystem number and global title.
 * The data parameter goes to the next layer as tshark hands it: by the subsystem numbers of the
 * message or, for connection-oriented messages, of the connection its local references belong
 * to (a connection request's called and calling SSNs, found again by the confirm's and the data
 * forms' references); a subsystem tshark gives to a dissector netsift lacks (TCAP, RANAP, ...)
 * leaves data; otherwise the heuristics run (BSSAP, {@link BssapDissector#heuristic}), then
 * data. Segmented messages (DT1 with "more data", XUDT with a Segmentation parameter) are not
 * reassembled and hand nothing on, nor does DT2 (tshark 4.0 stops after its sequencing).
 */
public final class SccpDissector extends Dissector {
  static final int CR = 0x01;
  static final int CC = 0x02;
  static final int CREF = 0x03;
  static final int RLSD = 0x04;
  static final int RLC = 0x05;
  static final int DT1 = 0x06;
  static final int DT2 = 0x07;
  static final int AK = 0x08;
  static final int UDT = 0x09;
  static final int UDTS = 0x0a;
  static final int ED = 0x0b;
  static final int EA = 0x0c;
  static final int RSR = 0x0d;
  static final int RSC = 0x0e;
  static final int ERR = 0x0f;
  static final int IT = 0x10;
  static final int XUDT = 0x11;
  static final int XUDTS = 0x12;
  static final int LUDT = 0x13;
  static final int LUDTS = 0x14;

  private static final int P_END = 0x00;
  private static final int P_DLR = 0x01;
  private static final int P_SLR = 0x02;
  private static final int P_CALLED = 0x03;
  private static final int P_CALLING = 0x04;
  private static final int P_CLASS = 0x05;
  private static final int P_SEGMENTING_REASSEMBLING = 0x06;
  private static final int P_RSN = 0x07;
  private static final int P_SEQUENCING_SEGMENTING = 0x08;
  private static final int P_CREDIT = 0x09;
  private static final int P_RELEASE_CAUSE = 0x0a;
  private static final int P_RETURN_CAUSE = 0x0b;
  private static final int P_RESET_CAUSE = 0x0c;
  private static final int P_ERROR_CAUSE = 0x0d;
  private static final int P_REFUSAL_CAUSE = 0x0e;
  private static final int P_DATA = 0x0f;
  private static final int P_SEGMENTATION = 0x10;
  private static final int P_HOP_COUNTER = 0x11;
  private static final int P_IMPORTANCE = 0x12;
  private static final int P_LONG_DATA = 0x13;

  private static final Map<Long, String> MESSAGE_TYPES = ValueNames.parse(
      """
      1=Connection Request|2=Connection Confirm|3=Connection Refused|4=Released|5=Release Complete|6=Data Form 1|
      7=Data Form 2|8=Data Acknowledgement|9=Unitdata|10=Unitdata Service|11=Expedited Data|
      12=Expedited Data Acknowledgement|13=Reset Request|14=Reset Confirmation|15=Error|16=Inactivity Timer|
      17=Extended Unitdata|18=Extended Unitdata Service|19=Long Unitdata (ITU)|20=Long Unitdata Service (ITU)
      """);
  private static final Map<Long, String> ACRONYMS = ValueNames.parse(
      """
      1=CR|2=CC|3=CREF|4=RLSD|5=RLC|6=DT1|7=DT2|8=AK|9=UDT|10=UDTS|11=ED|12=EA|13=RSR|14=RSC|15=ERR|16=IT|17=XUDT|
      18=XUDTS|19=LUDT|20=LUDTS
      """);
  private static final Map<Long, String> SSNS = ValueNames.parse(
      """
      0=SSN not known/not used|1=SCCP management|2=Reserved for ITU-T allocation|3=ISDN User Part|
      4=OMAP (Operation, Maintenance, and Administration Part)|5=MAP (Mobile Application Part)|
      6=HLR (Home Location Register)|7=VLR (Visitor Location Register)|8=MSC (Mobile Switching Center)|
      9=EIC/EIR (Equipment Identifier Center/Equipment Identification Register)|10=AUC/AC (Authentication Center)|
      11=ISDN supplementary services (ITU only)|12=Reserved for international use (ITU only)|
      13=Broadband ISDN edge-to-edge applications (ITU only)|14=TC test responder (ITU only)|142=RANAP|143=RNSAP|
      145=GMLC(MAP)|146=CAP|147=gsmSCF (MAP) or IM-SSF (MAP) or Presence Network Agent|148=SIWF (MAP)|
      149=SGSN (MAP)|150=GGSN (MAP)|248=CSS (MAP)|249=PCAP|250=BSC (BSSAP-LE)|251=MSC (BSSAP-LE)|
      252=IOS or SMLC (BSSAP-LE)|253=BSS O&amp;M (A interface)|254=BSSAP/BSAP
      """.replace("&amp;", "&"));
  /**
   * tshark's "sccp.ssn" table: the subsystems it gives to a dissector of its own (none of which
   * netsift has, so their data stays data), by that dissector's short name.
   */
  private static final Map<Long, String> SSN_DISSECTORS = ValueNames.parse(
      """
      1=SCCPMG|98=BSSAP2|142=RANAP|143=RNSAP|5=TCAP|6=TCAP|7=TCAP|8=TCAP|9=TCAP|10=TCAP|11=TCAP|12=TCAP|13=TCAP|
      14=TCAP|106=TCAP|145=TCAP|146=TCAP|148=TCAP|149=TCAP|150=TCAP|241=TCAP
      """);
  private static final Map<Long, String> RI = ValueNames.parse("0=Route on GT|1=Route on SSN");
  private static final Map<Long, String> GTI = ValueNames.parse(
      """
      0=No Global Title|1=Nature of Address Indicator only|2=Translation Type only|
      3=Translation Type, Numbering Plan, and Encoding Scheme included|
      4=Translation Type, Numbering Plan, Encoding Scheme, and Nature of Address Indicator included
      """);
  private static final Map<Long, String> SSNI = ValueNames.parse("0=SSN not present|1=SSN present");
  private static final Map<Long, String> PCI = ValueNames.parse("0=Point Code not present|1=Point Code present");
  private static final Map<Long, String> NAI = ValueNames.parse(
      "0=NAI unknown|1=Subscriber Number|2=Reserved for national use|3=National significant number|4=International number");
  private static final Map<Long, String> OE = ValueNames.parse(
      "0=Even number of address signals|1=Odd number of address signals");
  private static final Map<Long, String> NP = ValueNames.parse(
      """
      0=Unknown|1=ISDN/telephony|2=Generic (ITU)/Reserved (ANSI)|3=Data|4=Telex|5=Maritime mobile|6=Land mobile|
      7=ISDN/mobile|14=Private network or network-specific|15=Reserved
      """);
  private static final Map<Long, String> ES = ValueNames.parse(
      "0=Unknown|1=BCD, odd number of digits|2=BCD, even number of digits|3=National specific|15=Reserved (ITU)/Spare (ANSI)");
  private static final Map<Long, String> HANDLING = ValueNames.parse("0=No special options|8=Return message on error");
  private static final Map<Long, String> MORE = ValueNames.parse("0=No more data|1=More data");
  private static final Map<Long, String> RELEASE_CAUSES = ValueNames.parse(
      """
      0=End user originated|1=End user congestion|2=End user failure|3=SCCP user originated|4=Remote procedure error|
      5=Inconsistent connection data|6=Access failure|7=Access congestion|8=Subsystem failure|9=Subsystem congestion|
      10=MTP failure|11=Network congestion|12=Expiration of reset timer|13=Expiration of receive inactivity timer|
      14=Reserved|15=Unqualified|16=SCCP failure (ITU only)
      """);
  private static final Map<Long, String> RETURN_CAUSES = ValueNames.parse(
      """
      0=No translation for an address of such nature|1=No translation for this specific address|
      2=Subsystem congestion|3=Subsystem failure|4=Unequipped failure|5=MTP failure|6=Network congestion|
      7=Unqualified|8=Error in message transport|9=Error in local processing|10=Destination cannot perform reassembly|
      11=SCCP failure|12=Hop counter violation|13=Segmentation not supported|14=Segmentation failure|
      247=Message change failure (ANSI only)|248=Invalid INS routing request (ANSI only)|
      249=Invalid ISNI routing request (ANSI only)|250=Unauthorized message (ANSI only)|
      251=Message incompatibility (ANSI only)|252=Cannot perform ISNI constrained routing (ANSI only)|
      253=Redundant ISNI constrained routing (ANSI only)|254=Unable to perform ISNI identification (ANSI only)
      """);
  private static final Map<Long, String> RESET_CAUSES = ValueNames.parse(
      """
      0=End user originated|1=SCCP user originated|2=Message out of order - incorrect send sequence number|
      3=Message out of order - incorrect receive sequence number|4=Remote procedure error - message out of window|
      5=Remote procedure error - incorrect send sequence number after (re)initialization|
      6=Remote procedure error - general|7=Remote end user operational|8=Network operational|9=Access operational|
      10=Network congestion|11=Reserved (ITU)/Not obtainable (ANSI)|12=Unqualified
      """);
  private static final Map<Long, String> ERROR_CAUSES = ValueNames.parse(
      """
      0=Local Reference Number (LRN) mismatch - unassigned destination LRN|
      1=Local Reference Number (LRN) mismatch - inconsistent source LRN|2=Point code mismatch|
      3=Service class mismatch|4=Unqualified
      """);
  private static final Map<Long, String> REFUSAL_CAUSES = ValueNames.parse(
      """
      0=End user originated|1=End user congestion|2=End user failure|3=SCCP user originated|
      4=Destination address unknown|5=Destination inaccessible|6=Network resource - QOS not available/non-transient|
      7=Network resource - QOS not available/transient|8=Access failure|9=Access congestion|10=Subsystem failure|
      11=Subsystem congestion|12=Expiration of connection establishment timer|13=Incompatible user data|14=Reserved|
      15=Unqualified|16=Hop counter violation|17=SCCP failure (ITU only)|
      18=No translation for an address of such nature|19=Unequipped user
      """);

  public static final Field MESSAGE_TYPE = Field.u8("sccp.message_type", "Message Type").hex().labels(MESSAGE_TYPES);
  public static final Field VARIABLE_POINTER1 = Field.u16("sccp.variable_pointer1",
      "Pointer to first Mandatory Variable parameter");
  public static final Field VARIABLE_POINTER2 = Field.u16("sccp.variable_pointer2",
      "Pointer to second Mandatory Variable parameter");
  public static final Field VARIABLE_POINTER3 = Field.u16("sccp.variable_pointer3",
      "Pointer to third Mandatory Variable parameter");
  public static final Field OPTIONAL_POINTER = Field.u16("sccp.optional_pointer", "Pointer to Optional parameter");
  public static final Field PARAMETER_LENGTH = Field.u16("sccp.parameter_length", "Variable parameter length")
      .hidden();
  public static final Field SSN = Field.u8("sccp.ssn", "Called or Calling SubSystem Number").labels(SSNS).hidden();
  public static final Field GT_DIGITS = Field.string("sccp.digits", "Called or Calling GT Digits");
  public static final Field CALLED_RESERVED = Field.u8("sccp.called.reserved", "Reserved for national use").hex()
      .mask(0x80, 8);
  public static final Field CALLED_RI = Field.u8("sccp.called.ri", "Routing Indicator").hex().mask(0x40, 8).labels(RI);
  public static final Field CALLED_GTI = Field.u8("sccp.called.gti", "Global Title Indicator").hex().mask(0x3c, 8)
      .labels(GTI);
  public static final Field CALLED_SSNI = Field.u8("sccp.called.ssni", "SubSystem Number Indicator").hex()
      .mask(0x02, 8).labels(SSNI);
  public static final Field CALLED_PCI = Field.u8("sccp.called.pci", "Point Code Indicator").hex().mask(0x01, 8)
      .labels(PCI);
  public static final Field CALLED_SSN = Field.u8("sccp.called.ssn", "SubSystem Number").labels(SSNS);
  public static final Field CALLED_PC = Field.u16("sccp.called.pc", "PC").mask(0x3fff, 16);
  public static final Field CALLED_NAI = Field.u8("sccp.called.nai", "Nature of Address Indicator").hex()
      .mask(0x7f, 8).labels(NAI);
  public static final Field CALLED_OE = Field.u8("sccp.called.oe", "Odd/Even Indicator").hex().mask(0x80, 8)
      .labels(OE);
  public static final Field CALLED_TT = Field.u8("sccp.called.tt", "Translation Type").hex();
  public static final Field CALLED_NP = Field.u8("sccp.called.np", "Numbering Plan").hex().mask(0xf0, 8).labels(NP);
  public static final Field CALLED_ES = Field.u8("sccp.called.es", "Encoding Scheme").hex().mask(0x0f, 8).labels(ES);
  public static final Field CALLED_DIGITS = Field.string("sccp.called.digits", "Called Party Digits");
  public static final Field CALLED_DIGITS_LENGTH = Field.u8("sccp.called.digits.length",
      "Number of Called Party Digits");
  public static final Field CALLING_RESERVED = Field.u8("sccp.calling.reserved", "Reserved for national use").hex()
      .mask(0x80, 8);
  public static final Field CALLING_RI = Field.u8("sccp.calling.ri", "Routing Indicator").hex().mask(0x40, 8)
      .labels(RI);
  public static final Field CALLING_GTI = Field.u8("sccp.calling.gti", "Global Title Indicator").hex()
      .mask(0x3c, 8).labels(GTI);
  public static final Field CALLING_SSNI = Field.u8("sccp.calling.ssni", "SubSystem Number Indicator").hex()
      .mask(0x02, 8).labels(SSNI);
  public static final Field CALLING_PCI = Field.u8("sccp.calling.pci", "Point Code Indicator").hex().mask(0x01, 8)
      .labels(PCI);
  public static final Field CALLING_SSN = Field.u8("sccp.calling.ssn", "SubSystem Number").labels(SSNS);
  public static final Field CALLING_PC = Field.u16("sccp.calling.pc", "PC").mask(0x3fff, 16);
  public static final Field CALLING_NAI = Field.u8("sccp.calling.nai", "Nature of Address Indicator").hex()
      .mask(0x7f, 8).labels(NAI);
  public static final Field CALLING_OE = Field.u8("sccp.calling.oe", "Odd/Even Indicator").hex().mask(0x80, 8)
      .labels(OE);
  public static final Field CALLING_TT = Field.u8("sccp.calling.tt", "Translation Type").hex();
  public static final Field CALLING_NP = Field.u8("sccp.calling.np", "Numbering Plan").hex().mask(0xf0, 8).labels(NP);
  public static final Field CALLING_ES = Field.u8("sccp.calling.es", "Encoding Scheme").hex().mask(0x0f, 8)
      .labels(ES);
  public static final Field CALLING_DIGITS = Field.string("sccp.calling.digits", "Calling Party Digits");
  public static final Field CALLING_DIGITS_LENGTH = Field.u8("sccp.calling.digits.length",
      "Number of Calling Party Digits");
  public static final Field LINKED_DISSECTOR = Field.string("sccp.linked_dissector", "Linked dissector");
  public static final Field DLR = Field.u24("sccp.dlr", "Destination Local Reference").hex();
  public static final Field SLR = Field.u24("sccp.slr", "Source Local Reference").hex();
  public static final Field LR = Field.u24("sccp.lr", "Local Reference").hex().generated();
  public static final Field CLASS = Field.u8("sccp.class", "Class").hex().mask(0x0f, 8);
  public static final Field HANDLING_FIELD = Field.u8("sccp.handling", "Message handling").hex().mask(0xf0, 8)
      .labels(HANDLING);
  public static final Field MORE_DATA = Field.u8("sccp.more", "More data").hex().mask(0x01, 8).labels(MORE);
  public static final Field RSN = Field.u8("sccp.rsn", "Receive Sequence Number").hex().mask(0xfe, 8);
  public static final Field SEQUENCING_SSN = Field.u8("sccp.sequencing_segmenting.ssn",
      "Sequencing Segmenting: Send Sequence Number").hex().mask(0xfe, 8);
  public static final Field SEQUENCING_RSN = Field.u8("sccp.sequencing_segmenting.rsn",
      "Sequencing Segmenting: Receive Sequence Number").hex().mask(0xfe, 8);
  public static final Field SEQUENCING_MORE = Field.u8("sccp.sequencing_segmenting.more",
      "Sequencing Segmenting: More").hex().mask(0x01, 8).labels(MORE);
  public static final Field CREDIT = Field.u8("sccp.credit", "Credit").hex();
  public static final Field RELEASE_CAUSE = Field.u8("sccp.release_cause", "Release Cause").hex()
      .labels(RELEASE_CAUSES);
  public static final Field RETURN_CAUSE = Field.u8("sccp.return_cause", "Return Cause").hex().labels(RETURN_CAUSES);
  public static final Field RESET_CAUSE = Field.u8("sccp.reset_cause", "Reset Cause").hex().labels(RESET_CAUSES);
  public static final Field ERROR_CAUSE = Field.u8("sccp.error_cause", "Error Cause").hex().labels(ERROR_CAUSES);
  public static final Field REFUSAL_CAUSE = Field.u8("sccp.refusal_cause", "Refusal Cause").hex()
      .labels(REFUSAL_CAUSES);
  public static final Field SEGMENTATION_FIRST = Field.u8("sccp.segmentation.first", "Segmentation: First").hex()
      .mask(0x80, 8).labels(ValueNames.parse("0=Not first segment|1=First segment"));
  public static final Field SEGMENTATION_CLASS = Field.u8("sccp.segmentation.class", "Segmentation: Class").hex()
      .mask(0x40, 8).labels(ValueNames.parse("0=Class 0 selected|1=Class 1 selected"));
  public static final Field SEGMENTATION_REMAINING = Field.u8("sccp.segmentation.remaining",
      "Segmentation: Remaining").hex().mask(0x0f, 8);
  public static final Field SEGMENTATION_SLR = Field.u24("sccp.segmentation.slr",
      "Segmentation: Source Local Reference").hex();
  public static final Field HOPS = Field.u8("sccp.hops", "Hop Counter").hex();
  public static final Field IMPORTANCE = Field.u8("sccp.importance", "Importance").hex().mask(0x07, 8);
  public static final Field END_OPTIONAL_PARAM = Field.none("sccp.end_optional_param", "End of Optional");
  public static final Field UNKNOWN_MESSAGE = Field.bytes("sccp.unknown_message", "Unknown message");
  public static final Field UNKNOWN_PARAMETER = Field.bytes("sccp.unknown_parameter", "Unknown parameter");

  static final Expert SSN_NOT_PRESENT = new Expert("sccp.ssn.not_present", Expert.Severity.WARNING, "Protocol",
      "Message is routed on SSN, but SSN is not present");
  static final Expert SSN_ZERO = new Expert("sccp.ssn.is_zero", Expert.Severity.WARNING, "Protocol",
      "Message is routed on SSN, but SSN is zero (unspecified)");

  private static final int INVALID_SSN = 0xff;
  private static final String[] SIGNALS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "(spare)", "11", "12",
      "(spare)", "(spare)", "ST"};

  /** Connections by point code and local reference: their called and calling SSNs. */
  private static final class State {
    final Map<Long, int[]> connections = new HashMap<>();
  }

  public SccpDissector() {
    super("sccp", "Signalling Connection Control Part", "SCCP (Int. ITU)");
  }

  @Override
  public String shortName() {
    return "SCCP";
  }

  // ---- first pass ----

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    d.payload(end, end);
    if (end <= s) {
      d.malformed(layer);
      return null;
    }
    byte[] b = d.data();
    int type = Bytes.u8(b, s);
    int need = fixedLength(type);
    if (s + need > end) {
      d.malformed(layer);
      return null;
    }
    int[] ssns = {INVALID_SSN, INVALID_SSN}; // called, calling
    int data = -1; // absolute index of the data parameter's length byte
    boolean longData = false;
    boolean handOn = true;
    int optional = -1; // absolute index of the optional part's pointer
    int[] conn = null;
    long opc = M3uaDissector.opc(d, layer - 1);
    long dpc = M3uaDissector.dpc(d, layer - 1);
    switch (type) {
      case CR:
        address(b, pointer(b, s + 5), end, ssns, 0);
        optional = s + 6;
        conn = ssns;
        break;
      case CC:
        conn = connection(d, dpc, lr(b, s + 1));
        if (conn != null) {
          state(d).connections.put(key(opc, lr(b, s + 4)), conn);
        }
        optional = s + 8;
        break;
      case CREF:
        conn = connection(d, dpc, lr(b, s + 1));
        optional = s + 5;
        break;
      case RLSD:
        conn = connection(d, dpc, lr(b, s + 1));
        optional = s + 8;
        break;
      case DT1:
        conn = connection(d, dpc, lr(b, s + 1));
        handOn = (Bytes.u8(b, s + 4) & 1) == 0; // a segment with more to come waits for reassembly
        data = pointer(b, s + 5);
        break;
      case DT2:
        // tshark 4.0 shows a DT2 up to its sequencing and hands nothing on.
        break;
      case ED:
        conn = connection(d, dpc, lr(b, s + 1));
        data = pointer(b, s + 4);
        break;
      case UDT:
      case UDTS:
        address(b, pointer(b, s + 2), end, ssns, 0);
        address(b, pointer(b, s + 3), end, ssns, 1);
        data = pointer(b, s + 4);
        break;
      case XUDT:
      case XUDTS:
        address(b, pointer(b, s + 3), end, ssns, 0);
        address(b, pointer(b, s + 4), end, ssns, 1);
        data = pointer(b, s + 5);
        optional = s + 6;
        break;
      case LUDT:
      case LUDTS:
        address(b, longPointer(b, s + 3), end, ssns, 0);
        address(b, longPointer(b, s + 5), end, ssns, 1);
        data = longPointer(b, s + 7);
        longData = true;
        break;
      default:
        break;
    }
    // The optional part: a calling address (CR), the data of CR/CC/CREF/RLSD, XUDT segmentation.
    if (optional >= 0 && type != LUDT && type != LUDTS && Bytes.u8(b, optional) != 0) {
      for (int p = optional + Bytes.u8(b, optional); ; ) {
        if (p >= end) {
          d.malformed(layer);
          return null;
        }
        int ptype = Bytes.u8(b, p);
        if (ptype == P_END) {
          break;
        }
        if (p + 2 > end) {
          d.malformed(layer);
          return null;
        }
        int plen = Bytes.u8(b, p + 1);
        if (ptype == P_CALLING) {
          address(b, p + 1, end, ssns, 1);
        } else if (ptype == P_DATA && type != XUDT && type != XUDTS) {
          data = p + 1;
        } else if (ptype == P_SEGMENTATION) {
          handOn = false; // tshark keeps segments for reassembly (even a lone one) and hands nothing on
        }
        p += 2 + plen;
      }
    }
    if (conn != null && type != CR) {
      ssns[0] = conn[0];
      ssns[1] = conn[1];
    } else if (type == CR) {
      state(d).connections.put(key(opc, lr(b, s + 1)), new int[] {ssns[0], ssns[1]});
    }
    if (data < 0 || !handOn) {
      return null;
    }
    int lengthBytes = longData ? 2 : 1;
    if (data + lengthBytes > end) {
      d.malformed(layer);
      return null;
    }
    int len = longData ? Bytes.u16le(b, data) : Bytes.u8(b, data);
    int from = data + lengthBytes;
    if (from + len > end) {
      d.malformed(layer);
      return null;
    }
    d.payload(from, from + len);
    if (SSN_DISSECTORS.containsKey((long) ssns[0]) || SSN_DISSECTORS.containsKey((long) ssns[1])) {
      return d.protocols().data();
    }
    Dissector bssap = d.protocols().byName("bssap");
    if (bssap != null && BssapDissector.heuristic(b, from, len) != BssapDissector.REJECT) {
      return bssap;
    }
    return d.protocols().data();
  }

  /** Bytes of the fixed part and pointers of a message type (what must be there to read on). */
  private static int fixedLength(int type) {
    switch (type) {
      case CR: return 7;
      case CC: return 9;
      case CREF: return 6;
      case RLSD: return 9;
      case RLC: return 7;
      case DT1: return 6;
      case DT2: return 7;
      case AK: return 6;
      case UDT: case UDTS: return 5;
      case ED: return 5;
      case EA: return 4;
      case RSR: return 8;
      case RSC: return 7;
      case ERR: return 5;
      case IT: return 11;
      case XUDT: case XUDTS: return 7;
      case LUDT: case LUDTS: return 11;
      default: return 1;
    }
  }

  private static int pointer(byte[] b, int at) {
    return at + Bytes.u8(b, at);
  }

  private static int longPointer(byte[] b, int at) {
    return at + Bytes.u16le(b, at) + 1;
  }

  private static long lr(byte[] b, int at) {
    return Bytes.u16le(b, at) | (long) Bytes.u8(b, at + 2) << 16;
  }

  private static long key(long pc, long lr) {
    return pc << 24 | lr;
  }

  private State state(Dissection d) {
    return d.state(this, State::new);
  }

  private int[] connection(Dissection d, long pc, long lr) {
    return state(d).connections.get(key(pc, lr));
  }

  /** Notes the SSN of the address whose length byte is at {@code at}, if it has one. */
  private static void address(byte[] b, int at, int end, int[] ssns, int which) {
    if (at + 2 > end) {
      return;
    }
    int len = Bytes.u8(b, at);
    int ai = Bytes.u8(b, at + 1);
    int ssnAt = at + 2 + ((ai & 1) != 0 ? 2 : 0);
    if ((ai & 2) != 0 && ssnAt < at + 1 + len && ssnAt < end) {
      ssns[which] = Bytes.u8(b, ssnAt);
    }
  }

  // ---- fields ----

  @Override
  public void fields(Tree t) {
    int type = t.u8(0);
    t.uint(MESSAGE_TYPE, 0, 1);
    int opt = -1;
    boolean stopped = false;
    switch (type) {
      case CR: {
        fixed(t, P_SLR, 1, 3);
        fixed(t, P_CLASS, 4, 1);
        int p1 = pointer(t, VARIABLE_POINTER1, 5);
        opt = optionalPointer(t, 6);
        stopped = variable(t, P_CALLED, p1, false);
        break;
      }
      case CC:
        fixed(t, P_DLR, 1, 3);
        fixed(t, P_SLR, 4, 3);
        fixed(t, P_CLASS, 7, 1);
        opt = optionalPointer(t, 8);
        break;
      case CREF:
        fixed(t, P_DLR, 1, 3);
        fixed(t, P_REFUSAL_CAUSE, 4, 1);
        opt = optionalPointer(t, 5);
        break;
      case RLSD:
        fixed(t, P_DLR, 1, 3);
        fixed(t, P_SLR, 4, 3);
        fixed(t, P_RELEASE_CAUSE, 7, 1);
        opt = optionalPointer(t, 8);
        break;
      case RLC:
      case RSC:
        fixed(t, P_DLR, 1, 3);
        fixed(t, P_SLR, 4, 3);
        break;
      case DT1: {
        fixed(t, P_DLR, 1, 3);
        fixed(t, P_SEGMENTING_REASSEMBLING, 4, 1);
        pointer(t, VARIABLE_POINTER1, 5);
        // tshark reassembles DT1 data without showing its length.
        stopped = MalformedDissector.raisedWithin(t.dissection(), t.layer());
        break;
      }
      case DT2:
        fixed(t, P_DLR, 1, 3);
        fixed(t, P_SEQUENCING_SEGMENTING, 4, 2);
        break;
      case AK:
        fixed(t, P_DLR, 1, 3);
        fixed(t, P_RSN, 4, 1);
        fixed(t, P_CREDIT, 5, 1);
        break;
      case UDT:
      case UDTS: {
        fixed(t, type == UDT ? P_CLASS : P_RETURN_CAUSE, 1, 1);
        int p1 = pointer(t, VARIABLE_POINTER1, 2);
        int p2 = pointer(t, VARIABLE_POINTER2, 3);
        int p3 = pointer(t, VARIABLE_POINTER3, 4);
        stopped = variable(t, P_CALLED, p1, false) || variable(t, P_CALLING, p2, false)
            || variable(t, P_DATA, p3, false);
        break;
      }
      case ED: {
        fixed(t, P_DLR, 1, 3);
        int p1 = pointer(t, VARIABLE_POINTER1, 4);
        stopped = variable(t, P_DATA, p1, false);
        break;
      }
      case EA:
        fixed(t, P_DLR, 1, 3);
        break;
      case RSR:
        fixed(t, P_DLR, 1, 3);
        fixed(t, P_SLR, 4, 3);
        fixed(t, P_RESET_CAUSE, 7, 1);
        break;
      case ERR:
        fixed(t, P_DLR, 1, 3);
        fixed(t, P_ERROR_CAUSE, 4, 1);
        break;
      case IT:
        fixed(t, P_DLR, 1, 3);
        fixed(t, P_SLR, 4, 3);
        fixed(t, P_CLASS, 7, 1);
        fixed(t, P_SEQUENCING_SEGMENTING, 8, 2);
        fixed(t, P_CREDIT, 10, 1);
        break;
      case XUDT:
      case XUDTS: {
        fixed(t, type == XUDT ? P_CLASS : P_RETURN_CAUSE, 1, 1);
        fixed(t, P_HOP_COUNTER, 2, 1);
        int p1 = pointer(t, VARIABLE_POINTER1, 3);
        int p2 = pointer(t, VARIABLE_POINTER2, 4);
        int p3 = pointer(t, VARIABLE_POINTER3, 5);
        opt = optionalPointer(t, 6);
        stopped = variable(t, P_CALLED, p1, false) || variable(t, P_CALLING, p2, false)
            || !segmented(t, opt) && variable(t, P_DATA, p3, false);
        break;
      }
      case LUDT:
      case LUDTS: {
        fixed(t, type == LUDT ? P_CLASS : P_RETURN_CAUSE, 1, 1);
        fixed(t, P_HOP_COUNTER, 2, 1);
        int p1 = longPointer(t, VARIABLE_POINTER1, 3);
        int p2 = longPointer(t, VARIABLE_POINTER2, 5);
        int p3 = longPointer(t, VARIABLE_POINTER3, 7);
        int o = t.u16le(9);
        t.number(OPTIONAL_POINTER, 9, 2, o);
        opt = o == 0 ? -1 : 9 + o + 1;
        stopped = variable(t, P_CALLED, p1, false) || variable(t, P_CALLING, p2, false)
            || variable(t, P_LONG_DATA, p3, true);
        break;
      }
      default:
        t.bytes(UNKNOWN_MESSAGE, 0, t.length());
        break;
    }
    if (!stopped && opt >= 0) {
      optional(t, opt);
    }
  }

  /** Whether the optional part from {@code at} (-1: none) has a Segmentation parameter. */
  private static boolean segmented(Tree t, int at) {
    for (int p = at; p >= 0 && t.has(p, 2); p += 2 + t.u8(p + 1)) {
      if (t.u8(p) == P_END) {
        return false;
      }
      if (t.u8(p) == P_SEGMENTATION) {
        return true;
      }
    }
    return false;
  }

  private int pointer(Tree t, Field f, int at) {
    int v = t.u8(at);
    t.number(f, at, 1, v);
    return at + v;
  }

  private int longPointer(Tree t, Field f, int at) {
    int v = t.u16le(at);
    t.number(f, at, 2, v);
    return at + v + 1;
  }

  /** The optional pointer at {@code at}: the optional part's offset, or -1 when it is zero. */
  private int optionalPointer(Tree t, int at) {
    int v = t.u8(at);
    t.number(OPTIONAL_POINTER, at, 1, v);
    return v == 0 ? -1 : at + v;
  }

  /** The optional parameters from {@code at} up to End of Optional Parameters. */
  private void optional(Tree t, int at) {
    while (t.has(at, 1)) {
      int type = t.u8(at);
      if (type == P_END) {
        t.object(END_OPTIONAL_PARAM, at, 1, "End of Optional");
        return;
      }
      int len = t.u8(at + 1);
      if (!t.has(at + 1, 1) || variable(t, type, at + 1, false)) {
        return;
      }
      at += 2 + len;
    }
  }

  /**
   * A variable parameter whose length is at {@code at} (two bytes for long data); returns
   * whether the walk stops there (the data's dissection raised tshark's exception).
   */
  private boolean variable(Tree t, int type, int at, boolean longLength) {
    int n = longLength ? 2 : 1;
    int len = longLength ? t.u16le(at) : t.u8(at);
    t.number(PARAMETER_LENGTH, at, n, len);
    if (type == P_DATA || type == P_LONG_DATA) {
      return MalformedDissector.raisedWithin(t.dissection(), t.layer());
    }
    parameter(t, type, at + n, len);
    return false;
  }

  /** A mandatory fixed parameter of {@code len} bytes at {@code at}. */
  private void fixed(Tree t, int type, int at, int len) {
    parameter(t, type, at, len);
  }

  private void parameter(Tree t, int type, int at, int len) {
    switch (type) {
      case P_DLR:
        t.uintle(DLR, at, 3);
        t.uintle(LR, at, 3);
        break;
      case P_SLR:
        t.uintle(SLR, at, 3);
        t.uintle(LR, at, 3);
        break;
      case P_CALLED:
      case P_CALLING:
        address(t, type == P_CALLED, at, len);
        break;
      case P_CLASS: {
        int c = (int) t.uint(CLASS, at, 1);
        if (c == 0 || c == 1) {
          t.uint(HANDLING_FIELD, at, 1);
        }
        break;
      }
      case P_SEGMENTING_REASSEMBLING:
        t.uint(MORE_DATA, at, 1);
        break;
      case P_RSN:
        t.uint(RSN, at, 1);
        break;
      case P_SEQUENCING_SEGMENTING:
        t.text(at, len, "Sequencing/Segmenting");
        t.enter();
        t.uint(SEQUENCING_SSN, at, 1);
        t.uint(SEQUENCING_RSN, at + 1, 1);
        t.uint(SEQUENCING_MORE, at + 1, 1);
        t.exit();
        break;
      case P_CREDIT:
        t.uint(CREDIT, at, 1);
        break;
      case P_RELEASE_CAUSE:
        t.uint(RELEASE_CAUSE, at, 1);
        break;
      case P_RETURN_CAUSE:
        t.uint(RETURN_CAUSE, at, 1);
        break;
      case P_RESET_CAUSE:
        t.uint(RESET_CAUSE, at, 1);
        break;
      case P_ERROR_CAUSE:
        t.uint(ERROR_CAUSE, at, 1);
        break;
      case P_REFUSAL_CAUSE:
        t.uint(REFUSAL_CAUSE, at, 1);
        break;
      case P_SEGMENTATION:
        t.text(at, len, "Segmentation");
        t.enter();
        t.uint(SEGMENTATION_FIRST, at, 1);
        t.uint(SEGMENTATION_CLASS, at, 1);
        t.uint(SEGMENTATION_REMAINING, at, 1);
        if (len == 4) {
          t.uintle(SEGMENTATION_SLR, at + 1, 3);
        }
        t.exit();
        break;
      case P_HOP_COUNTER:
        t.uint(HOPS, at, 1);
        break;
      case P_IMPORTANCE:
        t.uint(IMPORTANCE, at, 1);
        break;
      default:
        if (len > 0) {
          t.bytes(UNKNOWN_PARAMETER, at, len);
        }
        break;
    }
  }

  /** A called or calling party address (ITU) of {@code len} bytes at {@code at}. */
  private void address(Tree t, boolean called, int at, int len) {
    t.text(at, len, (called ? "Called" : "Calling") + " Party address (" + len + " byte" + (len == 1 ? "" : "s") + ")");
    t.enter();
    int ai = t.u8(at);
    t.text(at, 1, "Address Indicator");
    t.enter();
    t.uint(called ? CALLED_RESERVED : CALLING_RESERVED, at, 1);
    t.uint(called ? CALLED_RI : CALLING_RI, at, 1);
    t.uint(called ? CALLED_GTI : CALLING_GTI, at, 1);
    t.uint(called ? CALLED_SSNI : CALLING_SSNI, at, 1);
    boolean onSsn = (ai & 0x40) != 0;
    int o = 1 + ((ai & 0x01) != 0 ? 2 : 0);
    if (onSsn && ((ai & 0x02) == 0 || len > o && t.u8(at + o) == 0)) {
      // tshark puts the note under the SSN indicator.
      t.enter();
      t.expert((ai & 0x02) == 0 ? SSN_NOT_PRESENT : SSN_ZERO, 0, 0, null);
      t.exit();
    }
    t.uint(called ? CALLED_PCI : CALLING_PCI, at, 1);
    t.exit();
    o = 1;
    if ((ai & 0x01) != 0) {
      if (len < 3) {
        t.exit();
        return;
      }
      t.uintle(called ? CALLED_PC : CALLING_PC, at + 1, 2);
      o += 2;
    }
    if ((ai & 0x02) != 0) {
      int ssn = (int) t.uint(called ? CALLED_SSN : CALLING_SSN, at + o, 1);
      t.uint(SSN, at + o, 1);
      String linked = SSN_DISSECTORS.get((long) ssn);
      if (linked != null && t.has(at + o, 1)) {
        t.object(LINKED_DISSECTOR, at + o, 1, linked);
      }
      o++;
    }
    int gti = (ai & 0x3c) >> 2;
    if (gti != 0 && len >= o) {
      globalTitle(t, called, at + o, len - o, gti);
    }
    t.exit();
  }

  private void globalTitle(Tree t, boolean called, int at, int len, int gti) {
    t.text(at, len, "Global Title 0x" + Integer.toHexString(gti) + " (" + len + " byte" + (len == 1 ? "" : "s") + ")");
    t.enter();
    int o = 0;
    boolean even = true;
    if (gti == 2 || gti == 3 || gti == 4) {
      t.uint(called ? CALLED_TT : CALLING_TT, at, 1);
      o++;
    }
    if (gti == 3 || gti == 4) {
      t.uint(called ? CALLED_NP : CALLING_NP, at + o, 1);
      long es = t.uint(called ? CALLED_ES : CALLING_ES, at + o, 1);
      even = es == 2;
      o++;
    }
    if (gti == 1 || gti == 4) {
      if (gti == 1) {
        even = t.uint(called ? CALLED_OE : CALLING_OE, at + o, 1) == 0;
      }
      t.uint(called ? CALLED_NAI : CALLING_NAI, at + o, 1);
      o++;
    }
    if (len > 0 && len >= o) {
      StringBuilder digits = new StringBuilder();
      for (int i = o; i < len; i++) {
        int v = t.u8(at + i);
        digits.append(SIGNALS[v & 0x0f]);
        if (i != len - 1 || even) {
          digits.append(SIGNALS[v >> 4]);
        }
      }
      String ds = digits.toString();
      t.object(called ? CALLED_DIGITS : CALLING_DIGITS, at + o, len - o, ds);
      t.enter();
      t.object(GT_DIGITS, at + o, len - o, ds);
      t.number(called ? CALLED_DIGITS_LENGTH : CALLING_DIGITS_LENGTH, at + o, len - o, ds.length());
      t.exit();
    }
    t.exit();
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    int type = t.u8(0);
    String acro = ACRONYMS.get((long) type);
    c.setInfo((acro != null ? acro : "Unknown: " + type) + " ");
  }
}

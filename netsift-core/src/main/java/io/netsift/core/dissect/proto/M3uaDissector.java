package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * MTP3 User Adaptation Layer, <a href="https://www.rfc-editor.org/rfc/rfc4666">RFC 4666</a>
 * (SCTP payload protocol 3, port 2905), as tshark's default "RFC" version shows it.
 *
 * <pre>
 *  0                   1                   2                   3
 * +---------------+---------------+---------------+---------------+
 * |    Version    |   Reserved    | Message Class | Message Type  |
 * +---------------+---------------+---------------+---------------+
 * |                        Message Length                         |
 * +-------------------------------+-------------------------------+
 * |          Tag                  |          Length               |  (repeated, each
 * |                   Value (padded to 4 bytes) ...               |   parameter)
 * </pre>
 *
 * The Protocol Data parameter (tag 0x0210) carries an MTP3 user message: its OPC and DPC become
 * the packet's Source and Destination (tshark's SS7 point-code addresses, in decimal), its
 * {@code mtp3.*} equivalents are listed, and the message goes to the user its service indicator
 * names (SCCP for 3; tshark's other MTP3 users are not dissected here, so they become data).
 * When the user's dissection raises tshark's exception (a {@code _ws.malformed} inside this
 * layer), the parameters after the protocol data are not shown, as in tshark.
 */
public final class M3uaDissector extends Dissector {
  /** tshark's RFC 4666 acronyms by class * 256 + type (its Info column). */
  private static final Map<Long, String> ACRONYMS = ValueNames.parse(
      """
      0=ERR|1=NTFY|257=DATA|513=DUNA|514=DAVA|515=DAUD|516=SCON|517=DUPU|518=DRST|769=ASPUP|770=ASPDN|771=BEAT|
      772=ASPUP_ACK|773=ASPDN_ACK|774=BEAT_ACK|1025=ASPAC|1026=ASPIA|1027=ASPAC_ACK|1028=ASPIA_ACK|2305=REG_REQ|
      2306=REG_RSP|2307=DEREG_REQ|2308=DEREG_RSP
      """);
  private static final Map<Long, String> TYPES = ValueNames.parse(
      """
      0=Error (ERR)|1=Notify (NTFY)|257=Payload data (DATA)|513=Destination unavailable (DUNA)|
      514=Destination available (DAVA)|515=Destination state audit (DAUD)|516=SS7 Network congestion state (SCON)|
      517=Destination userpart unavailable (DUPU)|518=Destination Restricted (DRST)|769=ASP up (ASPUP)|
      770=ASP down (ASPDN)|771=Heartbeat (BEAT)|772=ASP up ack (ASPUP_ACK)|773=ASP down ack (ASPDN_ACK)|
      774=Heartbeat ack (BEAT_ACK)|1025=ASP active (ASPAC)|1026=ASP inactive (ASPIA)|1027=ASP active ack (ASPAC_ACK)|
      1028=ASP inactive ack (ASPIA_ACK)|2305=Registration request (REG_REQ)|2306=Registration response (REG_RSP)|
      2307=Deregistration request (DEREG_REQ)|2308=Deregistration response (DEREG_RSP)
      """);
  private static final Map<Long, String> CLASSES = ValueNames.parse(
      """
      0=Management messages|1=Transfer messages|2=SS7 signalling network management messages|
      3=ASP state maintenance messages|4=ASP traffic maintenance messages|9=Routing key management messages
      """);
  private static final Map<Long, String> TAGS = ValueNames.parse(
      """
      4=Info string|6=Routing context|7=Diagnostic Information|9=Heartbeat data|11=Traffic mode type|12=Error code|
      13=Status|17=ASP identifier|18=Affected point code|19=Correlation identifier|512=Network appearance|
      516=User / cause|517=Congestion indications|518=Concerned destination|519=Routing key|520=Registration result|
      521=Deregistration result|522=Local routing key identifier|523=Destination point code|524=Service indicators|
      526=Originating point code list|527=Circuit range|528=Protocol data|530=Registration status|
      531=Deregistration status
      """);
  private static final Map<Long, String> SERVICE_INDICATORS = ValueNames.parse(
      """
      0=SNM|1=MTN|2=MTNS|3=SCCP|4=TUP|5=ISUP|6=DUP (CC)|7=DUP (FAC/CANC)|8=MTP Test|9=ISUP-b|10=ISUP-s|
      12=AAL type 2|13=BICC|14=GCP
      """);
  private static final Map<Long, String> NETWORK_INDICATORS = ValueNames.parse(
      "0=International network|1=Spare (for international use only)|2=National network|3=Reserved for national use");
  private static final Map<Long, String> ERROR_CODES = ValueNames.parse(
      """
      1=Invalid version|3=Unsupported message class|4=Unsupported message type|5=Unsupported traffic handling mode|
      6=Unexpected message|7=Protocol error|9=Invalid stream identifier|13=Refused - management blocking|
      14=ASP identifier required|15=Invalid ASP identifier|17=Invalid parameter value|18=Parameter field error|
      19=Unexpected parameter|20=Destination status unknown|21=Invalid network appearance|22=Missing parameter|
      25=Invalid routing context|26=No configured AS for ASP
      """);
  private static final Map<Long, String> TRAFFIC_MODES = ValueNames.parse("1=Over-ride|2=Load-share|3=Broadcast");

  public static final Field VERSION = Field.u8("m3ua.version", "Version").labels(Map.of(1L, "Release 1"));
  public static final Field RESERVED = Field.u8("m3ua.reserved", "Reserved").hex();
  public static final Field MESSAGE_CLASS = Field.u8("m3ua.message_class", "Message class").labels(CLASSES);
  /** Named by class and type together: the class is the byte before. */
  public static final Field MESSAGE_TYPE = Field.u8("m3ua.message_type", "Message Type").line((b, at, len) ->
      "Message Type: " + TYPES.getOrDefault((long) Bytes.u8(b, at - 1) * 256 + Bytes.u8(b, at), "reserved") + " ("
          + Bytes.u8(b, at) + ")");
  public static final Field MESSAGE_LENGTH = Field.u32("m3ua.message_length", "Message length");
  public static final Field PARAMETER_TAG = Field.u16("m3ua.parameter_tag", "Parameter Tag").labels(TAGS);
  public static final Field PARAMETER_LENGTH = Field.u16("m3ua.parameter_length", "Parameter length");
  public static final Field PARAMETER_VALUE = Field.bytes("m3ua.parameter_value", "Parameter value");
  public static final Field PARAMETER_PADDING = Field.bytes("m3ua.parameter_padding", "Padding");
  public static final Field NETWORK_APPEARANCE = Field.u32("m3ua.network_appearance", "Network appearance");
  public static final Field INFO_STRING = Field.string("m3ua.info_string", "Info string");
  public static final Field ROUTING_CONTEXT = Field.u32("m3ua.routing_context", "Routing context");
  public static final Field DIAGNOSTIC_INFORMATION = Field.bytes("m3ua.diagnostic_information",
      "Diagnostic information");
  public static final Field HEARTBEAT_DATA = Field.bytes("m3ua.heartbeat_data", "Heartbeat data");
  public static final Field TRAFFIC_MODE_TYPE = Field.u32("m3ua.traffic_mode_type", "Traffic mode Type")
      .labels(TRAFFIC_MODES);
  public static final Field ERROR_CODE = Field.u32("m3ua.error_code", "Error code").labels(ERROR_CODES);
  public static final Field STATUS_TYPE = Field.u16("m3ua.status_type", "Status type")
      .labels(ValueNames.parse("1=Application server state change|2=Other"));
  public static final Field STATUS_INFO = Field.u16("m3ua.status_info", "Status info");
  public static final Field ASP_IDENTIFIER = Field.u32("m3ua.asp_identifier", "ASP identifier");
  public static final Field AFFECTED_POINT_CODE_MASK = Field.u8("m3ua.affected_point_code_mask", "Mask");
  public static final Field AFFECTED_POINT_CODE_PC = Field.u24("m3ua.affected_point_code_pc", "Affected point code");
  public static final Field CORRELATION_IDENTIFIER = Field.u32("m3ua.correlation_identifier",
      "Correlation Identifier");
  public static final Field PROTOCOL_DATA_OPC = Field.u32("m3ua.protocol_data_opc", "OPC");
  public static final Field PROTOCOL_DATA_DPC = Field.u32("m3ua.protocol_data_dpc", "DPC");
  public static final Field PROTOCOL_DATA_SI = Field.u8("m3ua.protocol_data_si", "SI").labels(SERVICE_INDICATORS);
  public static final Field PROTOCOL_DATA_NI = Field.u8("m3ua.protocol_data_ni", "NI").labels(NETWORK_INDICATORS);
  public static final Field PROTOCOL_DATA_MP = Field.u8("m3ua.protocol_data_mp", "MP");
  public static final Field PROTOCOL_DATA_SLS = Field.u8("m3ua.protocol_data_sls", "SLS");
  /** The "MTP3 equivalents" tshark lists under the protocol data (fields of its m3ua protocol). */
  public static final Field MTP3_OPC = Field.u32("mtp3.opc", "OPC").generated();
  public static final Field MTP3_DPC = Field.u32("mtp3.dpc", "DPC").generated();
  public static final Field MTP3_PC = Field.u32("mtp3.pc", "PC").generated();
  public static final Field MTP3_NI = Field.u8("mtp3.ni", "NI").generated();
  public static final Field MTP3_SLS = Field.u8("mtp3.sls", "SLS").generated();

  private static final int HEADER = 8;
  private static final int PROTOCOL_DATA = 0x0210;
  /** The OPC, DPC, SI, NI, MP and SLS before the MTP3 user's message. */
  private static final int ROUTING_LABEL = 12;
  /** Annotation: offset of the protocol data parameter in the layer, or -1. */
  private static final int A_PROTOCOL_DATA = 0;

  public M3uaDissector() {
    super("m3ua", "MTP 3 User Adaptation Layer", "M3UA (RFC 4666)");
  }

  @Override
  public String shortName() {
    return "M3UA";
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    d.annotate(layer, 1);
    d.setAnnotation(layer, A_PROTOCOL_DATA, -1);
    d.payload(end, end);
    if (end - s < HEADER) {
      d.malformed(layer);
      return null;
    }
    byte[] b = d.data();
    for (int at = s + HEADER; at + 4 <= end; ) {
      int tag = Bytes.u16(b, at);
      int length = Bytes.u16(b, at + 2);
      if (length < 4) {
        break;
      }
      if (tag == PROTOCOL_DATA) {
        if (length < 4 + ROUTING_LABEL || at + 4 + ROUTING_LABEL > end) {
          d.malformed(layer);
          return null;
        }
        d.setAnnotation(layer, A_PROTOCOL_DATA, at - s);
        int from = at + 4 + ROUTING_LABEL;
        int to = Math.min(end, at + length);
        d.payload(from, to);
        Dissector user = Bytes.u8(b, at + 12) == 3 ? d.protocols().byName("sccp") : null;
        return user != null ? user : d.protocols().data();
      }
      at += (length + 3) & ~3;
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    t.uint(VERSION, 0, 1);
    t.uint(RESERVED, 1, 1);
    t.uint(MESSAGE_CLASS, 2, 1);
    t.uint(MESSAGE_TYPE, 3, 1);
    t.uint(MESSAGE_LENGTH, 4, 4);
    long handed = t.annotation(A_PROTOCOL_DATA);
    int end = t.length();
    for (int at = HEADER; at + 4 <= end; ) {
      int tag = t.u16(at);
      int length = t.u16(at + 2);
      if (length < 4) {
        return;
      }
      int padded = (length + 3) & ~3;
      int value = length - 4;
      t.text(at, Math.min(padded, end - at), parameterLabel(t, tag, at, value));
      t.enter();
      t.uint(PARAMETER_TAG, at, 2);
      t.uint(PARAMETER_LENGTH, at + 2, 2);
      parameter(t, tag, at + 4, value);
      if (at == handed && MalformedDissector.raisedWithin(t.dissection(), t.layer())) {
        t.exit();
        return; // the user's exception ends the M3UA walk too
      }
      if (padded > length && t.has(at + length, padded - length)) {
        t.bytes(PARAMETER_PADDING, at + length, padded - length);
      }
      t.exit();
      at += padded;
    }
  }

  private static String parameterLabel(Tree t, int tag, int at, int value) {
    String name = TAGS.get((long) tag);
    if (name == null) {
      return "Unknown parameter (tag " + tag + " and " + value + " byte" + (value == 1 ? "" : "s") + " value)";
    }
    switch (tag) {
      case 512:
        return name + " (" + t.u32(at + 4) + ")";
      case 6:
        int n = value / 4;
        return name + " (" + n + " context" + (n == 1 ? "" : "s") + ")";
      case PROTOCOL_DATA:
        int m = Math.max(0, value - ROUTING_LABEL);
        return name + " (SS7 message of " + m + " byte" + (m == 1 ? "" : "s") + ")";
      default:
        return name;
    }
  }

  private void parameter(Tree t, int tag, int at, int len) {
    switch (tag) {
      case 4:
        t.object(INFO_STRING, at, len, t.asciiz(at, len));
        break;
      case 6:
        for (int i = 0; i + 4 <= len; i += 4) {
          t.uint(ROUTING_CONTEXT, at + i, 4);
        }
        break;
      case 7:
        t.bytes(DIAGNOSTIC_INFORMATION, at, len);
        break;
      case 9:
        t.bytes(HEARTBEAT_DATA, at, len);
        break;
      case 11:
        t.uint(TRAFFIC_MODE_TYPE, at, 4);
        break;
      case 12:
        t.uint(ERROR_CODE, at, 4);
        break;
      case 13:
        t.uint(STATUS_TYPE, at, 2);
        t.uint(STATUS_INFO, at + 2, 2);
        break;
      case 17:
        t.uint(ASP_IDENTIFIER, at, 4);
        break;
      case 18:
        for (int i = 0; i + 4 <= len; i += 4) {
          t.uint(AFFECTED_POINT_CODE_MASK, at + i, 1);
          t.uint(AFFECTED_POINT_CODE_PC, at + i + 1, 3);
        }
        break;
      case 19:
        t.uint(CORRELATION_IDENTIFIER, at, 4);
        break;
      case 512:
        t.uint(NETWORK_APPEARANCE, at, 4);
        break;
      case PROTOCOL_DATA:
        t.uint(PROTOCOL_DATA_OPC, at, 4);
        t.uint(PROTOCOL_DATA_DPC, at + 4, 4);
        t.uint(PROTOCOL_DATA_SI, at + 8, 1);
        t.uint(PROTOCOL_DATA_NI, at + 9, 1);
        t.uint(PROTOCOL_DATA_MP, at + 10, 1);
        t.uint(PROTOCOL_DATA_SLS, at + 11, 1);
        t.generatedText(0, 0, "MTP3 equivalents");
        t.enter();
        t.uint(MTP3_OPC, at, 4);
        t.uint(MTP3_DPC, at + 4, 4);
        t.uint(MTP3_PC, at, 4);
        t.uint(MTP3_PC, at + 4, 4);
        t.uint(MTP3_NI, at + 9, 1);
        t.uint(MTP3_SLS, at + 11, 1);
        t.exit();
        break;
      default:
        if (len > 0) {
          t.bytes(PARAMETER_VALUE, at, len);
        }
        break;
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo(ACRONYMS.getOrDefault((long) t.u8(2) * 256 + t.u8(3), "reserved") + " ");
    long data = t.annotation(A_PROTOCOL_DATA);
    if (data >= 0) {
      // tshark's SS7 point-code addresses, in its default decimal format.
      c.source = Long.toString(t.u32((int) data + 4));
      c.destination = Long.toString(t.u32((int) data + 8));
    }
  }

  /** The OPC of the protocol data in layer {@code layer} if it is an M3UA layer with one, else 0. */
  static long opc(Dissection d, int layer) {
    return pointCode(d, layer, 4);
  }

  /** The DPC, like {@link #opc}. */
  static long dpc(Dissection d, int layer) {
    return pointCode(d, layer, 8);
  }

  private static long pointCode(Dissection d, int layer, int at) {
    if (layer < 0 || !(d.dissector(layer) instanceof M3uaDissector)) {
      return 0;
    }
    long data = d.annotation(layer, A_PROTOCOL_DATA);
    return data < 0 ? 0 : Bytes.u32(d.data(), d.start(layer) + (int) data + at);
  }
}

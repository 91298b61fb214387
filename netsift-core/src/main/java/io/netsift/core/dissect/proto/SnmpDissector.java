package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import io.netsift.core.field.Strings;
import java.util.HashMap;
import java.util.Map;

/**
 * Simple Network Management Protocol v1 (<a href="https://www.rfc-editor.org/rfc/rfc1157">RFC
 * 1157</a>), v2c (<a href="https://www.rfc-editor.org/rfc/rfc3416">RFC 3416</a>) and the header
 * of v3 (<a href="https://www.rfc-editor.org/rfc/rfc3412">RFC 3412</a>, USM parameters of
 * <a href="https://www.rfc-editor.org/rfc/rfc3414">RFC 3414</a>) on UDP ports 161 and 162.
 *
 * <pre>
 * Message ::= SEQUENCE { version INTEGER, community OCTET STRING, data PDUs }
 * PDU     ::= [n] { request-id, error-status, error-index, variable-bindings }
 * Trap-PDU ::= [4] { enterprise OID, agent-addr IpAddress, generic-trap, specific-trap,
 *                    time-stamp TimeTicks, variable-bindings }
 * v3      ::= SEQUENCE { msgVersion, msgGlobalData, msgSecurityParameters OCTET STRING,
 *                        msgData (ScopedPDU | encryptedPDU OCTET STRING) }
 * </pre>
 *
 * Every element is read through {@link BerReader}, whose length checks keep each read inside
 * its parent. Responses are matched to requests by request-id within the UDP conversation. A
 * request to port 161 opens a UDP conversation of its own for the replies, as tshark does, so
 * {@code udp.stream} numbers the same.
 */
public final class SnmpDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> PDU_TYPES = ValueNames.parse(
      """
      0=get-request|1=get-next-request|2=get-response|3=set-request|4=trap|5=getBulkRequest|
      6=informRequest|7=snmpV2-trap|8=report|
      """);
  private static final Map<Long, String> VERSIONS = ValueNames.parse("0=version-1|1=v2c|2=v2u|3=snmpv3");

  public static final Field VERSION = Field.of("snmp.version", "version", FieldType.INT32).labels(VERSIONS);
  public static final Field COMMUNITY = Field.string("snmp.community", "community");
  public static final Field DATA = Field.u32("snmp.data", "data").labels(PDU_TYPES);
  public static final Field GET_REQUEST = Field.none("snmp.get_request_element", "get-request");
  public static final Field GET_NEXT_REQUEST = Field.none("snmp.get_next_request_element", "get-next-request");
  public static final Field GET_RESPONSE = Field.none("snmp.get_response_element", "get-response");
  public static final Field SET_REQUEST = Field.none("snmp.set_request_element", "set-request");
  public static final Field TRAP = Field.none("snmp.trap_element", "trap");
  public static final Field GET_BULK_REQUEST = Field.none("snmp.getBulkRequest_element", "getBulkRequest");
  public static final Field INFORM_REQUEST = Field.none("snmp.informRequest_element", "informRequest");
  public static final Field SNMPV2_TRAP = Field.none("snmp.snmpV2_trap_element", "snmpV2-trap");
  public static final Field REPORT = Field.none("snmp.report_element", "report");
  public static final Field REQUEST_ID = Field.of("snmp.request_id", "request-id", FieldType.INT32);
  public static final Field ERROR_STATUS = Field.of("snmp.error_status", "error-status", FieldType.INT32)
      .labels(ValueNames.parse(
          """
          0=noError|1=tooBig|2=noSuchName|3=badValue|4=readOnly|5=genErr|6=noAccess|7=wrongType|
          8=wrongLength|9=wrongEncoding|10=wrongValue|11=noCreation|12=inconsistentValue|
          13=resourceUnavailable|14=commitFailed|15=undoFailed|16=authorizationError|17=notWritable|
          18=inconsistentName|
          """));
  public static final Field ERROR_INDEX = Field.of("snmp.error_index", "error-index", FieldType.INT32);
  public static final Field NON_REPEATERS = Field.u32("snmp.non_repeaters", "non-repeaters");
  public static final Field MAX_REPETITIONS = Field.u32("snmp.max_repetitions", "max-repetitions");
  public static final Field VARIABLE_BINDINGS = Field.u32("snmp.variable_bindings", "variable-bindings");
  public static final Field ENTERPRISE = Field.of("snmp.enterprise", "enterprise", FieldType.OID);
  public static final Field AGENT_ADDR = Field.ipv4("snmp.agent_addr", "agent-addr");
  public static final Field GENERIC_TRAP = Field.of("snmp.generic_trap", "generic-trap", FieldType.INT32)
      .labels(ValueNames.parse(
          "0=coldStart|1=warmStart|2=linkDown|3=linkUp|4=authenticationFailure|5=egpNeighborLoss|6=enterpriseSpecific"));
  public static final Field SPECIFIC_TRAP = Field.of("snmp.specific_trap", "specific-trap", FieldType.INT32);
  public static final Field TIME_STAMP = Field.u32("snmp.time_stamp", "time-stamp");
  public static final Field NAME = Field.of("snmp.name", "Object Name", FieldType.OID);
  public static final Field VALUE_INT = Field.of("snmp.value.int", "Value (Integer32)", FieldType.INT64);
  public static final Field VALUE_OCTETS = Field.bytes("snmp.value.octets", "Value (OctetString)");
  public static final Field VALUE_OID = Field.of("snmp.value.oid", "Value (OID)", FieldType.OID);
  public static final Field VALUE_NULL = Field.none("snmp.value.null", "Value (Null)");
  public static final Field VALUE_IPV4 = Field.ipv4("snmp.value.ipv4", "Value (IpAddress)");
  public static final Field VALUE_ADDR = Field.bytes("snmp.value.addr", "Value (IpAddress)");
  public static final Field VALUE_U32 = Field.of("snmp.value.u32", "Value (Unsigned32)", FieldType.INT64);
  public static final Field VALUE_G32 = Field.of("snmp.value.g32", "Value (Gauge32)", FieldType.INT64);
  public static final Field VALUE_UNK = Field.bytes("snmp.value.unk", "Value (Unknown)");
  public static final Field VALUE_COUNTER = Field.u64("snmp.value.counter", "Value (Counter32)");
  public static final Field VALUE_TIMETICKS = Field.u64("snmp.value.timeticks", "Value (Timeticks)");
  public static final Field VALUE_OPAQUE = Field.bytes("snmp.value.opaque", "Value (Opaque)");
  public static final Field NO_SUCH_OBJECT = Field.none("snmp.noSuchObject", "noSuchObject");
  public static final Field NO_SUCH_INSTANCE = Field.none("snmp.noSuchInstance", "noSuchInstance");
  public static final Field END_OF_MIB_VIEW = Field.none("snmp.endOfMibView", "endOfMibView");
  public static final Field VAR_BIND_STR = Field.string("snmp.var-bind_str", "Variable-binding-string");
  public static final Field RESPONSE_TO = Field.frameNum("snmp.response_to", "Response To");
  public static final Field TIME = Field.of("snmp.time", "Time", FieldType.RELATIVE_TIME);

  public static final Field MSG_VERSION = Field.of("snmp.msgVersion", "msgVersion", FieldType.INT32).labels(VERSIONS);
  public static final Field MSG_GLOBAL_DATA = Field.none("snmp.msgGlobalData_element", "msgGlobalData");
  public static final Field MSG_ID = Field.u32("snmp.msgID", "msgID");
  public static final Field MSG_MAX_SIZE = Field.u32("snmp.msgMaxSize", "msgMaxSize");
  public static final Field MSG_FLAGS = Field.bytes("snmp.msgFlags", "msgFlags");
  public static final Field V3_FLAGS_REPORT = Field.bool("snmp.v3.flags.report", "Reportable").mask(0x4, 8)
      .states("Set", "Not set");
  public static final Field V3_FLAGS_CRYPT = Field.bool("snmp.v3.flags.crypt", "Encrypted").mask(0x2, 8)
      .states("Set", "Not set");
  public static final Field V3_FLAGS_AUTH = Field.bool("snmp.v3.flags.auth", "Authenticated").mask(0x1, 8)
      .states("Set", "Not set");
  public static final Field MSG_SECURITY_MODEL = Field.u32("snmp.msgSecurityModel", "msgSecurityModel")
      .labels(ValueNames.parse("0=Any|1=V1|2=V2C|3=USM"));
  public static final Field MSG_ENGINE_ID = Field.bytes("snmp.msgAuthoritativeEngineID", "msgAuthoritativeEngineID");
  public static final Field MSG_ENGINE_BOOTS = Field.u32("snmp.msgAuthoritativeEngineBoots", "msgAuthoritativeEngineBoots");
  public static final Field MSG_ENGINE_TIME = Field.u32("snmp.msgAuthoritativeEngineTime", "msgAuthoritativeEngineTime");
  public static final Field MSG_USER_NAME = Field.string("snmp.msgUserName", "msgUserName");
  public static final Field MSG_AUTH_PARAMS = Field.bytes("snmp.msgAuthenticationParameters", "msgAuthenticationParameters");
  public static final Field MSG_PRIV_PARAMS = Field.bytes("snmp.msgPrivacyParameters", "msgPrivacyParameters");
  public static final Field MSG_DATA = Field.u32("snmp.msgData", "msgData")
      .labels(ValueNames.parse("0=plaintext|1=encryptedPDU"));
  public static final Field PLAINTEXT = Field.none("snmp.plaintext_element", "plaintext");
  public static final Field ENCRYPTED_PDU = Field.bytes("snmp.encryptedPDU", "encryptedPDU");
  public static final Field CONTEXT_ENGINE_ID = Field.bytes("snmp.contextEngineID", "contextEngineID");
  public static final Field CONTEXT_NAME = Field.string("snmp.contextName", "contextName");
  public static final Field ENGINEID_CONFORM = Field.bool("snmp.engineid.conform", "Engine ID Conformance")
      .mask(0x80, 8).states("RFC3411 (SNMPv3)", "RFC1910 (Non-SNMPv3)");
  public static final Field ENGINEID_ENTERPRISE = Field.u32("snmp.engineid.enterprise", "Engine Enterprise ID");
  public static final Field ENGINEID_FORMAT = Field.u8("snmp.engineid.format", "Engine ID Format")
      .labels(ValueNames.parse("1=IPv4 address|2=IPv6 address|3=MAC address|4=Text, administratively assigned|5=Octets, administratively assigned"));
  public static final Field ENGINEID_IPV4 = Field.ipv4("snmp.engineid.ipv4", "Engine ID Data: IPv4 address");
  public static final Field ENGINEID_IPV6 = Field.ipv6("snmp.engineid.ipv6", "Engine ID Data: IPv6 address");
  public static final Field ENGINEID_CISCO_TYPE = Field.u8("snmp.engineid.cisco.type", "Engine ID Data: Cisco type").hex();
  public static final Field ENGINEID_MAC = Field.ether("snmp.engineid.mac", "Engine ID Data: MAC address");
  public static final Field ENGINEID_TEXT = Field.string("snmp.engineid.text", "Engine ID Data: Text");
  public static final Field ENGINEID_DATA = Field.bytes("snmp.engineid.data", "Engine ID Data");
  public static final Field AGENTID_TRAILER = Field.bytes("snmp.agentid_trailer", "AgentID Trailer");

  private static final Field[] PDU_ELEMENTS = {
    GET_REQUEST, GET_NEXT_REQUEST, GET_RESPONSE, SET_REQUEST, TRAP, GET_BULK_REQUEST, INFORM_REQUEST,
    SNMPV2_TRAP, REPORT,
  };

  private static final int SNMP_PORT = 161;
  private static final int TRAP_PORT = 162;
  private static final int PDU_TRAP = 4;
  private static final int PDU_BULK = 5;
  private static final int PDU_RESPONSE = 2;
  private static final int PDU_REPORT = 8;
  /** sysDescr.0 and sysName.0, whose values tshark also shows as text. */
  private static final String SYS_DESCR = "1.3.6.1.2.1.1.1.0";
  private static final String SYS_NAME = "1.3.6.1.2.1.1.5.0";

  // Annotations.
  private static final int A_PDU = 0;
  private static final int A_RESPONSE_TO = 1;
  private static final int A_TIME = 2;
  private static final int A_COUNT = 3;

  /** Per-capture state: outstanding requests by conversation and request-id. */
  private static final class State {
    final Map<String, long[]> requests = new HashMap<>();
  }

  public SnmpDissector() {
    super("snmp", "Simple Network Management Protocol", "SNMP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, SNMP_PORT, this);
    p.map(Protocols.Table.UDP_PORT, TRAP_PORT, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int limit = d.end(layer);
    byte[] b = d.data();
    d.annotate(layer, A_COUNT);
    d.setAnnotation(layer, A_PDU, -1);
    int transport = Transport.find(d, layer);
    int sport = Transport.srcPort(d, transport);
    int dport = Transport.dstPort(d, transport);
    if (!Transport.isTcp(d, transport)
        && (dport == SNMP_PORT || dport == TRAP_PORT || sport == SNMP_PORT || sport == TRAP_PORT)) {
      // As tshark: the first packet of an exchange opens the conversation its replies use;
      // every trap opens one anew.
      UdpDissector.startReplyConversation(d, transport, dport == TRAP_PORT);
    }
    BerReader r = new BerReader();
    if (!r.read(b, s, limit) || !r.is(BerReader.UNIVERSAL, true, 16)) {
      malformedIfTruncated(d, layer, r);
      return null;
    }
    int msgEnd = r.end;
    d.setEnd(layer, msgEnd);
    if (!r.read(b, r.contentStart, msgEnd)) {
      malformedIfTruncated(d, layer, r);
      return null;
    }
    long version = BerReader.signed(b, r.contentStart, r.length());
    int p = r.end;
    if (version == 3) {
      // msgGlobalData, msgSecurityParameters, then msgData.
      for (int k = 0; k < 2; k++) {
        if (!r.read(b, p, msgEnd)) {
          malformedIfTruncated(d, layer, r);
          return null;
        }
        p = r.end;
      }
      if (!r.read(b, p, msgEnd)) {
        malformedIfTruncated(d, layer, r);
        return null;
      }
      if (!r.constructed) {
        return null; // encryptedPDU
      }
      p = r.contentStart;
      for (int k = 0; k < 2; k++) {
        if (!r.read(b, p, msgEnd)) {
          malformedIfTruncated(d, layer, r);
          return null;
        }
        p = r.end;
      }
    } else {
      if (!r.read(b, p, msgEnd)) { // community
        malformedIfTruncated(d, layer, r);
        return null;
      }
      p = r.end;
    }
    if (!r.read(b, p, msgEnd)) {
      malformedIfTruncated(d, layer, r);
      return null;
    }
    int pdu = r.tag;
    d.setAnnotation(layer, A_PDU, pdu);
    if (pdu == PDU_TRAP || r.tagClass != BerReader.CONTEXT || !r.read(b, r.contentStart, r.end)
        || !r.is(BerReader.UNIVERSAL, false, 2)) {
      return null;
    }
    match(d, layer, transport, pdu, BerReader.signed(b, r.contentStart, r.length()));
    return null;
  }

  private static void malformedIfTruncated(Dissection d, int layer, BerReader r) {
    if (r.error == BerReader.TRUNCATED) {
      d.malformed(layer);
    }
  }

  /** Remembers a request, or links a response to the request with its request-id. */
  private void match(Dissection d, int layer, int transport, int pdu, long requestId) {
    if (transport < 0) {
      return;
    }
    State st = d.state(this, State::new);
    String key = endpoints(d, transport) + "/" + requestId;
    if (pdu == PDU_RESPONSE) { // tshark does not match reports
      long[] req = st.requests.get(key);
      if (req != null && req[0] < d.number()) {
        d.setAnnotation(layer, A_RESPONSE_TO, req[0]);
        d.setAnnotation(layer, A_TIME, d.timestampNanos() - req[1]);
      }
    } else if (pdu != PDU_TRAP && pdu != 7 && pdu != PDU_REPORT) {
      st.requests.putIfAbsent(key, new long[] {d.number(), d.timestampNanos()});
    }
  }

  /** The unordered pair of endpoints of the packet (replies travel on a conversation of their own). */
  private static String endpoints(Dissection d, int transport) {
    int ip = Transport.ip(d, transport);
    String a = Transport.srcAddress(d, ip) + ":" + Transport.srcPort(d, transport);
    String z = Transport.dstAddress(d, ip) + ":" + Transport.dstPort(d, transport);
    return a.compareTo(z) <= 0 ? a + "-" + z : z + "-" + a;
  }

  /** Emits an OCTET STRING field; tshark shows an empty one as {@code <MISSING>}. */
  private static void octets(Tree t, Field f, int rel, int len) {
    if (len == 0) {
      t.object(f, rel, 0, "<MISSING>");
    } else {
      t.bytes(f, rel, len);
    }
  }

  @Override
  public void fields(Tree t) {
    walk(t, null);
  }

  /**
   * Walks the message, emitting fields through {@code t} and, when {@code info} is not null,
   * collecting the Info column text.
   */
  private void walk(Tree t, StringBuilder info) {
    byte[] b = t.data();
    int base = t.start();
    int limit = base + t.length();
    BerReader r = new BerReader();
    if (!r.read(b, base, limit) || !r.is(BerReader.UNIVERSAL, true, 16)) {
      return;
    }
    int msgEnd = r.end;
    if (!r.read(b, r.contentStart, msgEnd)) {
      return;
    }
    long version = BerReader.signed(b, r.contentStart, r.length());
    int p = r.end;
    if (version == 3) {
      t.number(MSG_VERSION, r.contentStart - base, r.length(), version);
      v3(t, r, p, msgEnd, info);
      return;
    }
    t.number(VERSION, r.contentStart - base, r.length(), version);
    if (!r.read(b, p, msgEnd)) {
      return;
    }
    t.object(COMMUNITY, r.contentStart - base, r.length(), Strings.printable(b, r.contentStart, r.length()));
    pdu(t, r, r.end, msgEnd, info);
    responseFields(t);
  }

  private static void responseFields(Tree t) {
    long to = t.annotation(A_RESPONSE_TO);
    if (to > 0) {
      t.generated(RESPONSE_TO, to);
      t.generated(TIME, t.annotation(A_TIME));
    }
  }

  private void v3(Tree t, BerReader r, int p, int msgEnd, StringBuilder info) {
    byte[] b = t.data();
    int base = t.start();
    if (!r.read(b, p, msgEnd)) {
      return;
    }
    int globalEnd = r.end;
    t.object(MSG_GLOBAL_DATA, r.start - base, r.end - r.start, null);
    t.enter();
    int q = r.contentStart;
    Field[] global = {MSG_ID, MSG_MAX_SIZE, MSG_FLAGS, MSG_SECURITY_MODEL};
    for (Field f : global) {
      if (!r.read(b, q, globalEnd)) {
        break;
      }
      q = r.end;
      if (f == MSG_FLAGS) {
        t.bytes(f, r.contentStart - base, r.length());
        if (r.length() > 0) {
          t.enter();
          int flags = b[r.contentStart] & 0xff;
          t.number(V3_FLAGS_REPORT, r.contentStart - base, 1, V3_FLAGS_REPORT.extract(flags));
          t.number(V3_FLAGS_CRYPT, r.contentStart - base, 1, V3_FLAGS_CRYPT.extract(flags));
          t.number(V3_FLAGS_AUTH, r.contentStart - base, 1, V3_FLAGS_AUTH.extract(flags));
          t.exit();
        }
      } else {
        t.number(f, r.contentStart - base, r.length(), BerReader.unsigned(b, r.contentStart, r.length()));
      }
    }
    t.exit();
    if (!r.read(b, globalEnd, msgEnd)) {
      return;
    }
    int dataStart = r.end;
    // msgSecurityParameters: an OCTET STRING holding the USM SEQUENCE.
    if (r.read(b, r.contentStart, r.end) && r.is(BerReader.UNIVERSAL, true, 16)) {
      int usmEnd = r.end;
      int u = r.contentStart;
      Field[] usm = {MSG_ENGINE_ID, MSG_ENGINE_BOOTS, MSG_ENGINE_TIME, MSG_USER_NAME, MSG_AUTH_PARAMS, MSG_PRIV_PARAMS};
      for (Field f : usm) {
        if (!r.read(b, u, usmEnd)) {
          break;
        }
        u = r.end;
        int rel = r.contentStart - base;
        if (f == MSG_ENGINE_BOOTS || f == MSG_ENGINE_TIME) {
          t.number(f, rel, r.length(), BerReader.unsigned(b, r.contentStart, r.length()));
        } else if (f == MSG_USER_NAME) {
          t.object(f, rel, r.length(), Strings.printable(b, r.contentStart, r.length()));
        } else if (f == MSG_ENGINE_ID) {
          engineId(t, f, rel, r.length());
        } else {
          octets(t, f, rel, r.length());
        }
      }
    }
    if (!r.read(b, dataStart, msgEnd)) {
      return;
    }
    if (!r.constructed) {
      t.number(MSG_DATA, r.start - base, r.end - r.start, 1);
      t.enter();
      t.bytes(ENCRYPTED_PDU, r.contentStart - base, r.length());
      t.exit();
      if (info != null) {
        info.append("encryptedPDU: privKey Unknown");
      }
      return;
    }
    int scopedEnd = r.end;
    t.number(MSG_DATA, r.start - base, r.end - r.start, 0);
    t.enter();
    t.object(PLAINTEXT, r.start - base, r.end - r.start, null);
    t.enter();
    int q2 = r.contentStart;
    if (r.read(b, q2, scopedEnd)) {
      engineId(t, CONTEXT_ENGINE_ID, r.contentStart - base, r.length());
      if (r.read(b, r.end, scopedEnd)) {
        t.object(CONTEXT_NAME, r.contentStart - base, r.length(), Strings.printable(b, r.contentStart, r.length()));
        pdu(t, r, r.end, scopedEnd, info);
      }
    }
    t.exit();
    t.exit();
    responseFields(t);
  }

  /** An engine ID (RFC 3411 SnmpEngineID) and its parts. */
  private static void engineId(Tree t, Field f, int rel, int len) {
    octets(t, f, rel, len);
    if (len < 5) {
      return;
    }
    t.enter();
    int first = t.u8(rel);
    t.number(ENGINEID_CONFORM, rel, 1, first >> 7);
    long enterprise = t.u32(rel) & 0x7fff_ffffL;
    t.number(ENGINEID_ENTERPRISE, rel, 4, enterprise);
    if ((first & 0x80) == 0) {
      if (len == 12) {
        t.bytes(AGENTID_TRAILER, rel + 4, 8);
      }
      t.exit();
      return;
    }
    int format = t.u8(rel + 4);
    t.number(ENGINEID_FORMAT, rel + 4, 1, format);
    int data = rel + 5;
    int n = len - 5;
    switch (format) {
      case 1:
        if (n == 4) {
          t.bytes(ENGINEID_IPV4, data, 4);
        }
        break;
      case 2:
        if (n == 16) {
          t.bytes(ENGINEID_IPV6, data, 16);
        }
        break;
      case 3:
        if (enterprise == 9 && n == 7) {
          // Cisco puts a type octet before the MAC address.
          t.uint(ENGINEID_CISCO_TYPE, data, 1);
          t.bytes(ENGINEID_MAC, data + 1, 6);
        } else if (n == 6) {
          t.bytes(ENGINEID_MAC, data, 6);
        }
        break;
      case 4:
        t.object(ENGINEID_TEXT, data, n, Strings.printable(t.data(), t.start() + data, Math.max(0, Math.min(n, t.length() - data))));
        break;
      default:
        if (n > 0) {
          t.bytes(ENGINEID_DATA, data, n);
        }
    }
    t.exit();
  }

  private void pdu(Tree t, BerReader r, int p, int end, StringBuilder info) {
    byte[] b = t.data();
    int base = t.start();
    if (!r.read(b, p, end) || r.tagClass != BerReader.CONTEXT) {
      return;
    }
    int type = r.tag;
    int pduEnd = r.end;
    t.number(DATA, r.start - base, r.end - r.start, type);
    String name = PDU_TYPES.get((long) type);
    if (info != null) {
      info.append(name != null ? name : "unknown");
    }
    if (type >= PDU_ELEMENTS.length) {
      return;
    }
    t.enter();
    t.object(PDU_ELEMENTS[type], r.contentStart - base, r.length(), null);
    t.enter();
    int q = r.contentStart;
    if (type == PDU_TRAP) {
      Field[] trap = {ENTERPRISE, AGENT_ADDR, GENERIC_TRAP, SPECIFIC_TRAP, TIME_STAMP};
      for (Field f : trap) {
        if (!r.read(b, q, pduEnd)) {
          break;
        }
        q = r.end;
        int rel = r.contentStart - base;
        if (f == ENTERPRISE) {
          String oid = BerReader.oid(b, r.contentStart, r.length());
          t.object(f, rel, r.length(), oid);
          if (info != null && oid != null) {
            info.append(' ').append(named(oid));
          }
        } else if (f == AGENT_ADDR) {
          t.bytes(r.length() == 4 ? AGENT_ADDR : VALUE_ADDR, rel, r.length());
        } else if (f == TIME_STAMP) {
          t.number(f, rel, r.length(), BerReader.unsigned(b, r.contentStart, r.length()));
        } else {
          t.number(f, rel, r.length(), BerReader.signed(b, r.contentStart, r.length()));
        }
      }
    } else {
      Field[] head = type == PDU_BULK
          ? new Field[] {REQUEST_ID, NON_REPEATERS, MAX_REPETITIONS}
          : new Field[] {REQUEST_ID, ERROR_STATUS, ERROR_INDEX};
      for (Field f : head) {
        if (!r.read(b, q, pduEnd)) {
          break;
        }
        q = r.end;
        long v = f.type() == FieldType.INT32
            ? BerReader.signed(b, r.contentStart, r.length())
            : BerReader.unsigned(b, r.contentStart, r.length());
        t.number(f, r.contentStart - base, r.length(), v);
      }
    }
    if (r.read(b, q, pduEnd) && r.is(BerReader.UNIVERSAL, true, 16)) {
      varbinds(t, r, info);
    }
    t.exit();
    t.exit();
  }

  /** tshark names the first arc of an enterprise OID in Info. */
  private static String named(String oid) {
    if (oid.startsWith("1.")) {
      return "iso" + oid.substring(1);
    }
    if (oid.startsWith("0.")) {
      return "itu-t" + oid.substring(1);
    }
    if (oid.startsWith("2.")) {
      return "joint-iso-itu-t" + oid.substring(1);
    }
    return oid;
  }

  private static void varbinds(Tree t, BerReader r, StringBuilder info) {
    byte[] b = t.data();
    int base = t.start();
    int listStart = r.start;
    int listEnd = r.end;
    int count = 0;
    BerReader c = new BerReader();
    for (int q = r.contentStart; c.read(b, q, listEnd); q = c.end) {
      count++;
    }
    t.number(VARIABLE_BINDINGS, listStart - base, listEnd - listStart, count);
    t.enter();
    BerReader v = new BerReader();
    for (int q = r.contentStart; c.read(b, q, listEnd); q = c.end) {
      if (!c.is(BerReader.UNIVERSAL, true, 16) || !v.read(b, c.contentStart, c.end)
          || !v.is(BerReader.UNIVERSAL, false, 6)) {
        continue;
      }
      String oid = BerReader.oid(b, v.contentStart, v.length());
      t.object(NAME, v.contentStart - base, v.length(), oid);
      if (info != null && oid != null) {
        info.append(' ').append(oid);
      }
      if (v.read(b, v.end, c.end)) {
        value(t, v, oid);
      }
    }
    t.exit();
  }

  private static void value(Tree t, BerReader v, String oid) {
    byte[] b = t.data();
    int rel = v.contentStart - t.start();
    int len = v.length();
    if (v.constructed) {
      t.bytes(VALUE_UNK, rel, len);
      return;
    }
    if (v.tagClass == BerReader.UNIVERSAL) {
      switch (v.tag) {
        case 2:
          t.number(VALUE_INT, rel, len, BerReader.signed(b, v.contentStart, len));
          return;
        case 4:
          octets(t, VALUE_OCTETS, rel, len);
          if (SYS_DESCR.equals(oid) || SYS_NAME.equals(oid)) {
            t.enter();
            t.object(VAR_BIND_STR, rel, len, Strings.printable(b, v.contentStart, len));
            t.exit();
          }
          return;
        case 5:
          t.object(VALUE_NULL, rel, 0, null);
          return;
        case 6:
          t.object(VALUE_OID, rel, len, BerReader.oid(b, v.contentStart, len));
          return;
        default:
          t.bytes(VALUE_UNK, rel, len);
          return;
      }
    }
    if (v.tagClass == BerReader.APPLICATION) {
      long u = BerReader.unsigned(b, v.contentStart, len);
      switch (v.tag) {
        case 0: t.bytes(len == 4 ? VALUE_IPV4 : VALUE_ADDR, rel, len); return;
        case 1: case 6: t.number(VALUE_COUNTER, rel, len, u); return;
        case 2: t.number(VALUE_G32, rel, len, u); return;
        case 3: t.number(VALUE_TIMETICKS, rel, len, u); return;
        case 4: t.bytes(VALUE_OPAQUE, rel, len); return;
        case 7: t.number(VALUE_U32, rel, len, u); return;
        default: t.bytes(VALUE_UNK, rel, len); return;
      }
    }
    if (v.tagClass == BerReader.CONTEXT && v.tag <= 2) {
      Field f = v.tag == 0 ? NO_SUCH_OBJECT : v.tag == 1 ? NO_SUCH_INSTANCE : END_OF_MIB_VIEW;
      t.object(f, rel, 0, null);
      return;
    }
    t.bytes(VALUE_UNK, rel, len);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = "SNMP";
    StringBuilder info = new StringBuilder(64);
    walk(t, info);
    c.setInfo(info.toString());
  }
}

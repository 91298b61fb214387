package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Base;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Cisco NetFlow v5 and v9 (<a href="https://www.rfc-editor.org/rfc/rfc3954">RFC 3954</a>) and
 * IPFIX (v10, <a href="https://www.rfc-editor.org/rfc/rfc7011">RFC 7011</a>), tshark's
 * {@code cflow}, on UDP 2055, 9996 and 4739 (and TCP 4739).
 *
 * <pre>
 * v5:   version 2 | count 2 | sysuptime 4 | secs 4 | nsecs 4 | sequence 4 | engine type 1 |
 *       engine id 1 | sampling 2 | count x 48-byte flow records
 * v9:   version 2 | count 2 | sysuptime 4 | secs 4 | sequence 4 | source id 4 | flowsets...
 * v10:  version 2 | length 2 | export time 4 | sequence 4 | observation domain 4 | sets...
 * set:  id 2 | length 2 | 0/2 templates, 1/3 options templates, 256+ data records
 * </pre>
 *
 * Templates are kept per exporter conversation (addresses and ports), observation domain and
 * template id, in frame order, so a data set names the frame of its template and its records
 * can be read. Of the records' information elements only the common IANA ones of
 * {@link #ELEMENTS} (and the v9 option scopes) are shown yet; others, and enterprise elements,
 * are stepped over.
 *
 * <p>Sequence analysis as tshark does it, per conversation and domain, from the first data
 * template of that domain on: a v9 packet should carry the previous sequence number plus one,
 * IPFIX the previous plus the data records it carried; otherwise a warning names the expected
 * number. (v5 has no templates, so tshark never starts tracking it.)
 */
public final class NetflowDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> FLOWSET_IDS = new HashMap<>();

  static {
    FLOWSET_IDS.put(0L, "Data Template (V9)");
    FLOWSET_IDS.put(1L, "Options Template(V9)");
    FLOWSET_IDS.put(2L, "Data Template (V10 [IPFIX])");
    FLOWSET_IDS.put(3L, "Options Template (V10 [IPFIX])");
  }

  private static final Map<Long, String> SAMPLING_MODES = ValueNames.parse(
      "0=No sampling mode configured|1=Packet Interval sampling mode configured|2=Random sampling mode configured");

  public static final Field VERSION = Field.u16("cflow.version", "Version").blurb("NetFlow Version");
  public static final Field LEN = Field.u16("cflow.len", "Length").blurb("Length of PDUs");
  public static final Field COUNT = Field.u16("cflow.count", "Count").blurb("Count of PDUs");
  public static final Field SYSUPTIME = Field.of("cflow.sysuptime", "SysUptime", FieldType.RELATIVE_TIME)
      .blurb("Time since router booted (in seconds)");
  public static final Field TIMESTAMP = Field.of("cflow.timestamp", "Timestamp", FieldType.ABSOLUTE_TIME)
      .base(Base.TIME_UTC).blurb("Current seconds since epoch");
  public static final Field UNIX_SECS = Field.u32("cflow.unix_secs", "CurrentSecs").blurb("Current seconds since epoch");
  public static final Field UNIX_NSECS = Field.u32("cflow.unix_nsecs", "CurrentNSecs")
      .blurb("Residual nanoseconds since epoch");
  public static final Field EXPORTTIME = Field.u32("cflow.exporttime", "ExportTime")
      .blurb("Time when the flow has been exported");
  public static final Field SEQUENCE = Field.u32("cflow.sequence", "FlowSequence").blurb("Sequence number of flows seen");
  public static final Field ENGINE_TYPE = Field.u8("cflow.engine_type", "EngineType").blurb("Flow switching engine type");
  public static final Field ENGINE_ID = Field.u8("cflow.engine_id", "EngineId").blurb("Slot number of switching engine");
  public static final Field SAMPLINGMODE = Field.u16("cflow.samplingmode", "SamplingMode").mask(0xc000, 16)
      .labels(SAMPLING_MODES).blurb("Sampling Mode of exporter");
  public static final Field SAMPLERATE = Field.u16("cflow.samplerate", "SampleRate").mask(0x3fff, 16)
      .blurb("Sample Frequency of exporter");
  public static final Field SOURCE_ID = Field.u32("cflow.source_id", "SourceId").blurb("Identifier for export device");
  public static final Field OD_ID = Field.u32("cflow.od_id", "Observation Domain Id")
      .blurb("Identifier of an Observation Domain that is locally unique to an Exporting Process");
  public static final Field FLOWSET_ID = Field.u16("cflow.flowset_id", "FlowSet Id")
      .labels(id -> id >= 256 ? "(Data)" : id >= 4 ? "(Reserved)" : FLOWSET_IDS.get(id));
  public static final Field FLOWSET_LENGTH = Field.u16("cflow.flowset_length", "FlowSet Length")
      .blurb("FlowSet Length in bytes");
  public static final Field TEMPLATE_ID = Field.u16("cflow.template_id", "Template Id");
  public static final Field TEMPLATE_FIELD_COUNT = Field.u16("cflow.template_field_count", "Field Count")
      .blurb("Template field count");
  public static final Field TEMPLATE_FIELD_TYPE = Field.u16("cflow.template_field_type", "Type")
      .blurb("Template field type");
  public static final Field TEMPLATE_FIELD_LENGTH = Field.u16("cflow.template_field_length", "Length")
      .blurb("Template field length");
  public static final Field OPTION_SCOPE_LENGTH = Field.u16("cflow.option_scope_length", "Option Scope Length");
  public static final Field OPTION_LENGTH = Field.u16("cflow.option_length", "Option Length");
  public static final Field SCOPE_FIELD_TYPE = Field.u16("cflow.scope_field_type", "Scope Type")
      .blurb("Scope field type");
  public static final Field IPFIX_SCOPE_FIELD_COUNT = Field.u16("cflow.template_ipfix_scope_field_count",
      "Scope Field Count").blurb("IPFIX Options Template Scope Field Count");
  public static final Field IPFIX_PEN_PROVIDED = Field.bool("cflow.template_ipfix_pen_provided", "Pen provided")
      .mask(0x8000, 16).blurb("Is Template Enterprise Specific");
  public static final Field IPFIX_FIELD_TYPE = Field.u16("cflow.template_ipfix_field_type", "Type")
      .mask(0x7fff, 16).blurb("Template field type");
  public static final Field IPFIX_FIELD_PEN = Field.u32("cflow.template_ipfix_field_pen", "PEN")
      .blurb("IPFIX Private Enterprise Number");
  public static final Field PADDING = Field.bytes("cflow.padding", "Padding");
  public static final Field SRCADDR = Field.ipv4("cflow.srcaddr", "SrcAddr").blurb("Flow Source Address (IPv4)");
  public static final Field DSTADDR = Field.ipv4("cflow.dstaddr", "DstAddr").blurb("Flow Destination Address (IPv4)");
  public static final Field NEXTHOP = Field.ipv4("cflow.nexthop", "NextHop").blurb("Router nexthop (IPv4)");
  public static final Field INPUTINT = Field.u32("cflow.inputint", "InputInt").blurb("Flow Input Interface");
  public static final Field OUTPUTINT = Field.u32("cflow.outputint", "OutputInt").blurb("Flow Output Interface");
  public static final Field PACKETS = Field.u64("cflow.packets", "Packets").blurb("Count of packets in flow");
  public static final Field OCTETS = Field.u64("cflow.octets", "Octets").blurb("Count of bytes in flow");
  public static final Field TIMEDELTA = Field.of("cflow.timedelta", "Duration", FieldType.RELATIVE_TIME)
      .generated().blurb("Duration of flow sample (end - start) in seconds");
  public static final Field TIMESTART = Field.of("cflow.timestart", "StartTime", FieldType.RELATIVE_TIME)
      .blurb("Uptime at start of flow");
  public static final Field TIMEEND = Field.of("cflow.timeend", "EndTime", FieldType.RELATIVE_TIME)
      .blurb("Uptime at end of flow");
  public static final Field SRCPORT = Field.u16("cflow.srcport", "SrcPort").blurb("Flow Source Port");
  public static final Field DSTPORT = Field.u16("cflow.dstport", "DstPort").blurb("Flow Destination Port");
  public static final Field TCPFLAGS = Field.u8("cflow.tcpflags", "TCP Flags").hex();
  public static final Field PROTOCOL = Field.u8("cflow.protocol", "Protocol").labels(IpProtocols::nameOrUnknown)
      .blurb("IP Protocol");
  public static final Field TOS = Field.u8("cflow.tos", "IP ToS").hex().blurb("IP Type of Service");
  public static final Field SRCAS = Field.u32("cflow.srcas", "SrcAS").blurb("Source AS");
  public static final Field DSTAS = Field.u32("cflow.dstas", "DstAS").blurb("Destination AS");
  public static final Field SRCMASK = Field.u8("cflow.srcmask", "SrcMask").blurb("Source Prefix Mask");
  public static final Field DSTMASK = Field.u8("cflow.dstmask", "DstMask").blurb("Destination Prefix Mask");
  public static final Field BGPNEXTHOP = Field.ipv4("cflow.bgpnexthop", "BGPNextHop")
      .blurb("BGP Router Nexthop (IPv4)");
  public static final Field ICMP_TYPE_CODE_IPV4 = Field.u16("cflow.icmp_type_code_ipv4", "ICMP Type").hex();
  public static final Field SAMPLING_INTERVAL = Field.u32("cflow.sampling_interval", "Sampling interval");
  public static final Field SAMPLING_ALGORITHM = Field.u8("cflow.sampling_algorithm", "Sampling algorithm")
      .labels(ValueNames.parse("0=No sampling mode configured|1=Deterministic sampling|2=Random sampling"));
  public static final Field FLOW_ACTIVE_TIMEOUT = Field.u16("cflow.flow_active_timeout", "Flow active timeout");
  public static final Field FLOW_INACTIVE_TIMEOUT = Field.u16("cflow.flow_inactive_timeout", "Flow inactive timeout");
  public static final Field IP_VERSION = Field.u8("cflow.ip_version", "IPVersion").blurb("IP Version");
  public static final Field SCOPE_SYSTEM = Field.bytes("cflow.scope_system", "ScopeSystem").blurb("Option Scope System");
  public static final Field SCOPE_INTERFACE = Field.u32("cflow.scope_interface", "ScopeInterface")
      .blurb("Option Scope Interface");
  public static final Field SCOPE_LINECARD = Field.u32("cflow.scope_linecard", "ScopeLinecard")
      .blurb("Option Scope Linecard");
  public static final Field SCOPE_CACHE = Field.bytes("cflow.scope_cache", "ScopeCache").blurb("Option Scope Cache");
  public static final Field SCOPE_TEMPLATE = Field.bytes("cflow.scope_template", "ScopeTemplate")
      .blurb("Option Scope Template");
  public static final Field UNKNOWN_FIELD_TYPE = Field.bytes("cflow.unknown_field_type", "Unknown Field Type");
  /** IANA information elements by number, the ones this dissector shows (21 and 22 are timing). */
  private static final Map<Integer, Field> ELEMENTS = new HashMap<>();

  static {
    ELEMENTS.put(1, OCTETS);
    ELEMENTS.put(2, PACKETS);
    ELEMENTS.put(4, PROTOCOL);
    ELEMENTS.put(5, TOS);
    ELEMENTS.put(6, TCPFLAGS);
    ELEMENTS.put(7, SRCPORT);
    ELEMENTS.put(8, SRCADDR);
    ELEMENTS.put(9, SRCMASK);
    ELEMENTS.put(10, INPUTINT);
    ELEMENTS.put(11, DSTPORT);
    ELEMENTS.put(12, DSTADDR);
    ELEMENTS.put(13, DSTMASK);
    ELEMENTS.put(14, OUTPUTINT);
    ELEMENTS.put(15, NEXTHOP);
    ELEMENTS.put(16, SRCAS);
    ELEMENTS.put(17, DSTAS);
    ELEMENTS.put(18, BGPNEXTHOP);
    ELEMENTS.put(32, ICMP_TYPE_CODE_IPV4);
    ELEMENTS.put(34, SAMPLING_INTERVAL);
    ELEMENTS.put(35, SAMPLING_ALGORITHM);
    ELEMENTS.put(36, FLOW_ACTIVE_TIMEOUT);
    ELEMENTS.put(37, FLOW_INACTIVE_TIMEOUT);
    ELEMENTS.put(60, IP_VERSION);
    // tcp/udp source and destination ports (180..183) share the port fields.
    ELEMENTS.put(180, SRCPORT);
    ELEMENTS.put(182, SRCPORT);
    ELEMENTS.put(181, DSTPORT);
    ELEMENTS.put(183, DSTPORT);
  }

  public static final Field TEMPLATE_FRAME = Field.frameNum("cflow.template_frame", "Template Frame").generated();
  public static final Field EXPECTED_SN = Field.u32("cflow.sequence_analysis.expected_sn", "Expected Sequence Number")
      .generated();
  public static final Field PREVIOUS_FRAME = Field.frameNum("cflow.sequence_analysis.previous_frame",
      "Previous Frame in Sequence").generated();
  public static final Expert UNEXPECTED_SEQUENCE = new Expert("cflow.unexpected_sequence_number",
      Expert.Severity.WARNING, "Sequence", "Unexpected flow sequence").under(SEQUENCE);

  private static final int V5_RECORD = 48;
  private static final int VARIABLE = 65535;
  /** Annotations: expected sequence number plus one (0: in order), the frame it came from. */
  private static final int A_EXPECTED = 0;
  private static final int A_PREVIOUS = 1;
  private static final int A_COUNT = 2;

  /** A template as the data sets that name it need it: field lengths (scopes first) and its frame. */
  private static final class Template {
    /** Element types (-1: an enterprise's), v9 scope types first ({@code scopes} of them). */
    final int[] types;
    final int[] lengths;
    final int scopes;
    final long frame;

    Template(int[] types, int[] lengths, int scopes, long frame) {
      this.types = types;
      this.lengths = lengths;
      this.scopes = scopes;
      this.frame = frame;
    }
  }

  /** Per packet, for the walker: each set's template (or null) and where its records end. */
  private static final class Sets {
    final Template[] templates;
    final int[] recordsEnd;

    Sets(Template[] templates, int[] recordsEnd) {
      this.templates = templates;
      this.recordsEnd = recordsEnd;
    }
  }

  /** Per capture: templates and sequence state, keyed by conversation and domain. */
  private static final class State {
    final Map<String, Template> templates = new HashMap<>();
    /** {next expected sequence number (-1: none yet), frame} per conversation and domain. */
    final Map<String, long[]> sequences = new HashMap<>();
  }

  public NetflowDissector() {
    super("cflow", "Cisco NetFlow/IPFIX", "CFLOW");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, 2055, this);
    p.map(Protocols.Table.UDP_PORT, 9996, this);
    p.map(Protocols.Table.UDP_PORT, 4739, this);
    p.map(Protocols.Table.TCP_PORT, 4739, this);
  }

  /** Offset of the first flowset or record after the header of {@code version}, or -1 for others. */
  static int headerLength(int version) {
    switch (version) {
      case 5:
        return 24;
      case 9:
        return 20;
      case 10:
        return 16;
      default:
        return -1;
    }
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    d.payload(end, end);
    d.annotate(layer, A_COUNT);
    byte[] b = d.data();
    int version = end - s >= 2 ? Bytes.u16(b, s) : 0;
    int header = headerLength(version);
    if (header < 0 || end - s < header || d.protocols().isStateless()) {
      return null;
    }
    State st = d.state(this, State::new);
    String conversation = conversation(d, layer);
    long domain = version == 5 ? 0 : Bytes.u32(b, s + header - 4);
    long sequence = Bytes.u32(b, s + (version == 10 ? 8 : version == 9 ? 12 : 16));
    long flows = Bytes.u16(b, s + 2);
    if (version == 9 || version == 10) {
      Template[] used = new Template[0];
      int[] recordsEnd = new int[0];
      int records = 0;
      int at = s + header;
      // tshark walks v9 flowsets up to the header's count, IPFIX sets to the message's end.
      for (int x = 1; at + 4 <= end && (version == 10 || x <= flows); x++) {
        int id = Bytes.u16(b, at);
        int len = Bytes.u16(b, at + 2);
        if (len < 4 || at + len > end) {
          break;
        }
        String key = conversation + "/" + domain + "/";
        if (id == 0 || id == 2) {
          // Measured on scapy__netflowv9.pcap: tshark tracks a domain's sequence only once a
          // data template came from that exporter (options templates alone do not start it).
          st.sequences.putIfAbsent(conversation + "/" + domain, new long[] {-1, 0});
        }
        if (id <= 3) {
          learnTemplates(st, key, b, at + 4, at + len, id, d.number());
        } else if (id >= 256) {
          Template tmpl = st.templates.get(key + id);
          used = Arrays.copyOf(used, x);
          recordsEnd = Arrays.copyOf(recordsEnd, x);
          if (tmpl != null) {
            int[] walked = walkRecords(tmpl, b, at + 4, at + len);
            records += walked[0];
            used[x - 1] = tmpl;
            recordsEnd[x - 1] = walked[1] - s;
          }
        }
        at += len;
      }
      d.attach(layer, new Sets(used, recordsEnd));
      if (version == 10) {
        flows = records;
      }
    }
    // tshark's rule: the next packet of the domain should carry this number plus one (v9)
    // or plus the data records it carried (IPFIX).
    String seqKey = conversation + "/" + domain;
    long[] last = st.sequences.get(seqKey);
    if (last == null) {
      return null;
    }
    if (last[0] >= 0 && last[0] != sequence) {
      d.setAnnotation(layer, A_EXPECTED, last[0] + 1);
      d.setAnnotation(layer, A_PREVIOUS, last[1]);
      d.expert(layer, UNEXPECTED_SEQUENCE, s + (version == 10 ? 8 : version == 9 ? 12 : 16), 4,
          "Unexpected flow sequence for domain ID " + domain + " (expected " + last[0] + ", got " + sequence + ")");
    }
    last[0] = (sequence + (version == 9 ? 1 : flows)) & 0xffffffffL;
    last[1] = d.number();
    return null;
  }

  /** The exporter and collector addresses and ports that key templates, as tshark keys them. */
  private static String conversation(Dissection d, int layer) {
    StringBuilder k = new StringBuilder(48);
    int ip = EnclosingIp.find(d, layer);
    byte[] b = d.data();
    if (ip >= 0) {
      int n = EnclosingIp.addressLength(d, ip);
      appendAddress(k, b, EnclosingIp.src(d, ip), n).append('>');
      appendAddress(k, b, EnclosingIp.dst(d, ip), n);
    }
    if (layer > 0 && (d.dissector(layer - 1) instanceof UdpDissector || d.dissector(layer - 1) instanceof TcpDissector)
        && d.length(layer - 1) >= 4) {
      int t = d.start(layer - 1);
      k.append(':').append(Bytes.u16(b, t)).append('>').append(Bytes.u16(b, t + 2));
    }
    return k.toString();
  }

  private static StringBuilder appendAddress(StringBuilder k, byte[] b, int at, int n) {
    for (int i = 0; i < n; i++) {
      k.append(i == 0 ? "" : ".").append(b[at + i] & 0xff);
    }
    return k;
  }

  /** Stores the templates of one template set, [from, to) after its set header. */
  private static void learnTemplates(State st, String key, byte[] b, int from, int to, int setId, long frame) {
    int at = from;
    while (at + 4 <= to) {
      int id = Bytes.u16(b, at);
      int count;
      int scopes = 0;
      int fieldsAt;
      if (setId == 0 || setId == 2) {
        count = Bytes.u16(b, at + 2);
        fieldsAt = at + 4;
      } else if (setId == 1) {
        // v9 options: scope and option lengths in bytes, 4 per field.
        if (at + 6 > to) {
          return;
        }
        scopes = Bytes.u16(b, at + 2) / 4;
        count = scopes + Bytes.u16(b, at + 4) / 4;
        fieldsAt = at + 6;
      } else {
        if (at + 6 > to) {
          return;
        }
        count = Bytes.u16(b, at + 2);
        fieldsAt = at + 6;
      }
      if (id < 256) {
        return; // padding or a withdrawal
      }
      int[] types = new int[count];
      int[] lengths = new int[count];
      int p = fieldsAt;
      for (int i = 0; i < count; i++) {
        if (p + 4 > to) {
          return;
        }
        int type = Bytes.u16(b, p);
        types[i] = setId >= 2 && (type & 0x8000) != 0 ? -1 : type;
        lengths[i] = Bytes.u16(b, p + 2);
        p += setId >= 2 && (type & 0x8000) != 0 ? 8 : 4;
      }
      st.templates.put(key + id, new Template(types, lengths, setId == 1 ? scopes : 0, frame));
      at = p;
      if (setId == 1) {
        return; // a v9 options template fills its flowset (the rest is padding)
      }
    }
  }

  /**
   * The data records in [from, to) by {@code t} (whole records only, variable lengths walked)
   * and where they end, as {count, end}: what follows is padding.
   */
  private static int[] walkRecords(Template t, byte[] b, int from, int to) {
    int n = 0;
    int at = from;
    while (true) {
      int p = at;
      for (int len : t.lengths) {
        if (len == VARIABLE) {
          if (p + 1 > to) {
            return new int[] {n, at};
          }
          int v = Bytes.u8(b, p);
          p += 1;
          if (v == 255) {
            if (p + 2 > to) {
              return new int[] {n, at};
            }
            v = Bytes.u16(b, p);
            p += 2;
          }
          p += v;
        } else {
          p += len;
        }
      }
      if (p == at || p > to) {
        return new int[] {n, at};
      }
      n++;
      at = p;
    }
  }

  @Override
  public void fields(Tree t) {
    int version = (int) t.uint(VERSION, 0, 2);
    int header = headerLength(version);
    if (header < 0) {
      return;
    }
    t.uint(version == 10 ? LEN : COUNT, 2, 2);
    int at = 4;
    if (version != 10) {
      t.number(SYSUPTIME, 4, 4, t.u32(4) * 1_000_000L);
      at = 8;
    }
    int secsAt = at;
    long nanos = version == 5 ? t.u32(at + 4) : 0;
    t.number(TIMESTAMP, at, version == 5 ? 8 : 4, t.u32(at) * 1_000_000_000L + nanos);
    t.enter();
    t.uint(version == 10 ? EXPORTTIME : UNIX_SECS, secsAt, 4);
    if (version == 5) {
      t.uint(UNIX_NSECS, secsAt + 4, 4);
    }
    t.exit();
    at += version == 5 ? 8 : 4;
    t.uint(SEQUENCE, at, 4);
    at += 4;
    if (version == 5) {
      t.uint(ENGINE_TYPE, at, 1);
      t.uint(ENGINE_ID, at + 1, 1);
      t.uint(SAMPLINGMODE, at + 2, 2);
      t.uint(SAMPLERATE, at + 2, 2);
      int count = t.u16(2);
      for (int x = 0, r = header; x < count && t.has(r, V5_RECORD); x++, r += V5_RECORD) {
        t.text(r, V5_RECORD, "pdu " + (x + 1) + "/" + count);
        t.enter();
        v5Record(t, r);
        t.exit();
      }
    } else {
      t.uint(version == 9 ? SOURCE_ID : OD_ID, at, 4);
      Sets sets = t.attachment() instanceof Sets ? (Sets) t.attachment() : new Sets(new Template[0], new int[0]);
      flowsets(t, version, header, sets);
    }
    if (t.annotation(A_EXPECTED) != 0) {
      t.generated(EXPECTED_SN, t.annotation(A_EXPECTED) - 1);
      t.generated(PREVIOUS_FRAME, t.annotation(A_PREVIOUS));
    }
  }

  /** One 48-byte v5 flow record at {@code r}. */
  private static void v5Record(Tree t, int r) {
    t.bytes(SRCADDR, r, 4);
    t.bytes(DSTADDR, r + 4, 4);
    t.bytes(NEXTHOP, r + 8, 4);
    t.uint(INPUTINT, r + 12, 2);
    t.uint(OUTPUTINT, r + 14, 2);
    t.uint(PACKETS, r + 16, 4);
    t.uint(OCTETS, r + 20, 4);
    long first = t.u32(r + 24);
    long last = t.u32(r + 28);
    // Uptimes in milliseconds; the duration wraps as tshark's 32-bit subtraction does.
    t.number(TIMEDELTA, r + 24, 8, ((last - first) & 0xffffffffL) * 1_000_000L);
    t.enter();
    t.number(TIMESTART, r + 24, 4, first * 1_000_000L);
    t.number(TIMEEND, r + 28, 4, last * 1_000_000L);
    t.exit();
    t.uint(SRCPORT, r + 32, 2);
    t.uint(DSTPORT, r + 34, 2);
    t.bytes(PADDING, r + 36, 1);
    t.uint(TCPFLAGS, r + 37, 1);
    t.uint(PROTOCOL, r + 38, 1);
    t.uint(TOS, r + 39, 1);
    t.uint(SRCAS, r + 40, 2);
    t.uint(DSTAS, r + 42, 2);
    t.uint(SRCMASK, r + 44, 1);
    t.uint(DSTMASK, r + 45, 1);
    t.bytes(PADDING, r + 46, 2);
  }

  /** One data record of {@code tmpl} at {@code r}; returns where it ends. */
  private static int record(Tree t, Template tmpl, int r) {
    long start = -1;
    long end = -1;
    int startAt = 0;
    int endAt = 0;
    for (int i = 0; i < tmpl.types.length; i++) {
      int len = tmpl.lengths[i];
      if (len == VARIABLE) {
        int v = t.u8(r);
        r += 1;
        if (v == 255) {
          v = t.u16(r);
          r += 2;
        }
        len = v;
      }
      int type = tmpl.types[i];
      if (len == 0) {
        continue;
      }
      if (i < tmpl.scopes) {
        scope(t, type, r, len);
      } else if (type == 21 || type == 22) {
        // Uptimes in milliseconds; the duration shows once both ends are known, where the
        // second of them is, with both under it.
        if (type == 22) {
          start = t.u32(r);
          startAt = r;
        } else {
          end = t.u32(r);
          endAt = r;
        }
        if (start >= 0 && end >= 0) {
          t.number(TIMEDELTA, startAt, 0, ((end - start) & 0xffffffffL) * 1_000_000L);
          t.enter();
          t.number(TIMESTART, startAt, len, start * 1_000_000L);
          t.number(TIMEEND, endAt, len, end * 1_000_000L);
          t.exit();
        }
      } else {
        element(t, type, r, len);
      }
      r += len;
    }
    return r;
  }

  /** A v9 options scope field. */
  private static void scope(Tree t, int type, int r, int len) {
    switch (type) {
      case 1:
        t.bytes(SCOPE_SYSTEM, r, len);
        break;
      case 2:
        t.uint(SCOPE_INTERFACE, r, len);
        break;
      case 3:
        t.uint(SCOPE_LINECARD, r, len);
        break;
      case 4:
        t.bytes(SCOPE_CACHE, r, len);
        break;
      case 5:
        t.bytes(SCOPE_TEMPLATE, r, len);
        break;
      default:
        t.bytes(UNKNOWN_FIELD_TYPE, r, len);
        break;
    }
  }

  /**
   * An information element of the IANA registry that this dissector knows; others are left
   * out (tshark knows several hundred, and vendors' under their enterprise numbers).
   */
  private static void element(Tree t, int type, int r, int len) {
    Field f = ELEMENTS.get(type);
    if (f == null) {
      return;
    }
    if (f.type() == FieldType.IPv4 || f.type() == FieldType.BYTES) {
      t.bytes(f, r, len);
    } else {
      t.uint(f, r, len);
    }
  }

  private static void flowsets(Tree t, int version, int at, Sets sets) {
    long count = t.u16(2);
    for (int x = 1; t.has(at, 4) && (version == 10 || x <= count); x++) {
      int id = t.u16(at);
      int len = t.u16(at + 2);
      if (len < 4 || !t.has(at, len)) {
        break;
      }
      t.text(at, len, (version == 9 ? "FlowSet " : "Set ") + x + " [id=" + id + "]");
      t.enter();
      t.uint(FLOWSET_ID, at, 2);
      t.uint(FLOWSET_LENGTH, at + 2, 2);
      if (id <= 3) {
        templates(t, id, at + 4, at + len);
      } else if (id >= 256 && x <= sets.templates.length && sets.templates[x - 1] != null) {
        Template tmpl = sets.templates[x - 1];
        t.number(TEMPLATE_FRAME, at, 0, tmpl.frame);
        int end = sets.recordsEnd[x - 1];
        for (int r = at + 4, n = 1; r < end; n++) {
          t.text(r, 0, "Flow " + n);
          t.enter();
          r = record(t, tmpl, r);
          t.exit();
        }
        if (end < at + len) {
          t.bytes(PADDING, end, at + len - end);
        }
      }
      t.exit();
      at += len;
    }
  }

  /** The templates of one template set [from, to), in tshark's order of items. */
  private static void templates(Tree t, int setId, int from, int to) {
    int at = from;
    while (at + 4 <= to) {
      int id = t.u16(at);
      if (id < 256) {
        t.bytes(PADDING, at, to - at);
        return;
      }
      t.uint(TEMPLATE_ID, at, 2);
      int scopes;
      int count;
      int p;
      if (setId == 1) {
        scopes = t.u16(at + 2) / 4;
        count = t.u16(at + 4) / 4;
        t.uint(OPTION_SCOPE_LENGTH, at + 2, 2);
        t.uint(OPTION_LENGTH, at + 4, 2);
        p = at + 6;
      } else if (setId == 3) {
        count = t.u16(at + 2);
        scopes = t.u16(at + 4);
        t.uint(TEMPLATE_FIELD_COUNT, at + 2, 2);
        t.uint(IPFIX_SCOPE_FIELD_COUNT, at + 4, 2);
        count -= scopes;
        p = at + 6;
      } else {
        scopes = 0;
        count = t.u16(at + 2);
        t.uint(TEMPLATE_FIELD_COUNT, at + 2, 2);
        p = at + 4;
      }
      for (int i = 0; i < scopes + count && p + 4 <= to; i++) {
        if (setId == 1 && i < scopes) {
          t.uint(SCOPE_FIELD_TYPE, p, 2);
          t.uint(TEMPLATE_FIELD_LENGTH, p + 2, 2);
          p += 4;
        } else if (setId == 0 || setId == 1) {
          t.uint(TEMPLATE_FIELD_TYPE, p, 2);
          t.uint(TEMPLATE_FIELD_LENGTH, p + 2, 2);
          p += 4;
        } else {
          boolean pen = (t.u16(p) & 0x8000) != 0;
          t.uint(IPFIX_PEN_PROVIDED, p, 2);
          if (!pen) {
            // tshark names an enterprise's type by a field of that vendor's (not done yet).
            t.uint(IPFIX_FIELD_TYPE, p, 2);
          }
          t.uint(TEMPLATE_FIELD_LENGTH, p + 2, 2);
          if (pen) {
            t.uint(IPFIX_FIELD_PEN, p + 4, 4);
            p += 4;
          }
          p += 4;
        }
      }
      at = p;
      if (setId == 1) {
        if (at < to) {
          t.bytes(PADDING, at, to - at);
        }
        return;
      }
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (!t.has(0, 4)) {
      return;
    }
    int version = t.u16(0);
    int count = t.u16(2);
    StringBuilder info = new StringBuilder(64);
    if (version == 10) {
      int remaining = t.length();
      if (remaining == count) {
        info.append(String.format("IPFIX flow (%4d bytes)", count));
      } else {
        info.append("IPFIX partial flow (").append(remaining).append('/').append(count).append(" bytes)");
      }
    } else {
      info.append("total: ").append(count).append(" (v").append(version).append(") ")
          .append(version == 9 ? "record" : "flow").append(count == 1 ? "" : "s");
    }
    int header = headerLength(version);
    if ((version == 9 || version == 10) && t.has(0, header)) {
      info.append(String.format(" Obs-Domain-ID=%5d", t.u32(header - 4)));
      setSummaries(t, version, header, info);
    }
    c.setInfo(info.toString());
  }

  /** tshark's " [Data-Template:256] [Data:256]" after the header, one bracket per set. */
  private static void setSummaries(Tree t, int version, int at, StringBuilder info) {
    int count = t.u16(2);
    for (int x = 1; t.has(at, 4) && (version == 10 || x <= count); x++) {
      int id = t.u16(at);
      int len = t.u16(at + 2);
      if (len < 4 || !t.has(at, len)) {
        break;
      }
      if (id >= 256) {
        info.append(" [Data:").append(id).append(']');
      } else if (id <= 3 && t.has(at + 4, 2)) {
        String kind = id == 0 || id == 2 ? "Data-Template" : "Options-Template";
        info.append(" [").append(kind).append(':');
        appendTemplateIds(t, id, at + 4, at + len, info);
        info.append(']');
      }
      at += len;
    }
  }

  private static void appendTemplateIds(Tree t, int setId, int from, int to, StringBuilder info) {
    int at = from;
    boolean first = true;
    while (at + 4 <= to && t.u16(at) >= 256) {
      info.append(first ? "" : ",").append(t.u16(at));
      first = false;
      int p;
      int fields;
      if (setId == 1) {
        return;
      } else if (setId == 3) {
        fields = t.u16(at + 2);
        p = at + 6;
      } else {
        fields = t.u16(at + 2);
        p = at + 4;
      }
      for (int i = 0; i < fields && p + 4 <= to; i++) {
        p += setId >= 2 && (t.u16(p) & 0x8000) != 0 ? 8 : 4;
      }
      at = p;
    }
  }
}

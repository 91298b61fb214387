package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Expert.Severity;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Base;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * Stream Control Transmission Protocol, <a href="https://www.rfc-editor.org/rfc/rfc9260">RFC 9260</a>
 * (chunks and parameters of RFC 3758, 4895, 5061, 6525 and 8260 are named too).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Source Port Number        |     Destination Port Number   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Verification Tag                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           Checksum                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Chunk Type  | Chunk  Flags  |        Chunk Length           |  (repeated,
 * |                     Chunk Value ...  (padded to 4 bytes)      |   each chunk)
 * </pre>
 *
 * Each DATA chunk's user data becomes a layer of its own (the first follows the SCTP layer, the
 * others are queued), so a packet of two DATA chunks lists {@code sctp:data:data} as tshark
 * does. TSNs are shown relative to the first DATA chunk seen in each direction of an
 * association, cumulative acknowledgements relative to the other direction's, with tshark's
 * rules for finding the directions (ports and verification tag, paired by address); the checksum
 * (CRC32c) is not verified, and association indexing stays disabled ({@code sctp.assoc_index}
 * 65535), both tshark's defaults. tshark's TSN analysis ({@code sctp.ack}, RTTs) is not done.
 */
public final class SctpDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> CHUNK_TYPES = ValueNames.parse(
      """
      0=DATA|1=INIT|2=INIT_ACK|3=SACK|4=HEARTBEAT|5=HEARTBEAT_ACK|6=ABORT|7=SHUTDOWN|8=SHUTDOWN_ACK|9=ERROR|
      10=COOKIE_ECHO|11=COOKIE_ACK|12=ECNE|13=CWR|14=SHUTDOWN_COMPLETE|15=AUTH|16=NR_SACK|64=I_DATA|
      128=ASCONF_ACK|129=PKTDROP|130=RE_CONFIG|132=PAD|192=FORWARD_TSN|193=ASCONF|194=I_FORWARD_TSN|
      255=IETF_EXTENSION
      """);
  private static final Map<Long, String> PARAMETER_TYPES = ValueNames.parse(
      """
      0x1=Heartbeat info|0x5=IPv4 address|0x6=IPv6 address|0x7=State cookie|0x8=Unrecognized parameter|
      0x9=Cookie preservative|0xb=Hostname address|0xd=Outgoing SSN reset request|0xe=Incoming SSN reset request|
      0xf=SSN/TSN reset request|0x10=Re-configuration response|0x11=Add outgoing streams request|
      0x12=Add incoming streams request|0xc=Supported address types|0x8000=ECN|0x8002=Random|
      0x8003=Authenticated Chunk list|0x8004=Requested HMAC Algorithm|0x8008=Supported Extensions|
      0xc000=Forward TSN supported|0xc001=Add IP address|0xc002=Delete IP address|0xc003=Error cause indication|
      0xc004=Set primary address|0xc005=Success report|0xc006=Adaptation Layer Indication
      """);
  private static final Map<Long, String> CAUSE_CODES = ValueNames.parse(
      """
      0x1=Invalid stream identifier|0x2=Missing mandatory parameter|0x3=Stale cookie error|0x4=Out of resource|
      0x5=Unresolvable address|0x6=Unrecognized chunk type|0x7=Invalid mandatory parameter|
      0x8=Unrecognized parameters|0x9=No user data|0xa=Cookie received while shutting down|
      0xb=Restart of an association with new addresses|0xc=User initiated ABORT|0xd=Protocol violation|
      0xa0=Request to delete last address|0xa1=Operation refused due to resource shortage|
      0xa2=Request to delete source address|0xa3=Association Aborted due to illegal ASCONF-ACK|
      0xa4=Request refused - no authorization|0x105=Unsupported HMAC identifier
      """);
  private static final Map<Long, String> PPIDS = ValueNames.parse(
      """
      0=not specified|1=IUA|2=M2UA|3=M3UA|4=SUA|5=M2PA|6=V5UA|7=H.248/MEGACO|8=BICC/Q.2150.3|9=TALI|10=DUA|
      11=ASAP|12=ENRP|13=H.323|14=Q.IPC/Q.2150.3|15=SIMCO|16=DDP Segment Chunk|17=DDP Stream Session Control|
      18=S1 Application Protocol (S1AP)|19=RUA|20=HNBAP|21=ForCES-HP|22=ForCES-MP|23=ForCES-LP|24=SBc-AP|
      25=NBAP|26=Unassigned|27=X2AP|28=IRCP|29=LCS-AP|30=MPICH2|31=SABP|32=Fractal Generator Protocol|
      33=Ping Pong Protocol|34=CalcApp Protocol|35=Scripting Service Protocol|36=NetPerfMeter Control|
      37=NetPerfMeter Data|38=Echo|39=Discard|40=Daytime|41=Character Generator|42=3GPP RNA|43=3GPP M2AP|
      44=3GPP M3AP|45=SSH|46=DIAMETER|47=DIAMETER over DTLS|48=R14P|49=Generic Data Transfer Protocol (GDT)|
      50=WebRTC Control|51=WebRTC String|52=WebRTC Binary Partial (Deprecated)|53=WebRTC Binary|
      54=WebRTC String Partial (Deprecated)|55=3GPP PUA|56=WebRTC String Empty|57=WebRTC Binary Empty|58=XwAP|
      59=Xw - Control Plane|60=NGAP|61=XnAP|62=F1 AP|65=ELE2 Lawful Interception|66=NGAP over DTLS|
      67=XnAP over DTLS|68=F1AP over DTLS|69=E1AP over DTLS|70=E2-CP|71=E2-UP|72=E2-DU|73=W1AP
      """);
  private static final Map<Long, String> ADDRESS_TYPES = ValueNames.parse("5=IPv4 address|6=IPv6 address|11=Hostname address");

  public static final Field SRCPORT = Field.u16("sctp.srcport", "Source port");
  public static final Field DSTPORT = Field.u16("sctp.dstport", "Destination port");
  public static final Field PORT = Field.u16("sctp.port", "Port").hidden();
  public static final Field VERIFICATION_TAG = Field.u32("sctp.verification_tag", "Verification tag").hex();
  public static final Field CHECKSUM = Field.u32("sctp.checksum", "Checksum").hex();
  public static final Field CHECKSUM_STATUS = Field.u8("sctp.checksum.status", "Checksum Status")
      .base(Base.NONE).labels(Checksums::statusName);
  public static final Field CHUNK_TYPE = Field.u8("sctp.chunk_type", "Chunk type").labels(CHUNK_TYPES);
  public static final Field CHUNK_FLAGS = Field.u8("sctp.chunk_flags", "Chunk flags").hex();
  public static final Field CHUNK_BIT_1 = Field.bool("sctp.chunk_bit_1", "Bit").mask(0x80, 8)
      .states("Skip chunk and continue processing of the packet", "Stop processing of the packet");
  public static final Field CHUNK_BIT_2 = Field.bool("sctp.chunk_bit_2", "Bit").mask(0x40, 8)
      .states("Do report", "Do not report");
  public static final Field CHUNK_LENGTH = Field.u16("sctp.chunk_length", "Chunk length");
  public static final Field CHUNK_PADDING = Field.bytes("sctp.chunk_padding", "Chunk padding");
  public static final Field CHUNK_VALUE = Field.bytes("sctp.chunk_value", "Chunk value");
  public static final Field COOKIE = Field.bytes("sctp.cookie", "Cookie");
  public static final Field INITIATE_TAG = Field.u32("sctp.initiate_tag", "Initiate tag").hex().hidden();
  public static final Field INIT_INITIATE_TAG = Field.u32("sctp.init_initiate_tag", "Initiate tag").hex();
  public static final Field INIT_CREDIT = Field.u32("sctp.init_credit", "Advertised receiver window credit (a_rwnd)");
  public static final Field INIT_NR_OUT_STREAMS = Field.u16("sctp.init_nr_out_streams", "Number of outbound streams");
  public static final Field INIT_NR_IN_STREAMS = Field.u16("sctp.init_nr_in_streams", "Number of inbound streams");
  public static final Field INIT_INITIAL_TSN = Field.u32("sctp.init_initial_tsn", "Initial TSN");
  public static final Field INITACK_INITIATE_TAG = Field.u32("sctp.initack_initiate_tag", "Initiate tag").hex();
  public static final Field INITACK_CREDIT = Field.u32("sctp.initack_credit",
      "Advertised receiver window credit (a_rwnd)");
  public static final Field INITACK_NR_OUT_STREAMS = Field.u16("sctp.initack_nr_out_streams",
      "Number of outbound streams");
  public static final Field INITACK_NR_IN_STREAMS = Field.u16("sctp.initack_nr_in_streams", "Number of inbound streams");
  public static final Field INITACK_INITIAL_TSN = Field.u32("sctp.initack_initial_tsn", "Initial TSN");
  public static final Field DATA_TSN = Field.u32("sctp.data_tsn", "Transmission sequence number (relative)");
  public static final Field DATA_TSN_RAW = Field.u32("sctp.data_tsn_raw", "Transmission sequence number (absolute)");
  public static final Field DATA_SID = Field.u16("sctp.data_sid", "Stream identifier").hex();
  public static final Field DATA_SSN = Field.u16("sctp.data_ssn", "Stream sequence number");
  public static final Field DATA_PAYLOAD_PROTO_ID = Field.u32("sctp.data_payload_proto_id",
      "Payload protocol identifier").labels(PPIDS);
  public static final Field DATA_RESERVED = Field.u16("sctp.data_reserved", "Reserved");
  public static final Field DATA_MID = Field.u32("sctp.data_mid", "Message identifier");
  public static final Field DATA_FSN = Field.u32("sctp.data_fsn", "Fragment sequence number");
  public static final Field DATA_E_BIT = Field.bool("sctp.data_e_bit", "E-Bit").mask(0x01, 8)
      .states("Last segment", "Not the last segment");
  public static final Field DATA_B_BIT = Field.bool("sctp.data_b_bit", "B-Bit").mask(0x02, 8)
      .states("First segment", "Subsequent segment");
  public static final Field DATA_U_BIT = Field.bool("sctp.data_u_bit", "U-Bit").mask(0x04, 8)
      .states("Unordered delivery", "Ordered delivery");
  public static final Field DATA_I_BIT = Field.bool("sctp.data_i_bit", "I-Bit").mask(0x08, 8)
      .states("Send SACK immediately", "Possibly delay SACK");
  public static final Field SACK_NOUNCE_SUM = Field.u8("sctp.sack_nounce_sum", "Nounce sum").mask(0x01, 8);
  public static final Field SACK_CUMULATIVE_TSN_ACK = Field.u32("sctp.sack_cumulative_tsn_ack",
      "Cumulative TSN ACK (relative)");
  public static final Field SACK_CUMULATIVE_TSN_ACK_RAW = Field.u32("sctp.sack_cumulative_tsn_ack_raw",
      "Cumulative TSN ACK (absolute)");
  public static final Field SACK_A_RWND = Field.u32("sctp.sack_a_rwnd", "Advertised receiver window credit (a_rwnd)");
  public static final Field SACK_NUMBER_OF_GAP_BLOCKS = Field.u16("sctp.sack_number_of_gap_blocks",
      "Number of gap acknowledgement blocks");
  public static final Field SACK_NUMBER_OF_DUPLICATED_TSNS = Field.u16("sctp.sack_number_of_duplicated_tsns",
      "Number of duplicated TSNs");
  public static final Field SACK_GAP_BLOCK_START = Field.u16("sctp.sack_gap_block_start", "Start");
  public static final Field SACK_GAP_BLOCK_START_TSN = Field.u32("sctp.sack_gap_block_start_tsn", "Start TSN");
  public static final Field SACK_GAP_BLOCK_END = Field.u16("sctp.sack_gap_block_end", "End");
  public static final Field SACK_GAP_BLOCK_END_TSN = Field.u32("sctp.sack_gap_block_end_tsn", "End TSN");
  public static final Field SACK_NUMBER_OF_TSNS_GAP_ACKED = Field.u32("sctp.sack_number_of_tsns_gap_acked",
      "Number of TSNs in gap acknowledgement blocks");
  public static final Field SACK_DUPLICATE_TSN = Field.u32("sctp.sack_duplicate_tsn", "Duplicate TSN");
  public static final Field SHUTDOWN_CUMULATIVE_TSN_ACK = Field.u32("sctp.shutdown_cumulative_tsn_ack",
      "Cumulative TSN Ack");
  public static final Field ECNE_LOWEST_TSN = Field.u32("sctp.ecne_lowest_tsn", "Lowest TSN");
  public static final Field CWR_LOWEST_TSN = Field.u32("sctp.cwr_lowest_tsn", "Lowest TSN");
  public static final Field SHUTDOWN_COMPLETE_T_BIT = Field.bool("sctp.shutdown_complete_t_bit", "T-Bit")
      .mask(0x01, 8).states("Tag reflected", "Tag not reflected");
  public static final Field ABORT_T_BIT = Field.bool("sctp.abort_t_bit", "T-Bit").mask(0x01, 8)
      .states("Tag reflected", "Tag not reflected");
  public static final Field FORWARD_TSN_TSN = Field.u32("sctp.forward_tsn_tsn", "New cumulative TSN");
  public static final Field FORWARD_TSN_SID = Field.u16("sctp.forward_tsn_sid", "Stream identifier");
  public static final Field FORWARD_TSN_SSN = Field.u16("sctp.forward_tsn_ssn", "Stream sequence number");
  public static final Field PARAMETER_TYPE = Field.u16("sctp.parameter_type", "Parameter type").hex()
      .labels(PARAMETER_TYPES);
  public static final Field PARAMETER_LENGTH = Field.u16("sctp.parameter_length", "Parameter length");
  public static final Field PARAMETER_VALUE = Field.bytes("sctp.parameter_value", "Parameter value");
  public static final Field PARAMETER_PADDING = Field.bytes("sctp.parameter_padding", "Parameter padding");
  public static final Field PARAMETER_BIT_1 = Field.bool("sctp.parameter_bit_1", "Bit").mask(0x8000, 16)
      .states("Skip parameter and continue processing of the chunk", "Stop processing of chunk");
  public static final Field PARAMETER_BIT_2 = Field.bool("sctp.parameter_bit_2", "Bit").mask(0x4000, 16)
      .states("Do report", "Do not report");
  public static final Field PARAMETER_IPV4_ADDRESS = Field.ipv4("sctp.parameter_ipv4_address", "IP Version 4 address");
  public static final Field PARAMETER_IPV6_ADDRESS = Field.ipv6("sctp.parameter_ipv6_address", "IP Version 6 address");
  public static final Field PARAMETER_HEARTBEAT_INFORMATION = Field.bytes("sctp.parameter_heartbeat_information",
      "Heartbeat information");
  public static final Field PARAMETER_STATE_COOKIE = Field.bytes("sctp.parameter_state_cookie", "State cookie");
  public static final Field PARAMETER_COOKIE_PRESERVATIVE_INCR = Field.u32("sctp.parameter_cookie_preservative_incr",
      "Suggested Cookie life-span increment (msec)");
  public static final Field PARAMETER_HOSTNAME = Field.of("sctp.parameter_hostname", "Hostname",
      io.netsift.core.field.FieldType.STRINGZ);
  public static final Field PARAMETER_SUPPORTED_ADDRESS_TYPE = Field.u16("sctp.parameter_supported_address_type",
      "Supported address type").labels(ADDRESS_TYPES);
  public static final Field ADAPTATION_LAYER_INDICATION = Field.u32("sctp.adaptation_layer_indication", "Indication")
      .hex();
  public static final Field RANDOM_NUMBER = Field.bytes("sctp.random_number", "Random number");
  public static final Field CHUNK_TYPE_TO_AUTH = Field.u8("sctp.chunk_type_to_auth", "Chunk type").labels(CHUNK_TYPES);
  public static final Field HMAC_ID = Field.u16("sctp.hmac_id", "HMAC identifier")
      .labels(ValueNames.parse("0=Reserved|1=SHA-1|2=Reserved|3=SHA-256"));
  public static final Field SUPPORTED_CHUNK_TYPE = Field.u8("sctp.supported_chunk_type", "Supported chunk type")
      .labels(CHUNK_TYPES);
  public static final Field CAUSE_CODE = Field.u16("sctp.cause_code", "Cause code").hex().labels(CAUSE_CODES);
  public static final Field CAUSE_LENGTH = Field.u16("sctp.cause_length", "Cause length");
  public static final Field CAUSE_INFORMATION = Field.bytes("sctp.cause_information", "Cause information");
  public static final Field CAUSE_PADDING = Field.bytes("sctp.cause_padding", "Cause padding");
  public static final Field ASSOC_INDEX = Field.u16("sctp.assoc_index", "Association index");

  static final Expert PARAMETER_PADDING_EXPERT = new Expert("sctp.parameter_padding.expert", Severity.NOTE,
      "Malformed", "The padding of this final parameter should be the padding of the chunk.");
  static final Expert CHUNK_LENGTH_BAD = new Expert("sctp.chunk_length.bad", Severity.ERROR, "Malformed",
      "Chunk length bad");

  private static final int HEADER = 12;
  private static final int CHUNK_HEADER = 4;
  private static final int DATA = 0;
  private static final int INIT = 1;
  private static final int INIT_ACK = 2;
  private static final int SACK = 3;
  private static final int HEARTBEAT = 4;
  private static final int HEARTBEAT_ACK = 5;
  private static final int ABORT = 6;
  private static final int SHUTDOWN = 7;
  private static final int ERROR = 9;
  private static final int COOKIE_ECHO = 10;
  private static final int ECNE = 12;
  private static final int CWR = 13;
  private static final int SHUTDOWN_COMPLETE = 14;
  private static final int FORWARD_TSN = 192;
  private static final int DATA_HEADER = 16;
  /** tshark's value when association indexing is off (its default). */
  private static final int ASSOC_DISABLED = 65535;

  // Annotations: the TSN bases of DATA and SACK chunks (-1: direction not tracked, NO_BASE: no DATA yet).
  private static final int A_TSN_BASE = 0;
  private static final int A_ACK_BASE = 1;
  private static final int A_COUNT = 2;

  /**
   * One direction of an association as tshark tracks it (its "half association"): found by
   * ports and verification tag, paired with the other direction through the ports and the
   * address the first packet of each was sent from and to.
   */
  private static final class Half {
    boolean started;
    long firstTsn;
    Half peer;
  }

  /** A slot tshark keeps per ports and address: the half waiting for its peer, or null. */
  private static final class Waiting {
    Half half;

    Waiting(Half half) {
      this.half = half;
    }
  }

  /** Per-capture state: half associations by (ports, tag) and by (ports, address). */
  private static final class State {
    final PairMap<Half> byTag = new PairMap<>();
    final PairMap<Waiting> byAddress = new PairMap<>();
  }

  /** An open-addressing map from two longs to a value; look-ups allocate nothing. */
  private static final class PairMap<V> {
    private long[] keys = new long[2 * 64];
    private Object[] values = new Object[64];
    private int size;

    @SuppressWarnings("unchecked")
    V get(long a, long b) {
      int mask = values.length - 1;
      for (int i = slot(a, b, mask); values[i] != null; i = (i + 1) & mask) {
        if (keys[2 * i] == a && keys[2 * i + 1] == b) {
          return (V) values[i];
        }
      }
      return null;
    }

    void put(long a, long b, V v) {
      if ((size + 1) * 2 > values.length) {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        size = 0;
        for (int i = 0; i < oldValues.length; i++) {
          if (oldValues[i] != null) {
            insert(oldKeys[2 * i], oldKeys[2 * i + 1], oldValues[i]);
          }
        }
      }
      insert(a, b, v);
    }

    private void insert(long a, long b, Object v) {
      int mask = values.length - 1;
      int i = slot(a, b, mask);
      for (; values[i] != null; i = (i + 1) & mask) {
        if (keys[2 * i] == a && keys[2 * i + 1] == b) {
          values[i] = v;
          return;
        }
      }
      keys[2 * i] = a;
      keys[2 * i + 1] = b;
      values[i] = v;
      size++;
    }

    private static int slot(long a, long b, int mask) {
      long h = a * 0x9E3779B97F4A7C15L + b;
      h ^= h >>> 31;
      return (int) (h * 0xBF58476D1CE4E5B9L >>> 40) & mask;
    }
  }

  public SctpDissector() {
    super("sctp", "Stream Control Transmission Protocol", "SCTP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.IP_PROTO, 132, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    d.annotate(layer, A_COUNT);
    d.setAnnotation(layer, A_TSN_BASE, -1);
    d.setAnnotation(layer, A_ACK_BASE, -1);
    d.payload(end, end);
    if (end - s < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    byte[] b = d.data();
    int ip = EnclosingIp.find(d, layer);
    long vtag = Bytes.u32(b, s + 4);
    Half half = null;
    if (ip >= 0 && vtag != 0 && !EnclosingIp.inErrorPacket(d, layer)) {
      half = half(d, ip, Bytes.u16(b, s), Bytes.u16(b, s + 2), vtag);
    }
    boolean first = true;
    Dissector next = null;
    for (int at = s + HEADER; at + CHUNK_HEADER <= end; ) {
      int type = Bytes.u8(b, at);
      int length = Bytes.u16(b, at + 2);
      if (length < CHUNK_HEADER) {
        d.expert(layer, CHUNK_LENGTH_BAD, at + 2, 2, null);
        break;
      }
      if (type == DATA && length >= DATA_HEADER && at + DATA_HEADER <= end) {
        if (half != null && !half.started) {
          half.started = true;
          half.firstTsn = Bytes.u32(b, at + 4);
        }
        int from = at + DATA_HEADER;
        int to = Math.min(end, at + length);
        if (to > from) {
          Dissector data = upperLayer(d, Bytes.u32(b, at + 12), Bytes.u16(b, s), Bytes.u16(b, s + 2));
          if (first) {
            d.payload(from, to);
            next = data;
            first = false;
          } else {
            d.queue(data, from, to);
          }
        }
      }
      at += (length + 3) & ~3;
    }
    if (half != null) {
      d.setAnnotation(layer, A_TSN_BASE, half.started ? half.firstTsn : NO_BASE);
      // A SACK shows a relative TSN once its direction is paired, relative once the peer sent DATA.
      d.setAnnotation(layer, A_ACK_BASE, half.peer == null ? -1 : half.peer.started ? half.peer.firstTsn : NO_BASE);
    }
    return next;
  }

  /** Payload protocol identifiers in tshark's table, by the name of the dissector netsift has for them (or none). */
  private static final Map<Long, String> PPI_PROTOCOLS = new java.util.HashMap<>();
  /** Ports in tshark's table, likewise. */
  private static final Map<Long, String> PORT_PROTOCOLS = new java.util.HashMap<>();

  static {
    for (long ppi : new long[] {1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 18, 19, 20, 24, 25, 27, 29, 31, 32, 33, 34, 35,
        36, 37, 43, 44, 45, 46, 47, 49, 50, 60, 61, 62, 64, 99, 688485889, 688485890, 688485891, 688485892, 688485893,
        688485894}) {
      PPI_PROTOCOLS.put(ppi, "");
    }
    PPI_PROTOCOLS.put(3L, "m3ua");
    for (long port : new long[] {22, 53, 80, 324, 443, 465, 636, 802, 853, 993, 995, 1300, 2221, 2345, 2443, 2904,
        2905, 2944, 3249, 3250, 3251, 3252, 3496, 3565, 3863, 3868, 4739, 5061, 5671, 5675, 5684, 5868, 8883, 9082,
        9900, 9901, 9908, 10001, 11207, 14001, 19999, 21064, 27017, 29118, 29168, 29169, 36412, 36422, 36443, 36444,
        37464, 38412, 38422, 38462, 38472}) {
      PORT_PROTOCOLS.put(port, "");
    }
    PORT_PROTOCOLS.put(2905L, "m3ua");
  }

  /**
   * The protocol of a DATA chunk's user data, as tshark picks it: by payload protocol identifier,
   * then by the lower port, then the higher; a protocol of tshark's that netsift lacks (and no
   * match at all) leaves data.
   */
  private static Dissector upperLayer(Dissection d, long ppi, int sport, int dport) {
    String name = PPI_PROTOCOLS.get(ppi);
    if (name == null) {
      int low = Math.min(sport, dport);
      int high = Math.max(sport, dport);
      name = low != 0 ? PORT_PROTOCOLS.get((long) low) : null;
      if (name == null && high != 0) {
        name = PORT_PROTOCOLS.get((long) high);
      }
    }
    Dissector p = name == null || name.isEmpty() ? null : d.protocols().byName(name);
    return p != null ? p : d.protocols().data();
  }

  /** tshark's half association of a packet from {@code ip}'s source (its get_half_assoc). */
  private Half half(Dissection d, int ip, int sport, int dport, long vtag) {
    State st = d.state(this, State::new);
    long ports = (long) sport << 16 | dport;
    Half ha = st.byTag.get(ports, vtag);
    if (ha != null && ha.peer != null) {
      return ha;
    }
    if (ha == null) {
      ha = new Half();
      st.byTag.put(ports, vtag, ha);
    }
    long reverse = ((long) dport << 16 | sport) | (EnclosingIp.isV6(d, ip) ? 1L << 32 : 0);
    Waiting w = st.byAddress.get(reverse, address(d, EnclosingIp.dst(d, ip), ip));
    if (w == null) {
      st.byAddress.put(ports | (EnclosingIp.isV6(d, ip) ? 1L << 32 : 0), address(d, EnclosingIp.src(d, ip), ip),
          new Waiting(ha));
    } else if (w.half == null) {
      w.half = ha;
    } else if (w.half != ha) {
      ha.peer = w.half;
      w.half.peer = ha;
      w.half = null;
    }
    return ha;
  }

  /** An address as one long: IPv4 as is, IPv6 folded (a collision only pairs the wrong half). */
  private static long address(Dissection d, int at, int ip) {
    byte[] b = d.data();
    if (!EnclosingIp.isV6(d, ip)) {
      return Bytes.u32(b, at);
    }
    long hi = Bytes.u32(b, at) << 32 | Bytes.u32(b, at + 4);
    long lo = Bytes.u32(b, at + 8) << 32 | Bytes.u32(b, at + 12);
    return hi * 31 + lo;
  }

  /** Annotation value: the direction is tracked but its base is not known yet (raw numbers shown). */
  private static final long NO_BASE = -2;

  private static long relative(long value, long base) {
    return base < 0 ? value : (value - base) & 0xffffffffL;
  }

  @Override
  public String label(Tree t) {
    if (!t.has(0, 4)) {
      return longName();
    }
    return longName() + ", Src Port: " + t.u16(0) + " (" + t.u16(0) + "), Dst Port: " + t.u16(2) + " ("
        + t.u16(2) + ")";
  }

  /**
   * A common header shorter than 12 bytes: tshark reads the checksum before it adds the SCTP
   * item, so the failed read leaves no tree and no fields, only "sctp" in frame.protocols.
   */
  @Override
  public boolean hiddenInTree(Dissection d, int layer) {
    return d.length(layer) < HEADER;
  }

  @Override
  public void fields(Tree t) {
    if (!t.has(0, HEADER)) {
      return;
    }
    t.uint(SRCPORT, 0, 2);
    t.uint(DSTPORT, 2, 2);
    t.uint(VERIFICATION_TAG, 4, 4);
    t.generated(ASSOC_INDEX, ASSOC_DISABLED);
    t.uint(PORT, 0, 2);
    t.uint(PORT, 2, 2);
    t.uint(CHECKSUM, 8, 4);
    t.number(CHECKSUM_STATUS, 8, 0, Checksums.UNVERIFIED);
    int end = t.length();
    for (int at = HEADER; at + CHUNK_HEADER <= end; ) {
      int length = t.u16(at + 2);
      if (length < CHUNK_HEADER) {
        return;
      }
      chunk(t, at, length);
      at += (length + 3) & ~3;
    }
  }

  private void chunk(Tree t, int at, int length) {
    int type = t.u8(at);
    int flags = t.u8(at + 1);
    String name = CHUNK_TYPES.getOrDefault((long) type, "RESERVED");
    t.text(at, Math.min(length, t.length() - at), name + " chunk");
    t.enter();
    t.uint(CHUNK_TYPE, at, 1);
    t.enter();
    t.uint(CHUNK_BIT_1, at, 1);
    t.uint(CHUNK_BIT_2, at, 1);
    t.exit();
    t.uint(CHUNK_FLAGS, at + 1, 1);
    t.enter();
    switch (type) {
      case DATA:
        t.uint(DATA_I_BIT, at + 1, 1);
        t.uint(DATA_U_BIT, at + 1, 1);
        t.uint(DATA_B_BIT, at + 1, 1);
        t.uint(DATA_E_BIT, at + 1, 1);
        break;
      case SACK:
        t.uint(SACK_NOUNCE_SUM, at + 1, 1);
        break;
      case ABORT:
        t.uint(ABORT_T_BIT, at + 1, 1);
        break;
      case SHUTDOWN_COMPLETE:
        t.uint(SHUTDOWN_COMPLETE_T_BIT, at + 1, 1);
        break;
      default:
        break;
    }
    t.exit();
    t.uint(CHUNK_LENGTH, at + 2, 2);
    int value = at + CHUNK_HEADER;
    int valueEnd = at + length;
    switch (type) {
      case DATA:
        if (length >= DATA_HEADER) {
          long tsn = t.u32(value);
          long base = t.annotation(A_TSN_BASE);
          if (base != -1) {
            t.number(DATA_TSN, value, 4, relative(tsn, base));
          }
          t.uint(DATA_TSN_RAW, value, 4);
          t.uint(DATA_SID, value + 4, 2);
          t.uint(DATA_SSN, value + 6, 2);
          t.uint(DATA_PAYLOAD_PROTO_ID, value + 8, 4);
        }
        break;
      case INIT:
      case INIT_ACK:
        boolean init = type == INIT;
        t.uint(init ? INIT_INITIATE_TAG : INITACK_INITIATE_TAG, value, 4);
        t.uint(INITIATE_TAG, value, 4);
        t.uint(init ? INIT_CREDIT : INITACK_CREDIT, value + 4, 4);
        t.uint(init ? INIT_NR_OUT_STREAMS : INITACK_NR_OUT_STREAMS, value + 8, 2);
        t.uint(init ? INIT_NR_IN_STREAMS : INITACK_NR_IN_STREAMS, value + 10, 2);
        t.uint(init ? INIT_INITIAL_TSN : INITACK_INITIAL_TSN, value + 12, 4);
        parameters(t, value + 16, valueEnd);
        break;
      case SACK:
        sack(t, value, valueEnd);
        break;
      case HEARTBEAT:
      case HEARTBEAT_ACK:
        parameters(t, value, valueEnd);
        break;
      case ABORT:
      case ERROR:
        causes(t, value, valueEnd);
        break;
      case SHUTDOWN:
        t.uint(SHUTDOWN_CUMULATIVE_TSN_ACK, value, 4);
        break;
      case COOKIE_ECHO:
        if (length > CHUNK_HEADER) {
          t.bytes(COOKIE, value, length - CHUNK_HEADER);
        }
        break;
      case ECNE:
        t.uint(ECNE_LOWEST_TSN, value, 4);
        break;
      case CWR:
        t.uint(CWR_LOWEST_TSN, value, 4);
        break;
      case FORWARD_TSN:
        t.uint(FORWARD_TSN_TSN, value, 4);
        for (int p = value + 4; p + 4 <= valueEnd; p += 4) {
          t.uint(FORWARD_TSN_SID, p, 2);
          t.uint(FORWARD_TSN_SSN, p + 2, 2);
        }
        break;
      case 8: case 11: case SHUTDOWN_COMPLETE:
        break;
      default:
        if (length > CHUNK_HEADER) {
          t.bytes(CHUNK_VALUE, value, length - CHUNK_HEADER);
        }
        break;
    }
    int padding = ((length + 3) & ~3) - length;
    if (padding > 0 && t.has(valueEnd, padding)) {
      t.bytes(CHUNK_PADDING, valueEnd, padding);
    }
    t.exit();
  }

  private void sack(Tree t, int at, int end) {
    long ack = t.u32(at);
    long base = t.annotation(A_ACK_BASE);
    long shown = relative(ack, base);
    if (base != -1) {
      t.number(SACK_CUMULATIVE_TSN_ACK, at, 4, shown);
    }
    t.uint(SACK_CUMULATIVE_TSN_ACK_RAW, at, 4);
    t.uint(SACK_A_RWND, at + 4, 4);
    int gaps = (int) t.uint(SACK_NUMBER_OF_GAP_BLOCKS, at + 8, 2);
    int dups = (int) t.uint(SACK_NUMBER_OF_DUPLICATED_TSNS, at + 10, 2);
    int p = at + 12;
    long acked = 0;
    for (int i = 0; i < gaps && p + 4 <= end; i++, p += 4) {
      int start = t.u16(p);
      int stop = t.u16(p + 2);
      t.text(p, 4, "Gap Acknowledgement for TSN " + (shown + start) + " to " + (shown + stop));
      t.enter();
      t.uint(SACK_GAP_BLOCK_START, p, 2);
      t.enter();
      t.generated(SACK_GAP_BLOCK_START_TSN, (shown + start) & 0xffffffffL);
      t.exit();
      t.uint(SACK_GAP_BLOCK_END, p + 2, 2);
      t.enter();
      t.generated(SACK_GAP_BLOCK_END_TSN, (shown + stop) & 0xffffffffL);
      t.exit();
      t.exit();
      acked += stop - start + 1;
    }
    if (gaps > 0) {
      t.generated(SACK_NUMBER_OF_TSNS_GAP_ACKED, acked);
    }
    for (int i = 0; i < dups && p + 4 <= end; i++, p += 4) {
      t.uint(SACK_DUPLICATE_TSN, p, 4);
    }
  }

  /** The parameters of an INIT, INIT ACK or HEARTBEAT chunk, from {@code at} to the chunk's end. */
  private void parameters(Tree t, int at, int end) {
    while (at + 4 <= end && t.has(at, 4)) {
      int type = t.u16(at);
      int length = t.u16(at + 2);
      if (length < 4) {
        return;
      }
      int padded = (length + 3) & ~3;
      String name = PARAMETER_TYPES.get((long) type);
      t.text(at, Math.min(padded, t.length() - at), (name == null ? "Unknown" : name) + " parameter");
      t.enter();
      boolean last = at + padded >= end;
      int padding = padded - length;
      if (last && padding > 0 && at + padded <= end) {
        t.expert(PARAMETER_PADDING_EXPERT, at + length, padding, null);
      }
      t.uint(PARAMETER_TYPE, at, 2);
      t.enter();
      t.uint(PARAMETER_BIT_1, at, 2);
      t.uint(PARAMETER_BIT_2, at, 2);
      t.exit();
      t.uint(PARAMETER_LENGTH, at + 2, 2);
      parameterValue(t, type, at + 4, length - 4);
      if (padding > 0 && at + padded <= end) {
        t.bytes(PARAMETER_PADDING, at + length, padding);
      }
      t.exit();
      at += padded;
    }
  }

  private void parameterValue(Tree t, int type, int at, int len) {
    switch (type) {
      case 0x1:
        if (len > 0) {
          t.bytes(PARAMETER_HEARTBEAT_INFORMATION, at, len);
        }
        break;
      case 0x5:
        t.bytes(PARAMETER_IPV4_ADDRESS, at, 4);
        break;
      case 0x6:
        t.bytes(PARAMETER_IPV6_ADDRESS, at, 16);
        break;
      case 0x7:
        if (len > 0) {
          t.bytes(PARAMETER_STATE_COOKIE, at, len);
        }
        break;
      case 0x9:
        t.uint(PARAMETER_COOKIE_PRESERVATIVE_INCR, at, 4);
        break;
      case 0xb:
        t.object(PARAMETER_HOSTNAME, at, len, t.asciiz(at, len));
        break;
      case 0xc:
        for (int i = 0; i + 2 <= len; i += 2) {
          t.uint(PARAMETER_SUPPORTED_ADDRESS_TYPE, at + i, 2);
        }
        break;
      case 0x8000:
      case 0xc000:
        break;
      case 0x8002:
        if (len > 0) {
          t.bytes(RANDOM_NUMBER, at, len);
        }
        break;
      case 0x8003:
        for (int i = 0; i < len; i++) {
          t.uint(CHUNK_TYPE_TO_AUTH, at + i, 1);
        }
        break;
      case 0x8004:
        for (int i = 0; i + 2 <= len; i += 2) {
          t.uint(HMAC_ID, at + i, 2);
        }
        break;
      case 0x8008:
        for (int i = 0; i < len; i++) {
          t.uint(SUPPORTED_CHUNK_TYPE, at + i, 1);
        }
        break;
      case 0xc006:
        t.uint(ADAPTATION_LAYER_INDICATION, at, 4);
        break;
      default:
        if (len > 0) {
          t.bytes(PARAMETER_VALUE, at, len);
        }
        break;
    }
  }

  private void causes(Tree t, int at, int end) {
    while (at + 4 <= end && t.has(at, 4)) {
      int code = t.u16(at);
      int length = t.u16(at + 2);
      if (length < 4) {
        return;
      }
      int padded = (length + 3) & ~3;
      String name = CAUSE_CODES.get((long) code);
      t.text(at, Math.min(padded, t.length() - at), (name == null ? "Unknown" : name) + " cause");
      t.enter();
      t.uint(CAUSE_CODE, at, 2);
      t.uint(CAUSE_LENGTH, at + 2, 2);
      if (length > 4) {
        t.bytes(CAUSE_INFORMATION, at + 4, length - 4);
      }
      if (padded > length && at + padded <= end) {
        t.bytes(CAUSE_PADDING, at + length, padded - length);
      }
      t.exit();
      at += padded;
    }
  }


  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = "SCTP";
    StringBuilder info = c.info;
    info.setLength(0);
    int end = t.length();
    for (int at = HEADER; at + CHUNK_HEADER <= end; ) {
      int type = t.u8(at);
      int length = t.u16(at + 2);
      if (length < CHUNK_HEADER) {
        return;
      }
      info.append(CHUNK_TYPES.getOrDefault((long) type, "RESERVED"));
      if (type == DATA && t.has(at + 4, 4)) {
        info.append(" (TSN=").append(relative(t.u32(at + 4), t.annotation(A_TSN_BASE))).append(')');
      } else if (type == SACK && t.has(at + 4, 8)) {
        info.append(" (Ack=").append(relative(t.u32(at + 4), t.annotation(A_ACK_BASE)));
        int gaps = t.u16(at + 12);
        if (gaps > 0 && t.has(at + 16 + gaps * 4 - 2, 2)) {
          // tshark adds the end of the last gap block.
          info.append('+').append(t.u16(at + 16 + gaps * 4 - 2));
        }
        info.append(", Arwnd=").append(t.u32(at + 8)).append(')');
      }
      info.append(' ');
      at += (length + 3) & ~3;
    }
  }
}

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
import io.netsift.core.field.FieldType;

/**
 * Internet Control Message Protocol, <a href="https://www.rfc-editor.org/rfc/rfc792">RFC 792</a>
 * (with RFC 1191 next-hop MTU, RFC 1256 router discovery and RFC 4884 original-datagram length).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Identifier / unused / gateway / pointer ...                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data, or the IP header + first 8 bytes of the datagram an    |
 * |  error message is about ...                                   |
 * </pre>
 *
 * The quoted datagram of an error message (types 3, 4, 5, 11, 12) is dissected as further
 * layers (IPv4 and what it carries), so such a frame has two {@code ip.src}. Echo replies are
 * matched to their request by tshark's key (identifier, sequence number and the checksum the
 * reply must have) within the address pair; one pass can only name the request of a reply.
 * The checksum is verified, as tshark does by default.
 */
public final class IcmpDissector extends Dissector implements Protocols.Registrable {
  public static final Field TYPE = Field.u8("icmp.type", "Type");
  public static final Field CODE = Field.u8("icmp.code", "Code");
  public static final Field CHECKSUM = Field.u16("icmp.checksum", "Checksum").hex();
  public static final Field CHECKSUM_STATUS = Field.u8("icmp.checksum.status", "Checksum Status")
      .base(Base.NONE).labels(Checksums::statusName);
  public static final Field UNUSED = Field.bytes("icmp.unused", "Unused");
  public static final Field IDENT = Field.u16("icmp.ident", "Identifier (BE)").decHex()
      .blurb("Identifier (big endian representation)");
  public static final Field IDENT_LE = Field.u16("icmp.ident_le", "Identifier (LE)").decHex()
      .blurb("Identifier (little endian representation)");
  public static final Field SEQ = Field.u16("icmp.seq", "Sequence Number (BE)").decHex()
      .blurb("Sequence Number (big endian representation)");
  public static final Field SEQ_LE = Field.u16("icmp.seq_le", "Sequence Number (LE)").decHex()
      .blurb("Sequence Number (little endian representation)");
  public static final Field MTU = Field.u16("icmp.mtu", "MTU of next hop");
  public static final Field NUM_ADDRS = Field.u8("icmp.num_addrs", "Number of addresses");
  public static final Field ADDR_ENTRY_SIZE = Field.u8("icmp.addr_entry_size", "Address entry size");
  public static final Field LIFETIME = Field.u16("icmp.lifetime", "Lifetime");
  public static final Field POINTER = Field.u32("icmp.pointer", "Pointer");
  public static final Field ROUTER_ADDRESS = Field.ipv4("icmp.router_address", "Router address");
  public static final Field PREF_LEVEL = Field.of("icmp.pref_level", "Preference level", FieldType.INT32);
  public static final Field ORIGINATE_TIMESTAMP = Field.u32("icmp.originate_timestamp", "Originate Timestamp");
  public static final Field RECEIVE_TIMESTAMP = Field.u32("icmp.receive_timestamp", "Receive Timestamp");
  public static final Field TRANSMIT_TIMESTAMP = Field.u32("icmp.transmit_timestamp", "Transmit Timestamp");
  public static final Field ADDRESS_MASK = Field.ipv4("icmp.address_mask", "Address Mask");
  public static final Field REDIR_GW = Field.ipv4("icmp.redir_gw", "Gateway Address");
  public static final Field RESP_TO = Field.frameNum("icmp.resp_to", "Request frame")
      .blurb("The frame number of the corresponding request");
  public static final Field RESPTIME = Field.of("icmp.resptime", "Response time", FieldType.DOUBLE)
      .blurb("The time between the request and the response, in ms.");
  public static final Field DATA_TIME = Field.of("icmp.data_time", "Timestamp from icmp data",
      FieldType.ABSOLUTE_TIME).base(Base.TIME_LOCAL);
  public static final Field DATA_TIME_RELATIVE = Field.of("icmp.data_time_relative",
      "Timestamp from icmp data (relative)", FieldType.RELATIVE_TIME);
  public static final Field LENGTH = Field.u8("icmp.length", "Length")
      .blurb("The length of the original datagram");
  public static final Field LENGTH_ORIGINAL_DATAGRAM = Field.u8("icmp.length.original_datagram",
      "Length of original datagram").blurb("The length of the original datagram (length * 4)");

  static final Expert CHECKSUM_BAD = new Expert("icmp.checksum_bad", Severity.WARNING, "Checksum", "Bad checksum");

  static final int ECHO_REPLY = 0;
  static final int UNREACH = 3;
  static final int SOURCE_QUENCH = 4;
  static final int REDIRECT = 5;
  static final int ALT_HOST = 6;
  static final int ECHO = 8;
  static final int ROUTER_ADVERT = 9;
  static final int TIME_EXCEEDED = 11;
  static final int PARAM_PROBLEM = 12;
  static final int TIMESTAMP = 13;
  static final int TIMESTAMP_REPLY = 14;
  static final int INFO_REQUEST = 15;
  static final int INFO_REPLY = 16;
  static final int MASK_REQUEST = 17;
  static final int MASK_REPLY = 18;
  private static final int FRAG_NEEDED = 4;
  private static final int HEADER = 8;
  /** tshark reads the type, code and RFC 4884 length byte before anything else. */
  private static final int FIXED_READS = 6;

  // Annotations.
  private static final int A_STATUS = 0;
  private static final int A_REQUEST = 1;
  private static final int A_RESPONSE_NS = 2;
  private static final int A_DATA_TIME = 3;
  private static final int A_FLAGS = 4;
  private static final int A_COUNT = 5;
  private static final int F_DATA_TIME = 1;
  private static final int F_MATCHED = 2;
  private static final int F_SHORT = 4;

  private static final String[] TYPE_NAMES = new String[256];
  private static final String[] UNREACH_CODES = {
      "Network unreachable", "Host unreachable", "Protocol unreachable", "Port unreachable",
      "Fragmentation needed", "Source route failed", "Destination network unknown", "Destination host unknown",
      "Source host isolated", "Network administratively prohibited", "Host administratively prohibited",
      "Network unreachable for TOS", "Host unreachable for TOS", "Communication administratively filtered",
      "Host precedence violation", "Precedence cutoff in effect"};
  private static final String[] REDIRECT_CODES = {
      "Redirect for network", "Redirect for host", "Redirect for TOS and network", "Redirect for TOS and host"};
  private static final String[] TTL_CODES = {"Time to live exceeded in transit", "Fragment reassembly time exceeded"};
  private static final String[] PARAM_CODES = {"Pointer indicates the error", "Required option missing", "Bad length"};
  private static final String[] PHOTURIS_CODES = {
      "Bad SPI", "Authentication Failed", "Decompression Failed", "Decryption Failed", "Need Authentication",
      "Need Authorization"};
  private static final String[] ALT_HOST_CODES = {"Alternate address for host"};
  private static final String[] EXT_ECHO_CODES = {"No error"};
  private static final String[] EXT_ECHO_REPLY_CODES = {
      "No error", "Malformed Query", "No Such Interface", "No Such Table Entry", "Multiple Interfaces Satisfy Query"};

  static {
    String[] low = {"Echo (ping) reply", null, null, "Destination unreachable", "Source quench (flow control)",
        "Redirect", "Alternate host address", null, "Echo (ping) request", "Router advertisement",
        "Router solicitation", "Time-to-live exceeded", "Parameter problem", "Timestamp request",
        "Timestamp reply", "Information request", "Information reply", "Address mask request",
        "Address mask reply", "Reserved (for security)"};
    System.arraycopy(low, 0, TYPE_NAMES, 0, low.length);
    String[] high = {"Traceroute", "Datagram Conversion Error", "Mobile Host Redirect", "IPv6 Where-Are-You",
        "IPv6 I-Am-Here", "Mobile Registration Request", "Mobile Registration Reply", "Domain Name Request",
        "Domain Name Reply", "SKIP", "Photuris", "Experimental mobility protocols", "Extended Echo request",
        "Extended Echo reply"};
    System.arraycopy(high, 0, TYPE_NAMES, 30, high.length);
  }

  /** Per-capture state: echo requests waiting for their reply, by address pair and key. */
  private static final class State {
    final ConversationTable<long[]> requests = new ConversationTable<>();
  }

  public IcmpDissector() {
    super("icmp", "Internet Control Message Protocol", "ICMP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.IP_PROTO, 1, this);
  }

  /** Whether ICMP type {@code type} quotes the datagram it reports on (RFC 792). */
  static boolean isError(int type) {
    return type == UNREACH || type == SOURCE_QUENCH || type == REDIRECT || type == TIME_EXCEEDED
        || type == PARAM_PROBLEM;
  }

  private static boolean hasIdentifier(int type) {
    return type == ECHO_REPLY || type == ECHO || type == TIMESTAMP || type == TIMESTAMP_REPLY
        || type == INFO_REQUEST || type == INFO_REPLY || type == MASK_REQUEST || type == MASK_REPLY;
  }


  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    byte[] b = d.data();
    int ip = EnclosingIp.find(d, layer);
    int reported = EnclosingIp.reportedEnd(d, ip, end) - s;
    d.annotate(layer, A_COUNT); // zeroed by the Dissection
    d.payload(end, end);
    int cap = end - s;
    if (cap < FIXED_READS) {
      d.setAnnotation(layer, A_FLAGS, F_SHORT);
      if (reported < FIXED_READS) {
        d.malformed(layer);
      }
      return null;
    }
    int type = Bytes.u8(b, s);
    boolean error = EnclosingIp.inErrorPacket(d, layer);
    int status = Checksums.UNVERIFIED;
    if (!error && cap >= reported && cap >= 4) {
      int sum = EnclosingIp.onesSum(b, s, cap, 0);
      status = sum == 0xffff ? Checksums.GOOD : Checksums.BAD;
      if (status == Checksums.BAD) {
        int field = Bytes.u16(b, s + 2);
        int without = EnclosingIp.fold(sum + (~field & 0xffff));
        d.expert(layer, CHECKSUM_BAD, s + 2, 0,
            String.format("Bad checksum [should be 0x%04x]", ~without & 0xffff));
      }
    }
    d.setAnnotation(layer, A_STATUS, status);
    if (cap < HEADER) {
      return null;
    }
    if ((type == ECHO || type == ECHO_REPLY) && !error && ip >= 0) {
      match(d, layer, ip, type, Bytes.u16(b, s + 2), Bytes.u16(b, s + 4), Bytes.u16(b, s + 6));
    }
    switch (type) {
      case ECHO:
      case ECHO_REPLY:
        return echoData(d, layer, s, end);
      case ROUTER_ADVERT:
        if (Bytes.u8(b, s + 5) != 2 && cap > HEADER) {
          d.payload(s + HEADER, end);
        }
        return null;
      case UNREACH:
      case SOURCE_QUENCH:
      case REDIRECT:
      case TIME_EXCEEDED:
      case PARAM_PROBLEM:
        return quoted(d, s, end, reported, type);
      default:
        return null;
    }
  }

  /** Records a request, or pairs a reply with its request (tshark's transaction key). */
  private void match(Dissection d, int layer, int ip, int type, int checksum, int id, int seq) {
    State st = d.state(this, State::new);
    int key;
    if (type == ECHO) {
      // The checksum the reply will carry: the type word drops by 0x0800 (RFC 1624 update).
      key = ~EnclosingIp.fold((~checksum & 0xffff) + (~0x0800 & 0xffff)) & 0xffff;
    } else {
      key = checksum == 0xffff ? 0 : checksum;
    }
    long extra = (long) key << 32 | (long) id << 16 | seq;
    long[] request = st.requests.get(d, ip, 0, 0, extra);
    if (type == ECHO) {
      st.requests.putLast(new long[] {d.number(), d.timestampNanos(), 0});
    } else if (request != null && request[2] == 0) {
      request[2] = d.number();
      d.setAnnotation(layer, A_REQUEST, request[0]);
      d.setAnnotation(layer, A_RESPONSE_NS, d.timestampNanos() - request[1]);
      d.setAnnotation(layer, A_FLAGS, F_MATCHED);
    }
  }

  /**
   * Echo data: when its first 8 bytes look like a struct timeval within a day of the frame
   * (big-endian, else little-endian), tshark shows them as a timestamp and the rest as data.
   */
  private static Dissector echoData(Dissection d, int layer, int s, int end) {
    byte[] b = d.data();
    if (end - s - HEADER < 8) {
      d.payload(s + HEADER, end);
      return null;
    }
    long frameSecs = Math.floorDiv(d.timestampNanos(), 1_000_000_000L);
    long secs = Bytes.u32(b, s + 8);
    long usecs = Bytes.u32(b, s + 12);
    if (!plausible(secs, usecs, frameSecs)) {
      secs = Bytes.u32le(b, s + 8);
      usecs = Bytes.u32le(b, s + 12);
    }
    if (plausible(secs, usecs, frameSecs)) {
      d.setAnnotation(layer, A_DATA_TIME, secs * 1_000_000_000L + usecs * 1000);
      d.setAnnotation(layer, A_FLAGS, d.annotation(layer, A_FLAGS) | F_DATA_TIME);
      d.payload(s + HEADER + 8, end);
    } else {
      d.payload(s + HEADER, end);
    }
    return null;
  }

  private static boolean plausible(long secs, long usecs, long frameSecs) {
    return Math.abs((int) (secs - frameSecs)) < 86400 && usecs < 1_000_000;
  }

  /** The datagram an error message quotes, limited as tshark limits it, handed to IPv4. */
  private static Dissector quoted(Dissection d, int s, int end, int reported, int type) {
    byte[] b = d.data();
    if (end - s <= HEADER) {
      return null;
    }
    int inner = end;
    int words = Bytes.u8(b, s + 5);
    int ihl = (Bytes.u8(b, s + HEADER) & 0x0f) * 4;
    if (type == REDIRECT) {
      // RFC 792: a redirect quotes the IP header and 64 bits of data, and has no length byte.
      inner = Math.min(end, s + HEADER + ihl + 8);
    } else if (words != 0 && reported > HEADER + words * 4 && end - s >= HEADER + 4
        && Bytes.u16(b, s + HEADER + 2) > words * 4) {
      // RFC 4884 section 4: "length" counts the original datagram in 32-bit words.
      inner = Math.min(end, s + HEADER + ihl + words * 4);
    }
    d.payload(s + HEADER, inner);
    return d.protocols().byName("ip");
  }

  @Override
  public void fields(Tree t) {
    int marks = (int) t.annotation(A_FLAGS);
    if ((marks & F_SHORT) != 0) {
      return;
    }
    int type = t.u8(0);
    int code = t.u8(1);
    t.uint(TYPE, 0, 1);
    t.uint(CODE, 1, 1);
    t.uint(CHECKSUM, 2, 2);
    t.number(CHECKSUM_STATUS, 2, 0, t.annotation(A_STATUS));
    int words = type == ALT_HOST ? 0 : t.u8(5);
    if (hasIdentifier(type)) {
      t.uint(IDENT, 4, 2);
      t.uintle(IDENT_LE, 4, 2);
      t.uint(SEQ, 6, 2);
      t.uintle(SEQ_LE, 6, 2);
    }
    switch (type) {
      case UNREACH:
        if (words > 0) {
          t.bytes(UNUSED, 4, 1);
          length(t, words);
          if (code == FRAG_NEEDED) {
            t.uint(MTU, 6, 2);
          } else {
            t.bytes(UNUSED, 6, 2);
          }
        } else if (code == FRAG_NEEDED) {
          t.bytes(UNUSED, 4, 2);
          t.uint(MTU, 6, 2);
        } else {
          t.bytes(UNUSED, 4, 4);
        }
        break;
      case ROUTER_ADVERT:
        t.uint(NUM_ADDRS, 4, 1);
        t.uint(ADDR_ENTRY_SIZE, 5, 1);
        t.uint(LIFETIME, 6, 2);
        break;
      case PARAM_PROBLEM:
        t.uint(POINTER, 4, 1);
        if (words > 0) {
          length(t, words);
          t.bytes(UNUSED, 6, 2);
        } else {
          t.bytes(UNUSED, 5, 3);
        }
        break;
      case REDIRECT:
        t.bytes(REDIR_GW, 4, 4);
        break;
      case TIME_EXCEEDED:
        if (words > 0) {
          t.bytes(UNUSED, 4, 1);
          length(t, words);
          t.bytes(UNUSED, 6, 2);
        } else {
          t.bytes(UNUSED, 4, 4);
        }
        break;
      default:
        break;
    }
    switch (type) {
      case ECHO_REPLY:
      case ECHO:
        if ((marks & F_MATCHED) != 0) {
          t.generated(RESP_TO, t.annotation(A_REQUEST));
          t.generatedObject(RESPTIME, t.annotation(A_RESPONSE_NS) / 1e6);
        }
        if ((marks & F_DATA_TIME) != 0) {
          long ts = t.annotation(A_DATA_TIME);
          t.number(DATA_TIME, 8, 8, ts);
          t.number(DATA_TIME_RELATIVE, 8, 8, t.dissection().timestampNanos() - ts);
        }
        break;
      case ROUTER_ADVERT:
        if (t.u8(5) == 2) {
          int n = t.u8(4);
          for (int i = 0; i < n && t.has(8 + i * 8, 8); i++) {
            t.bytes(ROUTER_ADDRESS, 8 + i * 8, 4);
            t.number(PREF_LEVEL, 12 + i * 8, 4, (int) t.u32(12 + i * 8));
          }
        }
        break;
      case TIMESTAMP:
      case TIMESTAMP_REPLY:
        t.uint(ORIGINATE_TIMESTAMP, 8, 4);
        t.uint(RECEIVE_TIMESTAMP, 12, 4);
        t.uint(TRANSMIT_TIMESTAMP, 16, 4);
        break;
      case MASK_REQUEST:
      case MASK_REPLY:
        t.bytes(ADDRESS_MASK, 8, 4);
        break;
      default:
        break;
    }
  }

  private static void length(Tree t, int words) {
    t.uint(LENGTH, 5, 1);
    t.number(LENGTH_ORIGINAL_DATAGRAM, 5, 1, words * 4L);
  }

  @Override
  public void columns(Tree t, Columns c) {
    Dissection d = t.dissection();
    c.protocol = "ICMP";
    StringBuilder info = c.info;
    info.setLength(0);
    if ((t.annotation(A_FLAGS) & F_SHORT) != 0 || !t.has(0, FIXED_READS)) {
      return;
    }
    int type = t.u8(0);
    int code = t.u8(1);
    String name = TYPE_NAMES[type];
    if (type == ROUTER_ADVERT && (code == 0 || code == 16)) {
      name = "Mobile IP Advertisement";
    } else if (name == null) {
      name = "Unknown ICMP (obsolete or malformed?)";
    }
    info.append(name);
    for (int i = name.length(); i < 20; i++) {
      info.append(' ');
    }
    String codeName = codeName(type, code);
    if (codeName != null) {
      info.append(" (").append(codeName).append(')');
    }
    if (hasIdentifier(type) && t.has(0, HEADER)) {
      info.append(" id=0x").append(hex4(t.u16(4))).append(", seq=").append(t.u16(6)).append('/')
          .append(t.u16le(6));
      int ip = EnclosingIp.find(d, t.layer());
      if (ip >= 0 && !EnclosingIp.isV6(d, ip)) {
        info.append(", ttl=").append(EnclosingIp.ttl(d, ip));
      }
    }
    if ((t.annotation(A_FLAGS) & F_MATCHED) != 0) {
      info.append(" (request in ").append(t.annotation(A_REQUEST)).append(')');
    }
  }

  private static String hex4(int v) {
    String h = Integer.toHexString(v);
    return "0000".substring(h.length()) + h;
  }

  /** The code label tshark appends for types whose codes it names ("Unknown code: n" otherwise). */
  static String codeName(int type, int code) {
    String[] table;
    switch (type) {
      case UNREACH: table = UNREACH_CODES; break;
      case REDIRECT: table = REDIRECT_CODES; break;
      case ALT_HOST: table = ALT_HOST_CODES; break;
      case ROUTER_ADVERT:
        return code == 0 ? "Normal router advertisement"
            : code == 16 ? "Does not route common traffic" : "Unknown code: " + code;
      case TIME_EXCEEDED: table = TTL_CODES; break;
      case PARAM_PROBLEM: table = PARAM_CODES; break;
      case 40: table = PHOTURIS_CODES; break;
      case 42: table = EXT_ECHO_CODES; break;
      case 43: table = EXT_ECHO_REPLY_CODES; break;
      default: return null;
    }
    return code < table.length ? table[code] : "Unknown code: " + code;
  }

  @Override
  public boolean quotesErrorPackets() {
    return true;
  }
}

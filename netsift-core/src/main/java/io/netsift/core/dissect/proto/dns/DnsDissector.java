package io.netsift.core.dissect.proto.dns;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Expert.Severity;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.dissect.proto.Transport;
import io.netsift.core.dissect.proto.TsharkPorts;
import io.netsift.core.dissect.proto.UdpDissector;
import io.netsift.core.dns.DnsDecodeException;
import io.netsift.core.dns.DnsMessageDecoder;
import io.netsift.core.dns.DnsName;
import io.netsift.core.field.Addresses;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Domain Name System, <a href="https://www.rfc-editor.org/rfc/rfc1035#section-4">RFC 1035
 * §4</a>, over UDP and TCP port 53 (and TCP 5353); {@link MdnsDissector} and
 * {@link LlmnrDissector} share this walker with their own flag and class bits.
 *
 * <pre>
 *  0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |                      ID                       |
 * |QR|   Opcode  |AA|TC|RD|RA| Z|AD|CD|   RCODE   |
 * |                    QDCOUNT                    |
 * |                    ANCOUNT                    |
 * |                    NSCOUNT                    |
 * |                    ARCOUNT                    |
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * | questions, then answer, authority and additional records ...
 * </pre>
 *
 * Over TCP each message follows a two-byte length (RFC 1035 §4.2.2). Names are read with the
 * shared codec ({@link DnsMessageDecoder#decodeName}), which follows compression pointers
 * and tells loops from pointers past the end. Requests and responses are matched per
 * conversation and transaction ID in one pass, as tshark does: a response gets
 * {@code dns.response_to} and {@code dns.time}, a repeated request within five seconds is a
 * retransmission.
 */
public class DnsDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  /** Which member of the family: flag and class bits differ (RFC 6762 §18, RFC 4795 §2.1.1). */
  enum Flavor { DNS, MDNS, LLMNR }

  public static final Field LENGTH = Field.u16("dns.length", "Length");
  public static final Field ID = Field.u16("dns.id", "Transaction ID").hex();
  public static final Field FLAGS = Field.u16("dns.flags", "Flags").hex();
  public static final Field FLAGS_RESPONSE = Field.bool("dns.flags.response", "Response").mask(0x8000, 16)
      .states("Message is a response", "Message is a query");
  public static final Field FLAGS_OPCODE = Field.u16("dns.flags.opcode", "Opcode").mask(0x7800, 16)
      .labels(DnsValues.OPCODES);
  public static final Field FLAGS_AUTHORITATIVE = Field.bool("dns.flags.authoritative", "Authoritative")
      .mask(0x0400, 16).states("Server is an authority for domain", "Server is not an authority for domain");
  public static final Field FLAGS_CONFLICT_Q = Field.bool("dns.flags.conflict", "Conflict").mask(0x0400, 16)
      .states("The sender received multiple responses", "None");
  public static final Field FLAGS_CONFLICT_R = Field.bool("dns.flags.conflict", "Conflict").mask(0x0400, 16)
      .states("The name is not considered unique", "The name is considered unique");
  public static final Field FLAGS_TRUNCATED = Field.bool("dns.flags.truncated", "Truncated").mask(0x0200, 16)
      .states("Message is truncated", "Message is not truncated");
  public static final Field FLAGS_RECDESIRED = Field.bool("dns.flags.recdesired", "Recursion desired")
      .mask(0x0100, 16).states("Do query recursively", "Don't do query recursively");
  public static final Field FLAGS_TENTATIVE = Field.bool("dns.flags.tentative", "Tentative").mask(0x0100, 16)
      .states("Tentative", "Not tentative");
  public static final Field FLAGS_RECAVAIL = Field.bool("dns.flags.recavail", "Recursion available")
      .mask(0x0080, 16).states("Server can do recursive queries", "Server can't do recursive queries");
  public static final Field FLAGS_Z = Field.bool("dns.flags.z", "Z").mask(0x0040, 16)
      .states("reserved - incorrect!", "reserved (0)");
  public static final Field FLAGS_AUTHENTICATED = Field.bool("dns.flags.authenticated", "Answer authenticated")
      .mask(0x0020, 16).states("Answer/authority portion was authenticated by the server",
          "Answer/authority portion was not authenticated by the server");
  public static final Field FLAGS_AD = Field.bool("dns.flags.authenticated", "AD bit").mask(0x0020, 16)
      .states("Set", "Not set");
  public static final Field FLAGS_CHECKDISABLE = Field.bool("dns.flags.checkdisable", "Non-authenticated data")
      .mask(0x0010, 16).states("Acceptable", "Unacceptable");
  public static final Field FLAGS_RCODE = Field.u16("dns.flags.rcode", "Reply code").mask(0x000f, 16)
      .labels(DnsValues.RCODES);
  public static final Field COUNT_QUERIES = Field.u16("dns.count.queries", "Questions");
  public static final Field COUNT_ZONES = Field.u16("dns.count.zones", "Zones");
  public static final Field COUNT_ANSWERS = Field.u16("dns.count.answers", "Answer RRs");
  public static final Field COUNT_PREREQUISITES = Field.u16("dns.count.prerequisites", "Prerequisites");
  public static final Field COUNT_AUTH_RR = Field.u16("dns.count.auth_rr", "Authority RRs");
  public static final Field COUNT_UPDATES = Field.u16("dns.count.updates", "Updates");
  public static final Field COUNT_ADD_RR = Field.u16("dns.count.add_rr", "Additional RRs");

  public static final Field QRY_NAME = Field.string("dns.qry.name", "Name");
  public static final Field QRY_NAME_LEN = Field.u16("dns.qry.name.len", "Name Length");
  public static final Field COUNT_LABELS = Field.u16("dns.count.labels", "Label Count");
  public static final Field QRY_TYPE = Field.u16("dns.qry.type", "Type").labels(DnsDissector::typeLabel);
  public static final Field QRY_CLASS = Field.u16("dns.qry.class", "Class").hex().labels(DnsValues.CLASSES);
  public static final Field QRY_CLASS_MDNS = Field.u16("dns.qry.class", "Class").hex().mask(0x7fff, 16)
      .labels(DnsValues.CLASSES);
  public static final Field QRY_QU = Field.bool("dns.qry.qu", "\"QU\" question").mask(0x8000, 16);

  public static final Field SRV_SERVICE = Field.string("dns.srv.service", "Service");
  public static final Field SRV_PROTO = Field.string("dns.srv.proto", "Protocol");
  public static final Field SRV_NAME = Field.string("dns.srv.name", "Name");
  public static final Field RESP_NAME = Field.string("dns.resp.name", "Name");
  public static final Field RESP_TYPE = Field.u16("dns.resp.type", "Type").labels(DnsDissector::typeLabel);
  public static final Field RESP_CLASS = Field.u16("dns.resp.class", "Class").hex().labels(DnsValues.CLASSES);
  public static final Field RESP_CLASS_MDNS = Field.u16("dns.resp.class", "Class").hex().mask(0x7fff, 16)
      .labels(DnsValues.CLASSES);
  public static final Field RESP_CACHE_FLUSH = Field.bool("dns.resp.cache_flush", "Cache flush").mask(0x8000, 16);
  public static final Field RR_UDP_PAYLOAD_SIZE = Field.u16("dns.rr.udp_payload_size", "UDP payload size");
  public static final Field RR_UDP_PAYLOAD_SIZE_MDNS = Field.u16("dns.rr.udp_payload_size", "UDP payload size")
      .hex().mask(0x7fff, 16);
  public static final Field RESP_EXT_RCODE = Field.u8("dns.resp.ext_rcode", "Higher bits in extended RCODE").hex();
  public static final Field RESP_EDNS0_VERSION = Field.u8("dns.resp.edns0_version", "EDNS0 version");
  public static final Field RESP_Z = Field.u16("dns.resp.z", "Z").hex();
  public static final Field RESP_Z_DO = Field.bool("dns.resp.z.do", "DO bit").mask(0x8000, 16)
      .states("Accepts DNSSEC security RRs", "Cannot handle DNSSEC security RRs");
  public static final Field RESP_Z_RESERVED = Field.u16("dns.resp.z.reserved", "Reserved").hex().mask(0x7fff, 16);
  public static final Field RESP_TTL = Field.u32("dns.resp.ttl", "Time to live");
  public static final Field RESP_LEN = Field.u16("dns.resp.len", "Data length");

  public static final Field A = Field.ipv4("dns.a", "Address");
  public static final Field AAAA = Field.ipv6("dns.aaaa", "AAAA Address");
  public static final Field CNAME = Field.string("dns.cname", "CNAME");
  public static final Field NS = Field.string("dns.ns", "Name Server");
  public static final Field PTR = Field.string("dns.ptr.domain_name", "Domain Name");
  public static final Field DNAME = Field.string("dns.dname", "Dname");
  public static final Field MX_PREFERENCE = Field.u16("dns.mx.preference", "Preference");
  public static final Field MX_EXCHANGE = Field.string("dns.mx.mail_exchange", "Mail Exchange");
  public static final Field TXT_LENGTH = Field.u8("dns.txt.length", "TXT Length");
  public static final Field TXT = Field.string("dns.txt", "TXT");
  public static final Field SPF_LENGTH = Field.u8("dns.spf.length", "SPF Length");
  public static final Field SPF = Field.string("dns.spf", "SPF");
  public static final Field SOA_MNAME = Field.string("dns.soa.mname", "Primary name server");
  public static final Field SOA_RNAME = Field.string("dns.soa.rname", "Responsible authority's mailbox");
  public static final Field SOA_SERIAL = Field.u32("dns.soa.serial_number", "Serial Number");
  public static final Field SOA_REFRESH = Field.u32("dns.soa.refresh_interval", "Refresh Interval");
  public static final Field SOA_RETRY = Field.u32("dns.soa.retry_interval", "Retry Interval");
  public static final Field SOA_EXPIRE = Field.u32("dns.soa.expire_limit", "Expire limit");
  public static final Field SOA_MINIMUM = Field.u32("dns.soa.minimum_ttl", "Minimum TTL");
  public static final Field SRV_PRIORITY = Field.u16("dns.srv.priority", "Priority");
  public static final Field SRV_WEIGHT = Field.u16("dns.srv.weight", "Weight");
  public static final Field SRV_PORT = Field.u16("dns.srv.port", "Port");
  public static final Field SRV_TARGET = Field.string("dns.srv.target", "Target");

  public static final Field OPT = Field.none("dns.opt", "Option");
  public static final Field OPT_CODE = Field.u16("dns.opt.code", "Option Code").labels(DnsValues.OPT_CODES);
  public static final Field OPT_LEN = Field.u16("dns.opt.len", "Option Length");
  public static final Field OPT_DATA = Field.bytes("dns.opt.data", "Option Data");
  public static final Field OPT_CLIENT_FAMILY = Field.u16("dns.opt.client.family", "Family")
      .labels(DnsValues.FAMILIES);
  public static final Field OPT_CLIENT_NETMASK = Field.u8("dns.opt.client.netmask", "Source Netmask");
  public static final Field OPT_CLIENT_SCOPE = Field.u8("dns.opt.client.scope", "Scope Netmask");
  public static final Field OPT_CLIENT_ADDR = Field.bytes("dns.opt.client.addr", "Client Subnet");
  public static final Field OPT_CLIENT_ADDR4 = Field.ipv4("dns.opt.client.addr4", "Client Subnet");
  public static final Field OPT_CLIENT_ADDR6 = Field.ipv6("dns.opt.client.addr6", "Client Subnet");
  public static final Field OPT_COOKIE_CLIENT = Field.bytes("dns.opt.cookie.client", "Client Cookie");
  public static final Field OPT_COOKIE_SERVER = Field.bytes("dns.opt.cookie.server", "Server Cookie");
  public static final Field OPT_KEEPALIVE = Field.u16("dns.opt.edns_tcp_keepalive.timeout", "Timeout");
  public static final Field OPT_PADDING = Field.bytes("dns.opt.padding", "Padding");
  public static final Field OPT_EXT_ERROR_CODE = Field.u16("dns.opt.ext_error.info_code", "Info Code")
      .labels(DnsValues.EXT_ERRORS);
  public static final Field OPT_EXT_ERROR_TEXT = Field.string("dns.opt.ext_error.extra_text", "Extra Text");

  public static final Field CAA_FLAGS = Field.u8("dns.caa.flags", "CAA Flags").hex();
  public static final Field CAA_ISSUER_CRITICAL = Field.bool("dns.caa.flags.issuer_critical", "Issuer Critical")
      .mask(0x80, 8).states("Critical", "Not critical");
  public static final Field CAA_ISSUE = Field.string("dns.caa.issue", "Issue");
  public static final Field CAA_ISSUEWILD = Field.string("dns.caa.issuewild", "Issue Wildcard");
  public static final Field CAA_IODEF = Field.string("dns.caa.iodef", "Report URL");
  public static final Field CAA_UNKNOWN = Field.string("dns.caa.unknown", "Unknown tag");
  public static final Field CAA_TAG_LENGTH = Field.u8("dns.caa.tag_length", "Tag length");
  public static final Field CAA_TAG = Field.string("dns.caa.tag", "Tag");
  public static final Field CAA_VALUE = Field.string("dns.caa.value", "Value");

  public static final Field SVCB_PRIORITY = Field.u16("dns.svcb.svcpriority", "SvcPriority");
  public static final Field SVCB_TARGET = Field.string("dns.svcb.targetname", "TargetName");
  public static final Field SVCB_PARAM = Field.none("dns.svcb.svcparam", "SvcParam");
  public static final Field SVCB_KEY = Field.u16("dns.svcb.svcparam.key", "SvcParamKey").labels(DnsValues.SVC_KEYS);
  public static final Field SVCB_VALUE_LENGTH = Field.u16("dns.svcb.svcparam.value.length", "SvcParamValue length");
  public static final Field SVCB_VALUE = Field.bytes("dns.svcb.svcparam.value", "SvcParamValue");
  public static final Field SVCB_MANDATORY_KEY = Field.u16("dns.svcb.svcparam.mandatory.key", "Mandatory key")
      .labels(DnsValues.SVC_KEYS);
  public static final Field SVCB_ALPN_LENGTH = Field.u8("dns.svcb.svcparam.alpn.length", "ALPN length");
  public static final Field SVCB_ALPN = Field.string("dns.svcb.svcparam.alpn", "ALPN");
  public static final Field SVCB_PORT = Field.u16("dns.svcb.svcparam.port", "Port");
  public static final Field SVCB_IPV4HINT = Field.ipv4("dns.svcb.svcparam.ipv4hint.ip", "IP");
  public static final Field SVCB_ECHCONFIG = Field.bytes("dns.svcb.svcparam.echconfig", "ECHConfig");
  public static final Field SVCB_IPV6HINT = Field.ipv6("dns.svcb.svcparam.ipv6hint.ip", "IP");

  public static final Field DS_KEY_ID = Field.u16("dns.ds.key_id", "Key id").hex();
  public static final Field DS_ALGORITHM = Field.u8("dns.ds.algorithm", "Algorithm").labels(DnsValues.ALGORITHMS);
  public static final Field DS_DIGEST_TYPE = Field.u8("dns.ds.digest_type", "Digest Type")
      .labels(DnsValues.DIGEST_TYPES);
  public static final Field DS_DIGEST = Field.bytes("dns.ds.digest", "Digest");
  public static final Field RRSIG_TYPE_COVERED = Field.u16("dns.rrsig.type_covered", "Type Covered")
      .labels(DnsDissector::typeLabel);
  public static final Field RRSIG_ALGORITHM = Field.u8("dns.rrsig.algorithm", "Algorithm")
      .labels(DnsValues.ALGORITHMS);
  public static final Field RRSIG_LABELS = Field.u8("dns.rrsig.labels", "Labels");
  public static final Field RRSIG_ORIGINAL_TTL = Field.u32("dns.rrsig.original_ttl", "Original TTL");
  public static final Field RRSIG_EXPIRATION = Field.of("dns.rrsig.signature_expiration", "Signature Expiration",
      FieldType.ABSOLUTE_TIME);
  public static final Field RRSIG_INCEPTION = Field.of("dns.rrsig.signature_inception", "Signature Inception",
      FieldType.ABSOLUTE_TIME);
  public static final Field RRSIG_KEY_TAG = Field.u16("dns.rrsig.key_tag", "Key Tag");
  public static final Field RRSIG_SIGNERS_NAME = Field.string("dns.rrsig.signers_name", "Signer's name");
  public static final Field RRSIG_SIGNATURE = Field.bytes("dns.rrsig.signature", "Signature");
  public static final Field DNSKEY_FLAGS = Field.u16("dns.dnskey.flags", "Flags").hex();
  public static final Field DNSKEY_ZONE_KEY = Field.bool("dns.dnskey.flags.zone_key", "Zone Key").mask(0x0100, 16)
      .states("This is the zone key for specified zone", "This it not a zone key");
  public static final Field DNSKEY_REVOKED = Field.bool("dns.dnskey.flags.key_revoked", "Key Revoked")
      .mask(0x0080, 16).states("Yes", "No");
  public static final Field DNSKEY_SEP = Field.bool("dns.dnskey.flags.secure_entry_point", "Key Signing Key")
      .mask(0x0001, 16).states("Yes", "No");
  public static final Field DNSKEY_RESERVED = Field.u16("dns.dnskey.flags.reserved", "Key Signing Key").hex()
      .mask(0xfe7e, 16);
  public static final Field DNSKEY_PROTOCOL = Field.u8("dns.dnskey.protocol", "Protocol");
  public static final Field DNSKEY_ALGORITHM = Field.u8("dns.dnskey.algorithm", "Algorithm")
      .labels(DnsValues.ALGORITHMS);
  public static final Field DNSKEY_KEY_ID = Field.u16("dns.dnskey.key_id", "Key id");
  public static final Field DNSKEY_PUBLIC_KEY = Field.bytes("dns.dnskey.public_key", "Public Key");
  public static final Field NSEC_NEXT = Field.string("dns.nsec.next_domain_name", "Next Domain Name");
  public static final Field NSEC3_ALGO = Field.u8("dns.nsec3.algo", "Hash algorithm")
      .labels(DnsValues.NSEC3_ALGORITHMS);
  public static final Field NSEC3_FLAGS = Field.u8("dns.nsec3.flags", "NSEC3 flags");
  public static final Field NSEC3_OPT_OUT = Field.bool("dns.nsec3.flags.opt_out", "NSEC3 Opt-out flag")
      .mask(0x01, 8).states("Additional insecure delegations allowed", "Additional insecure delegations forbidden");
  public static final Field NSEC3_ITERATIONS = Field.u16("dns.nsec3.iterations", "NSEC3 iterations");
  public static final Field NSEC3_SALT_LENGTH = Field.u8("dns.nsec3.salt_length", "Salt length");
  public static final Field NSEC3_SALT_VALUE = Field.bytes("dns.nsec3.salt_value", "Salt value");
  public static final Field NSEC3_HASH_LENGTH = Field.u8("dns.nsec3.hash_length", "Hash length");
  public static final Field NSEC3_HASH_VALUE = Field.string("dns.nsec3.hash_value", "Next hashed owner");
  public static final Field TSIG_ALGORITHM = Field.string("dns.tsig.algorithm_name", "Algorithm Name");
  public static final Field TSIG_TIME_SIGNED = Field.of("dns.tsig.time_signed", "Time Signed",
      FieldType.ABSOLUTE_TIME);
  public static final Field TSIG_FUDGE = Field.u16("dns.tsig.fudge", "Fudge");
  public static final Field TSIG_MAC_SIZE = Field.u16("dns.tsig.mac_size", "MAC Size");
  public static final Field TSIG_MAC = Field.none("dns.tsig.mac", "MAC");
  public static final Field TSIG_ORIGINAL_ID = Field.u16("dns.tsig.original_id", "Original Id");
  public static final Field TSIG_ERROR = Field.u16("dns.tsig.error", "Error").labels(DnsValues.RCODES);
  public static final Field TSIG_OTHER_LEN = Field.u16("dns.tsig.other_len", "Other Len");
  public static final Field TSIG_OTHER_DATA = Field.bytes("dns.tsig.other_data", "Other Data");
  public static final Field DATA = Field.bytes("dns.data", "Data");

  public static final Field EXTRANEOUS_DATA = Field.bytes("dns.extraneous.data", "Extraneous Data Bytes");
  public static final Field EXTRANEOUS_LENGTH = Field.of("dns.extraneous.length", "Extraneous Data Length",
      FieldType.INT32);

  /** Forward pointer from a request to its response; only a second pass (tshark -2) can show it. */
  public static final Field RESPONSE_IN = Field.frameNum("dns.response_in", "Response In");
  public static final Field RESPONSE_TO = Field.frameNum("dns.response_to", "Request In");
  public static final Field RETRANSMISSION = Field.bool("dns.retransmission", "Retransmission");
  public static final Field RETRANSMIT_REQUEST_IN = Field.frameNum("dns.retransmit_request_in",
      "Retransmitted request. Original request in");
  public static final Field RETRANSMIT_RESPONSE_IN = Field.frameNum("dns.retransmit_response_in",
      "Retransmitted response. Original response in");
  public static final Field TIME = Field.of("dns.time", "Time", FieldType.RELATIVE_TIME);
  public static final Field UNSOLICITED = Field.bool("dns.unsolicited", "Unsolicited");

  static final Expert RETRANSMIT_REQUEST = new Expert("dns.retransmit_request", Severity.WARNING, "Protocol",
      "DNS query retransmission");
  static final Expert RETRANSMIT_RESPONSE = new Expert("dns.retransmit_response", Severity.WARNING, "Protocol",
      "DNS response retransmission");
  static final Expert EXTRANEOUS = new Expert("dns.extraneous", Severity.NOTE, "Undecoded", "Extraneous data");
  static final Expert UNDECODED_TYPE = new Expert("dns.undecoded.type", Severity.NOTE, "Undecoded",
      "Undecoded option");
  static final Expert UNDECODED_TYPE_UNTREED = UNDECODED_TYPE.onlyWithoutTree();
  static final Expert TSIG_NOALG = new Expert("dns.tsig.noalg", Severity.WARNING, "Undecoded",
      "No dissector for algorithm");
  static final Expert TTL_HIGH_BIT = new Expert("dns.ttl.high_bit_set", Severity.WARNING, "Protocol",
      "The uppermost bit of the TTL is set (RFC 2181, section 8)");

  private static final int HEADER = 12;
  /** tshark's dns.retransmission_timer default: a request repeated within it is a retransmission. */
  private static final long RETRANSMISSION_NANOS = 5_000_000_000L;

  // Annotations.
  private static final int A_FLAGS = 0;
  private static final int A_MATCH = 1;
  private static final int A_FRAME = 2;
  private static final int A_TIME = 3;
  private static final int A_COUNT = 4;
  private static final int F_TCP = 1;
  private static final int M_RESPONSE_TO = 1;
  private static final int M_RETRANSMITTED_REQUEST = 2;
  private static final int M_RETRANSMITTED_RESPONSE = 3;
  private static final int M_UNSOLICITED = 4;

  private final Flavor flavor;

  /** One request and, once seen, its response. */
  private static final class Transaction {
    final long requestFrame;
    final long requestTime;
    long responseFrame; // what dns.response_in would show on a second pass

    Transaction(long frame, long time) {
      this.requestFrame = frame;
      this.requestTime = time;
    }
  }

  /**
   * Per-capture state: the latest transaction per conversation and transaction ID, at most
   * {@code udp.state_max_total} / {@link #TRANSACTION_BYTES} of them (131,072 by default): the
   * oldest requests are forgotten first. tshark keeps every one, which a resolver's traffic grows
   * without end; a response to a forgotten request shows as unsolicited here.
   */
  private static final class State {
    /** The cap, read from the preferences with the first message. */
    long max = -1;
    final Map<String, Transaction> transactions = new LinkedHashMap<>(1024, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Transaction> eldest) {
        return size() > max;
      }
    };
  }

  /** What one pending transaction holds on the heap (key text, map entry, the transaction), rounded up. */
  static final long TRANSACTION_BYTES = 256;

  public DnsDissector() {
    this("dns", "Domain Name System", "DNS", Flavor.DNS);
  }

  DnsDissector(String name, String longName, String columnName, Flavor flavor) {
    super(name, longName, columnName);
    this.flavor = flavor;
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, 53, this);
    p.map(Protocols.Table.TCP_PORT, 53, this);
    p.map(Protocols.Table.TCP_PORT, 5353, this); // tshark decodes DNS over TCP on the mDNS port as DNS
    p.heuristic(Protocols.Table.UDP_PORT, this, (d, b, off, len) -> off >= 8
        && !TsharkPorts.udp(Bytes.u16(b, off - 8)) && !TsharkPorts.udp(Bytes.u16(b, off - 6))
        && looksLikeDns(b, off, len));
  }

  /**
   * tshark 4.0's UDP heuristic for DNS on ports no dissector claims, as measured with crafted
   * datagrams: more than a header, a standard query (opcode 0); a query asks one question and
   * carries no answers or authority records, a response at most one question, 100 answers and
   * 10 authority records; both at most 10 additional records. (It takes SOME/IP-SD datagrams on
   * port 30490 for DNS responses.)
   */
  static boolean looksLikeDns(byte[] b, int off, int len) {
    if (len <= 12) {
      return false;
    }
    int flags = Bytes.u16(b, off + 2);
    int qd = Bytes.u16(b, off + 4);
    int an = Bytes.u16(b, off + 6);
    int ns = Bytes.u16(b, off + 8);
    int ar = Bytes.u16(b, off + 10);
    if ((flags & 0x7800) != 0 || ar > 10) {
      return false;
    }
    return (flags & 0x8000) == 0
        ? qd == 1 && an == 0 && ns == 0
        : qd <= 1 && an <= 100 && ns <= 10;
  }

  // ---- TCP framing ----

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    return avail < 2 ? MORE : 2 + Bytes.u16(b, off);
  }

  // ---- first pass ----

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    int transport = Transport.find(d, layer);
    boolean tcp = Transport.isTcp(d, transport);
    d.annotate(layer, A_COUNT);
    d.setAnnotation(layer, A_FLAGS, tcp ? F_TCP : 0);
    int base = tcp ? 2 : 0;
    if (tcp && end - s >= 2) {
      d.setEnd(layer, s + 2 + Bytes.u16(d.data(), s));
      end = d.end(layer);
    }
    d.payload(end, end);
    if (end - s < base + HEADER) {
      d.malformed(layer);
      return null;
    }
    byte[] b = d.data();
    int id = Bytes.u16(b, s + base);
    boolean response = (Bytes.u16(b, s + base + 2) & 0x8000) != 0;
    match(d, layer, transport, id, response);
    Tree t = new Tree().reset(d, layer, null);
    if (!walk(t, null)) {
      d.malformed(layer);
    }
    return null;
  }

  private void match(Dissection d, int layer, int transport, int id, boolean response) {
    State st = d.state(this, State::new); // no capturing lambda per message
    if (st.max < 0) {
      st.max = Math.max(1, d.protocols().longPreference("udp.state_max_total", UdpDissector.DEFAULT_STATE_MAX)
          / TRANSACTION_BYTES);
    }
    String key = conversation(d, transport) + "#" + id;
    Transaction tr = st.transactions.get(key);
    long now = d.timestampNanos();
    long frame = d.number();
    if (!response) {
      if (tr != null && tr.responseFrame == 0 && now - tr.requestTime < RETRANSMISSION_NANOS) {
        d.setAnnotation(layer, A_MATCH, M_RETRANSMITTED_REQUEST);
        d.setAnnotation(layer, A_FRAME, tr.requestFrame);
      } else {
        st.transactions.put(key, new Transaction(frame, now));
      }
      return;
    }
    if (tr == null) {
      d.setAnnotation(layer, A_MATCH, M_UNSOLICITED);
    } else if (tr.responseFrame == 0) {
      tr.responseFrame = frame;
      d.pointBack(tr.requestFrame, d.dissector(layer), RESPONSE_IN, frame); // shown with -2
      d.setAnnotation(layer, A_MATCH, M_RESPONSE_TO);
      d.setAnnotation(layer, A_FRAME, tr.requestFrame);
      d.setAnnotation(layer, A_TIME, now - tr.requestTime);
    } else {
      d.setAnnotation(layer, A_MATCH, M_RETRANSMITTED_RESPONSE);
      d.setAnnotation(layer, A_FRAME, tr.responseFrame);
    }
  }

  /** The transport conversation, both directions alike (Wireshark's conversation key). */
  private static String conversation(Dissection d, int transport) {
    if (transport < 0) {
      return "-";
    }
    int ip = Transport.ip(d, transport);
    String a = Transport.srcAddress(d, ip) + "/" + Transport.srcPort(d, transport);
    String b = Transport.dstAddress(d, ip) + "/" + Transport.dstPort(d, transport);
    String kind = Transport.isTcp(d, transport) ? "tcp " : "udp ";
    return a.compareTo(b) <= 0 ? kind + a + " " + b : kind + b + " " + a;
  }

  // ---- fields ----

  @Override
  public void fields(Tree t) {
    walk(t, null);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    StringBuilder info = new StringBuilder(96);
    walk(t, info);
    c.setInfo(info.toString());
  }

  @Override
  public String label(Tree t) {
    int base = (t.annotation(A_FLAGS) & F_TCP) != 0 ? 2 : 0;
    if (!t.has(base, 4)) {
      return longName();
    }
    return longName() + ((t.u16(base + 2) & 0x8000) != 0 ? " (response)" : " (query)");
  }

  /** A name read from the message: its text, wire length and label count. */
  private static final class Name {
    String text;
    int wire;
    int labels;
    int textBytes;
  }

  /** The walk over one message, shared by the fields and the Info column. */
  private final class Walker {
    final Tree t;
    final StringBuilder info;
    final int base;
    final int msgAbs;
    final int msgLen;

    Walker(Tree t, StringBuilder info, int base) {
      this.t = t;
      this.info = info;
      this.base = base;
      this.msgAbs = t.start() + base;
      this.msgLen = Math.max(0, t.length() - base);
    }

    /** The name at layer offset {@code rel}, or null when it runs off the message. */
    Name name(int rel) {
      Name n = new Name();
      int at = rel - base;
      if (at < 0 || at >= msgLen) {
        return null;
      }
      try {
        DnsName dn = DnsMessageDecoder.decodeName(t.data(), msgAbs, msgLen, at);
        n.wire = dn.wireLength();
        n.labels = dn.labelCount();
        if (dn.isRoot()) {
          n.text = "<Root>";
          n.textBytes = n.text.length();
        } else {
          byte[] raw = rawName(dn);
          n.text = new String(raw, StandardCharsets.UTF_8);
          n.textBytes = raw.length;
        }
        return n;
      } catch (DnsDecodeException e) {
        if (e.reason() == DnsDecodeException.Reason.POINTER_LOOP) {
          n.wire = DnsMessageDecoder.nameWireLength(t.data(), msgAbs, msgLen, at);
          if (n.wire < 0) {
            return null;
          }
          n.text = "<Name contains a pointer that loops>";
          n.labels = labelsBefore(at) + 1; // tshark counts the looping pointer as a label
          n.textBytes = n.text.length();
          return n;
        }
        return null;
      }
    }

    /** Labels written out before the first compression pointer of the name at {@code at}. */
    int labelsBefore(int at) {
      int n = 0;
      int p = at;
      while (p < msgLen) {
        int c = t.data()[msgAbs + p] & 0xff;
        if (c == 0 || (c & 0xc0) != 0) {
          return n;
        }
        n++;
        p += 1 + c;
      }
      return n;
    }

    void emitName(Field f, int rel, Name n) {
      t.object(f, rel, n.wire, n.text);
    }

    /**
     * Adds to the Info column's text. The first pass walks without one (and without a visitor,
     * {@link Tree#visiting()}): the walk's callers skip building such texts then.
     */
    void info(String s) {
      if (info != null) {
        info.append(s);
      }
    }

    /** Walks the message; false when it ends before its own counts and lengths say (malformed). */
    boolean run() {
      boolean tcp = base == 2;
      if (tcp) {
        t.uint(LENGTH, 0, 2);
      }
      if (!t.has(base, 4)) {
        return false;
      }
      int id = t.u16(base);
      int flags = t.u16(base + 2);
      boolean response = (flags & 0x8000) != 0;
      int opcode = (flags >> 11) & 0xf;
      int rcode = flags & 0xf;
      t.uint(ID, base, 2);
      int match = (int) t.annotation(A_MATCH);
      if (match == M_RETRANSMITTED_REQUEST) {
        t.expert(RETRANSMIT_REQUEST, base, 2,
            "DNS query retransmission. Original request in frame " + t.annotation(A_FRAME));
      } else if (match == M_RETRANSMITTED_RESPONSE) {
        t.expert(RETRANSMIT_RESPONSE, base, 2,
            "DNS response retransmission. Original response in frame " + t.annotation(A_FRAME));
      }
      flags(flags, response);
      boolean update = opcode == 5;
      // Each count is read as it is emitted: a header cut short still shows the counts it has.
      int qd = (int) t.uint(update ? COUNT_ZONES : COUNT_QUERIES, base + 4, 2);
      int an = (int) t.uint(update ? COUNT_PREREQUISITES : COUNT_ANSWERS, base + 6, 2);
      int ns = (int) t.uint(update ? COUNT_UPDATES : COUNT_AUTH_RR, base + 8, 2);
      if (info != null) {
        String op = DnsValues.OPCODES.get((long) opcode);
        info.append(op != null ? op : "Unknown operation (" + opcode + ")");
        if (response) {
          info.append(" response");
        }
        info.append(String.format(" 0x%04x", id));
        if (response && rcode != 0) {
          String rc = DnsValues.RCODES.get((long) rcode);
          info.append(' ').append(rc != null ? rc : "Unknown error (" + rcode + ")");
        }
      }
      int ar = (int) t.uint(COUNT_ADD_RR, base + 10, 2);
      if (!t.has(base, HEADER)) {
        return false;
      }
      int p = base + HEADER;
      if (qd > 0) {
        t.text(p, 0, update ? "Zone" : "Queries");
        t.enter();
        for (int i = 0; i < qd; i++) {
          p = question(p);
          if (p < 0) {
            t.exit();
            return false;
          }
        }
        t.exit();
      }
      int[] counts = {an, ns, ar};
      String[] titles = update ? new String[] {"Prerequisites", "Updates", "Additional records"}
          : new String[] {"Answers", "Authoritative nameservers", "Additional records"};
      for (int k = 0; k < 3; k++) {
        if (counts[k] == 0) {
          continue;
        }
        t.text(p, 0, titles[k]);
        t.enter();
        for (int i = 0; i < counts[k]; i++) {
          p = record(p);
          if (p < 0) {
            t.exit();
            return false;
          }
        }
        t.exit();
      }
      int end = t.length();
      if (p < end && !tcp) {
        t.expert(EXTRANEOUS, p, end - p, null);
        t.enter();
        t.bytes(EXTRANEOUS_DATA, p, end - p);
        t.number(EXTRANEOUS_LENGTH, p, 0, end - p);
        t.exit();
      }
      switch (match) {
        case M_RESPONSE_TO -> {
          t.generated(RESPONSE_TO, t.annotation(A_FRAME));
          t.generated(TIME, t.annotation(A_TIME));
        }
        case M_RETRANSMITTED_REQUEST -> {
          t.generated(RETRANSMIT_REQUEST_IN, t.annotation(A_FRAME));
          t.generated(RETRANSMISSION, 1);
        }
        case M_RETRANSMITTED_RESPONSE -> {
          t.generated(RETRANSMIT_RESPONSE_IN, t.annotation(A_FRAME));
          t.generated(RETRANSMISSION, 1);
        }
        case M_UNSOLICITED -> t.generated(UNSOLICITED, 1);
        default -> { }
      }
      return true;
    }

    void flags(int flags, boolean response) {
      int at = base + 2;
      t.uint(FLAGS, at, 2);
      t.enter();
      t.uint(FLAGS_RESPONSE, at, 2);
      t.uint(FLAGS_OPCODE, at, 2);
      switch (flavor) {
        case LLMNR -> {
          t.uint(response ? FLAGS_CONFLICT_R : FLAGS_CONFLICT_Q, at, 2);
          t.uint(FLAGS_TRUNCATED, at, 2);
          t.uint(FLAGS_TENTATIVE, at, 2);
          if (response) {
            t.uint(FLAGS_RCODE, at, 2);
          }
        }
        default -> {
          if (response) {
            t.uint(FLAGS_AUTHORITATIVE, at, 2);
          }
          t.uint(FLAGS_TRUNCATED, at, 2);
          t.uint(FLAGS_RECDESIRED, at, 2);
          if (response) {
            t.uint(FLAGS_RECAVAIL, at, 2);
          }
          t.uint(FLAGS_Z, at, 2);
          if (response) {
            t.uint(FLAGS_AUTHENTICATED, at, 2);
          } else if (flavor == Flavor.DNS && (flags & 0x0020) != 0) {
            // tshark shows a query's AD bit (RFC 6840 §5.7) only when it is set.
            t.uint(FLAGS_AD, at, 2);
          }
          t.uint(FLAGS_CHECKDISABLE, at, 2);
          if (response) {
            t.uint(FLAGS_RCODE, at, 2);
          }
        }
      }
      t.exit();
    }

    /** One question at {@code p}; returns the offset after it, or -1. */
    int question(int p) {
      Name n = name(p);
      if (n == null || !t.has(p + n.wire, 4)) {
        return -1;
      }
      int q = p + n.wire;
      int type = t.u16(q);
      int cls = t.u16(q + 2);
      boolean mdns = flavor == Flavor.MDNS;
      String tn = typeShort(type);
      if (t.visiting()) {
        t.text(p, n.wire + 4, n.text + ": type " + tn + ", class " + className(cls & (mdns ? 0x7fff : 0xffff))
            + (mdns ? ((cls & 0x8000) != 0 ? ", \"QU\" question" : ", \"QM\" question") : ""));
      }
      t.enter();
      emitName(QRY_NAME, p, n);
      t.number(QRY_NAME_LEN, p, n.wire, n.textBytes);
      t.number(COUNT_LABELS, p, n.wire, n.labels);
      t.uint(QRY_TYPE, q, 2);
      if (mdns) {
        t.uint(QRY_CLASS_MDNS, q + 2, 2);
        t.uint(QRY_QU, q + 2, 2);
      } else {
        t.uint(QRY_CLASS, q + 2, 2);
      }
      t.exit();
      if (info != null) {
        info(" " + tn + " " + n.text);
      }
      if (mdns) {
        info((cls & 0x8000) != 0 ? ", \"QU\" question" : ", \"QM\" question");
      }
      return q + 4;
    }

    /** One resource record at {@code p}; returns the offset after it, or -1. */
    int record(int p) {
      Name n = name(p);
      if (n == null || !t.has(p + n.wire, 10)) {
        return -1;
      }
      int q = p + n.wire;
      int type = t.u16(q);
      int cls = t.u16(q + 2);
      long ttl = t.u32(q + 4);
      int rdlen = t.u16(q + 8);
      int rd = q + 10;
      if (!t.has(rd, rdlen)) {
        // tshark without a tree reads on to the data of a type it has no dissector for and
        // notes that before the overrun throws; with a tree the record's item throws first.
        if (info != null) {
          info(" " + typeShort(type)); // tshark's Info names the record before the overrun throws
        }
        if (rdlen > 0 && type != 41 && (type == 0 || !DnsValues.TYPES.containsKey((long) type))) {
          t.expert(UNDECODED_TYPE_UNTREED, rd, rdlen, "Dissector for DNS Type (" + type
              + ") code not implemented, Contact Wireshark developers if you want this supported");
        }
        return -1;
      }
      boolean mdns = flavor == Flavor.MDNS;
      boolean flush = mdns && (cls & 0x8000) != 0;
      String tn = typeShort(type);
      if (t.visiting()) {
        t.text(p, n.wire + 10 + rdlen, n.text + ": type " + tn
            + (type == 41 ? "" : ", class " + className(cls & (mdns ? 0x7fff : 0xffff)) + (flush ? ", cache flush" : "")));
      }
      t.enter();
      boolean srvName = false;
      if (type == 33) {
        int dot1 = n.text.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : n.text.indexOf('.', dot1 + 1);
        if (dot2 > 0) {
          t.object(SRV_SERVICE, p, n.wire, n.text.substring(0, dot1));
          t.object(SRV_PROTO, p, n.wire, n.text.substring(dot1 + 1, dot2));
          t.object(SRV_NAME, p, n.wire, n.text.substring(dot2 + 1));
          srvName = true;
        }
      }
      if (!srvName) {
        emitName(RESP_NAME, p, n);
      }
      t.uint(RESP_TYPE, q, 2);
      if (info != null) {
        info(" " + tn);
      }
      if (type == 41) {
        if (mdns) {
          t.uint(RR_UDP_PAYLOAD_SIZE_MDNS, q + 2, 2);
          t.uint(RESP_CACHE_FLUSH, q + 2, 2);
        } else {
          t.uint(RR_UDP_PAYLOAD_SIZE, q + 2, 2);
        }
        t.uint(RESP_EXT_RCODE, q + 4, 1);
        t.uint(RESP_EDNS0_VERSION, q + 5, 1);
        t.uint(RESP_Z, q + 6, 2);
        t.enter();
        t.uint(RESP_Z_DO, q + 6, 2);
        t.uint(RESP_Z_RESERVED, q + 6, 2);
        t.exit();
        t.uint(RESP_LEN, q + 8, 2);
        options(rd, rdlen);
      } else {
        if (mdns) {
          t.uint(RESP_CLASS_MDNS, q + 2, 2);
          t.uint(RESP_CACHE_FLUSH, q + 2, 2);
          if (flush) {
            info(", cache flush");
          }
        } else {
          t.uint(RESP_CLASS, q + 2, 2);
        }
        t.uint(RESP_TTL, q + 4, 4);
        if ((ttl & 0x80000000L) != 0) {
          t.expert(TTL_HIGH_BIT, q + 4, 4, null);
        }
        t.uint(RESP_LEN, q + 8, 2);
        if (rdlen > 0) {
          rdata(type, rd, rdlen);
        }
      }
      t.exit();
      return rd + rdlen;
    }

    void rdata(int type, int rd, int len) {
      int end = rd + len;
      switch (type) {
        case 1 -> {
          t.bytes(A, rd, 4);
          if (len >= 4) {
            if (info != null) {
              info(" " + Addresses.ipv4(t.data(), t.start() + rd));
            }
          }
        }
        case 28 -> {
          t.bytes(AAAA, rd, 16);
          if (len >= 16) {
            if (info != null) {
              info(" " + Addresses.ipv6(t.data(), t.start() + rd));
            }
          }
        }
        case 2, 5, 12, 39 -> {
          Field f = type == 2 ? NS : type == 5 ? CNAME : type == 12 ? PTR : DNAME;
          Name n = name(rd);
          if (n != null) {
            emitName(f, rd, n);
            if (info != null) {
              info(" " + n.text);
            }
          }
        }
        case 15 -> {
          int pref = t.u16(rd);
          t.uint(MX_PREFERENCE, rd, 2);
          Name n = name(rd + 2);
          if (n != null) {
            emitName(MX_EXCHANGE, rd + 2, n);
            if (info != null) {
              info(" " + pref + " " + n.text);
            }
          }
        }
        case 16, 99 -> {
          int p = rd;
          while (p < end) {
            int l = t.u8(p);
            t.uint(type == 16 ? TXT_LENGTH : SPF_LENGTH, p, 1);
            t.object(type == 16 ? TXT : SPF, p + 1, l, string(p + 1, Math.min(l, end - p - 1)));
            p += 1 + l;
          }
        }
        case 6 -> {
          Name m = name(rd);
          if (m == null) {
            return;
          }
          emitName(SOA_MNAME, rd, m);
          if (info != null) {
            info(" " + m.text);
          }
          Name r = name(rd + m.wire);
          if (r == null) {
            return;
          }
          emitName(SOA_RNAME, rd + m.wire, r);
          int p = rd + m.wire + r.wire;
          t.uint(SOA_SERIAL, p, 4);
          t.uint(SOA_REFRESH, p + 4, 4);
          t.uint(SOA_RETRY, p + 8, 4);
          t.uint(SOA_EXPIRE, p + 12, 4);
          t.uint(SOA_MINIMUM, p + 16, 4);
        }
        case 33 -> {
          int prio = t.u16(rd);
          int weight = t.u16(rd + 2);
          int port = t.u16(rd + 4);
          t.uint(SRV_PRIORITY, rd, 2);
          t.uint(SRV_WEIGHT, rd + 2, 2);
          t.uint(SRV_PORT, rd + 4, 2);
          Name n = name(rd + 6);
          if (n != null) {
            emitName(SRV_TARGET, rd + 6, n);
            if (info != null) {
              info(" " + prio + " " + weight + " " + port + " " + n.text);
            }
          }
        }
        case 257 -> caa(rd, end);
        case 64, 65 -> svcb(rd, end);
        case 43, 59 -> {
          t.uint(DS_KEY_ID, rd, 2);
          t.uint(DS_ALGORITHM, rd + 2, 1);
          t.uint(DS_DIGEST_TYPE, rd + 3, 1);
          t.bytes(DS_DIGEST, rd + 4, len - 4);
        }
        case 46 -> {
          t.uint(RRSIG_TYPE_COVERED, rd, 2);
          t.uint(RRSIG_ALGORITHM, rd + 2, 1);
          t.uint(RRSIG_LABELS, rd + 3, 1);
          t.uint(RRSIG_ORIGINAL_TTL, rd + 4, 4);
          t.number(RRSIG_EXPIRATION, rd + 8, 4, t.u32(rd + 8) * 1_000_000_000L);
          t.number(RRSIG_INCEPTION, rd + 12, 4, t.u32(rd + 12) * 1_000_000_000L);
          t.uint(RRSIG_KEY_TAG, rd + 16, 2);
          Name n = name(rd + 18);
          if (n != null) {
            emitName(RRSIG_SIGNERS_NAME, rd + 18, n);
            t.bytes(RRSIG_SIGNATURE, rd + 18 + n.wire, end - rd - 18 - n.wire);
          }
        }
        case 48, 60 -> {
          t.uint(DNSKEY_FLAGS, rd, 2);
          t.enter();
          t.uint(DNSKEY_ZONE_KEY, rd, 2);
          t.uint(DNSKEY_REVOKED, rd, 2);
          t.uint(DNSKEY_SEP, rd, 2);
          t.uint(DNSKEY_RESERVED, rd, 2);
          t.exit();
          t.uint(DNSKEY_PROTOCOL, rd + 2, 1);
          t.uint(DNSKEY_ALGORITHM, rd + 3, 1);
          if (t.has(rd, len)) {
            t.number(DNSKEY_KEY_ID, rd, 0, keyTag(rd, len));
          }
          t.bytes(DNSKEY_PUBLIC_KEY, rd + 4, len - 4);
        }
        case 47 -> {
          Name n = name(rd);
          if (n != null) {
            emitName(NSEC_NEXT, rd, n);
            if (info != null) {
              info(" " + n.text);
            }
            typeBitmaps(rd + n.wire, end);
          }
        }
        case 50, 51 -> {
          t.uint(NSEC3_ALGO, rd, 1);
          t.uint(NSEC3_FLAGS, rd + 1, 1);
          t.enter();
          t.uint(NSEC3_OPT_OUT, rd + 1, 1);
          t.exit();
          t.uint(NSEC3_ITERATIONS, rd + 2, 2);
          int salt = t.u8(rd + 4);
          t.uint(NSEC3_SALT_LENGTH, rd + 4, 1);
          bytesOrMissing(NSEC3_SALT_VALUE, rd + 5, salt);
          if (type == 50) {
            int h = rd + 5 + salt;
            int hl = t.u8(h);
            t.uint(NSEC3_HASH_LENGTH, h, 1);
            if (t.has(h + 1, hl)) {
              t.object(NSEC3_HASH_VALUE, h + 1, hl, base32hex(h + 1, hl));
            }
            typeBitmaps(h + 1 + hl, end);
          }
        }
        case 250 -> tsig(rd, end);
        default -> {
          if (type == 0 || !DnsValues.TYPES.containsKey((long) type)) {
            t.expert(UNDECODED_TYPE, rd, len, "Dissector for DNS Type (" + type
                + ") code not implemented, Contact Wireshark developers if you want this supported");
          }
          t.bytes(DATA, rd, len);
        }
      }
    }

    void options(int rd, int len) {
      int p = rd;
      int end = rd + len;
      while (p + 4 <= end) {
        int code = t.u16(p);
        int ol = t.u16(p + 2);
        String cn = DnsValues.OPT_CODES.get((long) code);
        t.object(OPT, p, Math.min(4 + ol, end - p), null);
        t.enter();
        t.uint(OPT_CODE, p, 2);
        t.uint(OPT_LEN, p + 2, 2);
        int d = p + 4;
        int dl = Math.min(ol, end - d);
        if (dl > 0) {
          t.bytes(OPT_DATA, d, dl);
        }
        switch (code) {
          case 8 -> {
            int family = t.u16(d);
            t.uint(OPT_CLIENT_FAMILY, d, 2);
            t.uint(OPT_CLIENT_NETMASK, d + 2, 1);
            t.uint(OPT_CLIENT_SCOPE, d + 3, 1);
            int al = dl - 4;
            if (al >= 0) {
              if (family == 1 && al <= 4) {
                byte[] a = new byte[4];
                System.arraycopy(t.data(), t.start() + d + 4, a, 0, al);
                t.object(OPT_CLIENT_ADDR4, d + 4, al, Addresses.ipv4(a, 0));
              } else if (family == 2 && al <= 16) {
                byte[] a = new byte[16];
                System.arraycopy(t.data(), t.start() + d + 4, a, 0, al);
                t.object(OPT_CLIENT_ADDR6, d + 4, al, Addresses.ipv6(a, 0));
              } else {
                t.bytes(OPT_CLIENT_ADDR, d + 4, al);
              }
            }
          }
          case 10 -> {
            t.bytes(OPT_COOKIE_CLIENT, d, Math.min(8, dl));
            if (dl > 8) {
              t.bytes(OPT_COOKIE_SERVER, d + 8, dl - 8);
            } else {
              bytesOrMissing(OPT_COOKIE_SERVER, d + Math.min(8, dl), 0);
            }
          }
          case 11 -> {
            if (dl >= 2) {
              t.uint(OPT_KEEPALIVE, d, 2);
            }
          }
          case 12 -> t.bytes(OPT_PADDING, d, dl);
          case 15 -> {
            t.uint(OPT_EXT_ERROR_CODE, d, 2);
            if (dl > 2) {
              t.object(OPT_EXT_ERROR_TEXT, d + 2, dl - 2, string(d + 2, dl - 2));
            }
          }
          default -> { }
        }
        t.exit();
        if (cn == null) {
          cn = "Unknown";
        }
        p = d + ol;
      }
    }

    void caa(int rd, int end) {
      t.uint(CAA_FLAGS, rd, 1);
      t.enter();
      t.uint(CAA_ISSUER_CRITICAL, rd, 1);
      t.exit();
      int tl = t.u8(rd + 1);
      t.uint(CAA_TAG_LENGTH, rd + 1, 1);
      String tag = string(rd + 2, Math.max(0, Math.min(tl, end - rd - 2)));
      t.object(CAA_TAG, rd + 2, tl, tag);
      int v = rd + 2 + tl;
      int vl = end - v;
      if (vl < 0) {
        return;
      }
      String value = string(v, vl);
      Field f = switch (tag) {
        case "issue" -> CAA_ISSUE;
        case "issuewild" -> CAA_ISSUEWILD;
        case "iodef" -> CAA_IODEF;
        default -> CAA_UNKNOWN;
      };
      t.object(f, v, vl, value);
      t.object(CAA_VALUE, v, vl, value);
    }

    void svcb(int rd, int end) {
      t.uint(SVCB_PRIORITY, rd, 2);
      Name n = name(rd + 2);
      if (n == null) {
        return;
      }
      emitName(SVCB_TARGET, rd + 2, n);
      int p = rd + 2 + n.wire;
      while (p + 4 <= end) {
        int key = t.u16(p);
        int vl = t.u16(p + 2);
        t.object(SVCB_PARAM, p, Math.min(4 + vl, end - p), null);
        t.enter();
        t.uint(SVCB_KEY, p, 2);
        t.uint(SVCB_VALUE_LENGTH, p + 2, 2);
        int v = p + 4;
        int ve = Math.min(v + vl, end);
        switch (key) {
          case 0 -> {
            for (int k = v; k + 2 <= ve; k += 2) {
              t.uint(SVCB_MANDATORY_KEY, k, 2);
            }
          }
          case 1 -> {
            int k = v;
            while (k < ve) {
              int l = t.u8(k);
              t.uint(SVCB_ALPN_LENGTH, k, 1);
              t.object(SVCB_ALPN, k + 1, l, string(k + 1, Math.max(0, Math.min(l, ve - k - 1))));
              k += 1 + l;
            }
          }
          case 2 -> { }
          case 3 -> t.uint(SVCB_PORT, v, 2);
          case 4 -> {
            for (int k = v; k + 4 <= ve; k += 4) {
              t.bytes(SVCB_IPV4HINT, k, 4);
            }
          }
          case 5 -> t.bytes(SVCB_ECHCONFIG, v, ve - v);
          case 6 -> {
            for (int k = v; k + 16 <= ve; k += 16) {
              t.bytes(SVCB_IPV6HINT, k, 16);
            }
          }
          default -> t.bytes(SVCB_VALUE, v, ve - v);
        }
        t.exit();
        p = v + vl;
      }
    }

    void tsig(int rd, int end) {
      Name alg = name(rd);
      if (alg == null) {
        return;
      }
      emitName(TSIG_ALGORITHM, rd, alg);
      int p = rd + alg.wire;
      long secs = (long) t.u16(p) << 32 | t.u32(p + 2);
      t.number(TSIG_TIME_SIGNED, p, 6, secs * 1_000_000_000L);
      t.uint(TSIG_FUDGE, p + 6, 2);
      int macSize = t.u16(p + 8);
      t.uint(TSIG_MAC_SIZE, p + 8, 2);
      int m = p + 10;
      if (macSize > 0) {
        t.object(TSIG_MAC, m, macSize, null);
        t.enter();
        t.expert(TSIG_NOALG, m, macSize, "No dissector for algorithm:" + alg.text);
        t.exit();
      }
      int q = m + macSize;
      t.uint(TSIG_ORIGINAL_ID, q, 2);
      t.uint(TSIG_ERROR, q + 2, 2);
      int ol = t.u16(q + 4);
      t.uint(TSIG_OTHER_LEN, q + 4, 2);
      if (ol > 0) {
        t.bytes(TSIG_OTHER_DATA, q + 6, ol);
      }
    }

    /** RFC 4034 Appendix B: the key tag of the DNSKEY RDATA at {@code rd}. */
    long keyTag(int rd, int len) {
      if (t.u8(rd + 3) == 1) {
        // Algorithm 1 (RSA/MD5): the third-to-last and second-to-last octets of the key.
        return len >= 4 ? t.u16(rd + len - 3) : 0;
      }
      long ac = 0;
      for (int i = 0; i < len; i++) {
        int v = t.u8(rd + i);
        ac += (i & 1) != 0 ? v : (long) v << 8;
      }
      ac += (ac >> 16) & 0xffff;
      return ac & 0xffff;
    }

    /** RFC 4648 §7 base32 with the extended hex alphabet, lower case, no padding (RFC 5155 §3.3). */
    String base32hex(int rel, int len) {
      String alphabet = "0123456789abcdefghijklmnopqrstuv";
      StringBuilder sb = new StringBuilder();
      int buffer = 0;
      int bits = 0;
      for (int i = 0; i < len; i++) {
        buffer = buffer << 8 | t.u8(rel + i);
        bits += 8;
        while (bits >= 5) {
          sb.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
          bits -= 5;
        }
      }
      if (bits > 0) {
        sb.append(alphabet.charAt((buffer << (5 - bits)) & 31));
      }
      return sb.toString();
    }

    /** An empty byte field prints as tshark's "<MISSING>". */
    void bytesOrMissing(Field f, int rel, int len) {
      if (len == 0) {
        t.object(f, rel, 0, "<MISSING>");
      } else {
        t.bytes(f, rel, len);
      }
    }

    /** RFC 4034 §4.1.2: the types of an NSEC (or NSEC3) type bitmap, each as a {@code dns.resp.type}. */
    void typeBitmaps(int p, int end) {
      while (p + 2 <= end) {
        int window = t.u8(p);
        int blen = t.u8(p + 1);
        p += 2;
        for (int i = 0; i < blen && p + i < end; i++) {
          int v = t.u8(p + i);
          for (int bit = 0; bit < 8; bit++) {
            if ((v & (0x80 >> bit)) != 0) {
              t.number(RESP_TYPE, p + i, 1, window << 8 | i << 3 | bit);
            }
          }
        }
        p += blen;
      }
    }

    String string(int rel, int len) {
      if (len <= 0 || !t.has(rel, len)) {
        return "";
      }
      return new String(t.data(), t.start() + rel, len, StandardCharsets.UTF_8);
    }
  }

  /** Walks the layer; {@code info} collects the Info text when not null. False when malformed. */
  boolean walk(Tree t, StringBuilder info) {
    int base = (t.annotation(A_FLAGS) & F_TCP) != 0 ? 2 : 0;
    return new Walker(t, info, base).run();
  }

  private static byte[] rawName(DnsName n) {
    int len = -1;
    for (String l : n.labels()) {
      len += 1 + l.length();
    }
    byte[] out = new byte[Math.max(0, len)];
    int k = 0;
    for (String l : n.labels()) {
      if (k > 0) {
        out[k++] = '.';
      }
      for (int i = 0; i < l.length(); i++) {
        out[k++] = (byte) l.charAt(i);
      }
    }
    return out;
  }

  /** The mnemonic tshark's Info column uses for a TYPE. */
  static String typeShort(int type) {
    if (type == 255) {
      return "ANY";
    }
    String label = DnsValues.TYPES.get((long) type);
    if (label == null) {
      return "Unknown (" + type + ")";
    }
    int sp = label.indexOf(' ');
    return sp < 0 ? label : label.substring(0, sp);
  }

  private static String typeLabel(long type) {
    return DnsValues.TYPES.get(type);
  }

  private static String className(int cls) {
    String c = DnsValues.CLASSES.get((long) cls);
    return c != null ? c : String.format("Unknown (0x%04x)", cls);
  }
}

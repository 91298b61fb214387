package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Expert.Severity;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Addresses;
import io.netsift.core.field.Base;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * Protocol Independent Multicast version 2, <a href="https://www.rfc-editor.org/rfc/rfc7761">RFC
 * 7761</a> (with RFC 5015 bidirectional DF election and RFC 5059 bootstrap).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |PIM Ver| Type  |   Reserved    |           Checksum            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Hello options, or encoded unicast / group / source addresses |
 * |  (family, encoding type, [flags, mask length,] address) ...    |
 * </pre>
 *
 * A Register carries the multicast data packet it tunnels to the RP; that packet is dissected
 * as further layers, and, as in tshark, only its addresses reach the summary columns: Protocol
 * and Info stay PIM's ({@link Columns#freezeProtocolAndInfo()}). Checksums are verified, over
 * the whole message or, for a Register, its first 8 bytes (RFC 7761 section 4.9.3), with the
 * IPv6 pseudo-header over IPv6.
 */
public final class PimDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> TYPES = ValueNames.parse(
      """
      0=Hello|1=Register|2=Register-stop|3=Join/Prune|4=Bootstrap|5=Assert|6=Graft|7=Graft-Ack|
      8=Candidate-RP-Advertisement|9=State-Refresh|10=DF election|11=ECMP redirect|12=PFM source discovery
      """);

  public static final Field VERSION = Field.u8("pim.version", "Version").mask(0xf0, 8);
  public static final Field TYPE = Field.u8("pim.type", "Type").mask(0x0f, 8).labels(TYPES);
  public static final Field DF_ELECT_SUBTYPE = Field.u8("pim.df_elect.subtype", "DF Subtype").mask(0xf0, 8)
      .labels(ValueNames.parse("1=offer|2=DF Winner|3=DF Backoff|4=DF Pass"));
  public static final Field DF_ELECT_RSVD = Field.u8("pim.df_elect.rsvd", "DF reserved").mask(0x0f, 8);
  public static final Field CKSUM = Field.u16("pim.cksum", "Checksum").hex();
  public static final Field CKSUM_STATUS = Field.u8("pim.cksum.status", "Checksum Status").base(Base.NONE)
      .labels(Checksums::statusName);
  public static final Field RES_BYTES = Field.bytes("pim.res_bytes", "Reserved byte(s)");
  public static final Field OPTION = Field.none("pim.option", "PIM Options");
  public static final Field OPTIONTYPE = Field.u16("pim.optiontype", "Type");
  public static final Field OPTIONLENGTH = Field.u16("pim.optionlength", "Length");
  public static final Field OPTIONVALUE = Field.bytes("pim.optionvalue", "Unknown");
  public static final Field REGISTER_FLAG = Field.u32("pim.register_flag", "Flags").hex();
  public static final Field REGISTER_FLAG_BORDER = Field.bool("pim.register_flag.border", "Border")
      .mask(0x80000000L, 32).states("Yes", "No");
  public static final Field REGISTER_FLAG_NULL_REGISTER = Field.bool("pim.register_flag.null_register",
      "Null-Register").mask(0x40000000L, 32).states("Yes", "No");
  public static final Field HOLDTIME = Field.u16("pim.holdtime", "Holdtime")
      .blurb("The amount of time a receiver must keep the neighbor reachable, in seconds.");
  public static final Field NUMGROUPS = Field.u16("pim.numgroups", "Num Groups")
      .blurb("Number of multicast group sets contained in the message.");
  public static final Field NUMJOINS = Field.u16("pim.numjoins", "Num Joins").blurb("Number of joined sources.");
  public static final Field NUMPRUNES = Field.u16("pim.numprunes", "Num Prunes").blurb("Number of pruned sources.");
  public static final Field T = Field.bool("pim.t", "T").mask(0x80, 8)
      .blurb("Specifies the ability of the sending router to disable joins suppression.");
  public static final Field PROPAGATION_DELAY = Field.u16("pim.propagation_delay", "Propagation Delay")
      .mask(0x7fff, 16).blurb("Units are milli-seconds");
  public static final Field OVERRIDE_INTERVAL = Field.u16("pim.override_interval", "Override Interval")
      .blurb("Units are milli-seconds");
  public static final Field DR_PRIORITY = Field.u32("pim.dr_priority", "DR Priority");
  public static final Field GENERATION_ID = Field.u32("pim.generation_id", "Generation ID");
  public static final Field RPT = Field.bool("pim.rpt", "RP Tree").mask(0x80, 8)
      .blurb("Set to 1 for assert(*,G) messages and 0 for assert(S,G) messages.");
  public static final Field METRIC_PREF = Field.u32("pim.metric_pref", "Metric Preference").mask(0x7fffffffL, 32);
  public static final Field METRIC = Field.u32("pim.metric", "Metric");
  public static final Field IP_VERSION = Field.u8("pim.ip_version", "IP Version").mask(0xf0, 8)
      .labels(ValueNames.parse("0=Dummy Header|4=IPv4|6=IPv6"));
  public static final Field SOURCE = Field.ipv4("pim.source", "Source");
  public static final Field SOURCE_IP6 = Field.ipv6("pim.source_ip6", "Source");
  public static final Field GROUP = Field.ipv4("pim.group", "Group");
  public static final Field GROUP_IP6 = Field.ipv6("pim.group_ip6", "Group");
  public static final Field UPSTREAM_NEIGHBOR = Field.ipv4("pim.upstream_neighbor", "Upstream-neighbor");
  public static final Field UPSTREAM_NEIGHBOR_IP6 = Field.ipv6("pim.upstream_neighbor_ip6", "Upstream-neighbor");
  public static final Field JOIN_IP = Field.ipv4("pim.join_ip", "IP address");
  public static final Field JOIN_IP6 = Field.ipv6("pim.join_ip6", "IP address");
  public static final Field PRUNE_IP = Field.ipv4("pim.prune_ip", "IP address");
  public static final Field PRUNE_IP6 = Field.ipv6("pim.prune_ip6", "IP address");
  public static final Field ADDRESS_LIST = Field.ipv4("pim.address_list", "Address");
  public static final Field ADDRESS_LIST_IP6 = Field.ipv6("pim.address_list_ip6", "Address");
  public static final Field BSR = Field.ipv4("pim.bsr", "BSR");
  public static final Field BSR_IP6 = Field.ipv6("pim.bsr_ip6", "BSR");
  public static final Field RP = Field.ipv4("pim.rp", "RP");
  public static final Field RP_IP6 = Field.ipv6("pim.rp_ip6", "RP");
  public static final Field FRAGMENT_TAG = Field.u16("pim.fragment_tag", "Fragment tag").hex();
  public static final Field HASH_MASK_LEN = Field.u8("pim.hash_mask_len", "Hash mask len");
  public static final Field BSR_PRIORITY = Field.u8("pim.bsr_priority", "BSR priority");
  public static final Field RP_COUNT = Field.u8("pim.rp_count", "RP count");
  public static final Field FRP_COUNT = Field.u8("pim.frp_count", "FRP count");
  public static final Field PRIORITY = Field.u8("pim.priority", "Priority");
  public static final Field PREFIX_COUNT = Field.u8("pim.prefix_count", "Prefix-count");
  public static final Field MASK_LEN = Field.u8("pim.mask_len", "Masklen");
  public static final Field ADDR_ADDRESS_FAMILY = Field.u8("pim.addr_address_family", "Address Family")
      .labels(ValueNames.parse("0=Reserved|1=IPv4|2=IPv6|3=NSAP"));
  public static final Field ADDR_ENCODING_TYPE = Field.u8("pim.addr_encoding_type", "Encoding Type")
      .labels(ValueNames.parse("0=Native|1=Native with Join Attribute"));
  public static final Field UNICAST = Field.ipv4("pim.unicast", "Unicast");
  public static final Field UNICAST_IPV6 = Field.ipv6("pim.unicast_ipv6", "Unicast");
  public static final Field GROUP_SET = Field.string("pim.group_set", "Group");
  public static final Field GROUP_ADDR_FLAGS = Field.u8("pim.group_addr.flags", "Flags").hex();
  public static final Field GROUP_ADDR_FLAGS_B = Field.bool("pim.group_addr.flags.b", "Bidirectional PIM")
      .mask(0x80, 8).states("Set", "Not set");
  public static final Field GROUP_ADDR_FLAGS_RESERVED = Field.u8("pim.group_addr.flags.reserved", "Reserved").hex()
      .mask(0x7e, 8);
  public static final Field GROUP_ADDR_FLAGS_Z = Field.bool("pim.group_addr.flags.z", "Admin Scope Zone")
      .mask(0x01, 8).states("Set", "Not set");
  public static final Field SOURCE_ADDR_FLAGS = Field.u8("pim.source_addr.flags", "Flags").hex();
  public static final Field SOURCE_ADDR_FLAGS_RESERVED = Field.u8("pim.source_addr.flags.reserved", "Reserved").hex()
      .mask(0xf8, 8);
  public static final Field SOURCE_ADDR_FLAGS_S = Field.bool("pim.source_addr.flags.s", "Sparse").mask(0x04, 8)
      .states("Set", "Not set");
  public static final Field SOURCE_ADDR_FLAGS_W = Field.bool("pim.source_addr.flags.w", "WildCard").mask(0x02, 8)
      .states("Set", "Not set");
  public static final Field SOURCE_ADDR_FLAGS_R = Field.bool("pim.source_addr.flags.r", "Rendezvous Point Tree")
      .mask(0x01, 8).states("Set", "Not set");

  static final Expert BAD_CHECKSUM = new Expert("pim.bad_checksum", Severity.ERROR, "Checksum", "Bad checksum");

  private static final int HEADER = 4;
  private static final int HELLO = 0;
  private static final int REGISTER = 1;
  private static final int REGISTER_STOP = 2;
  private static final int JOIN_PRUNE = 3;
  private static final int BOOTSTRAP = 4;
  private static final int ASSERT = 5;
  private static final int GRAFT = 6;
  private static final int GRAFT_ACK = 7;
  private static final int CANDIDATE_RP = 8;
  private static final int DF_ELECTION = 10;
  private static final int PROTOCOL = 103;
  /** RFC 7761 section 4.9.3: a Register's checksum covers its PIM header and flags only. */
  private static final int REGISTER_SUMMED = 8;

  private static final int A_STATUS = 0;
  private static final int A_COUNT = 1;

  public PimDissector() {
    super("pim", "Protocol Independent Multicast", "PIM");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.IP_PROTO, PROTOCOL, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    d.annotate(layer, A_COUNT);
    d.payload(end, end);
    d.setAnnotation(layer, A_STATUS, Checksums.UNVERIFIED);
    if (end - s < HEADER) {
      // A Null-Register's empty inner packet still names PIM; tshark's dissector then fails.
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    byte[] b = d.data();
    int type = Bytes.u8(b, s) & 0x0f;
    int ip = EnclosingIp.find(d, layer);
    int reported = EnclosingIp.reportedEnd(d, ip, end) - s;
    int summed = type == REGISTER ? Math.min(REGISTER_SUMMED, reported) : reported;
    if (end - s >= summed && !EnclosingIp.inErrorPacket(d, layer)) {
      int sum = EnclosingIp.onesSum(b, s, summed, 0);
      if (ip >= 0 && EnclosingIp.isV6(d, ip)) {
        sum = EnclosingIp.fold(sum + EnclosingIp.pseudoHeaderSum(d, ip, PROTOCOL, summed));
      }
      int status = sum == 0xffff ? Checksums.GOOD : Checksums.BAD;
      d.setAnnotation(layer, A_STATUS, status);
      if (status == Checksums.BAD) {
        int without = EnclosingIp.fold(sum + (~Bytes.u16(b, s + 2) & 0xffff));
        d.expert(layer, BAD_CHECKSUM, s + 2, 0, String.format("Bad checksum [should be 0x%04x]", ~without & 0xffff));
      }
    }
    if (type == REGISTER && end - s > 8) {
      int version = Bytes.u8(b, s + 8) >> 4;
      d.payload(s + 8, end);
      return version == 4 ? d.protocols().byName("ip") : version == 6 ? d.protocols().byName("ipv6") : null;
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    int type = t.u8(0) & 0x0f;
    t.uint(VERSION, 0, 1);
    t.uint(TYPE, 0, 1);
    if (type == DF_ELECTION) {
      t.uint(DF_ELECT_SUBTYPE, 1, 1);
      t.uint(DF_ELECT_RSVD, 1, 1);
    }
    t.uint(CKSUM, 2, 2);
    long status = t.annotation(A_STATUS);
    t.number(CKSUM_STATUS, 2, 0, status);
    if (type != DF_ELECTION) {
      t.bytes(RES_BYTES, 1, 1);
    }
    int end = t.length();
    if (end <= HEADER) {
      return;
    }
    int at = HEADER;
    if (type == HELLO) {
      hello(t, at, end);
      return;
    }
    t.object(OPTION, at, end - at, null);
    t.enter();
    switch (type) {
      case REGISTER:
        t.uint(REGISTER_FLAG, at, 4);
        t.enter();
        t.uint(REGISTER_FLAG_BORDER, at, 4);
        t.uint(REGISTER_FLAG_NULL_REGISTER, at, 4);
        t.exit();
        t.uint(IP_VERSION, at + 4, 1);
        break;
      case REGISTER_STOP:
        at = group(t, at, GROUP, GROUP_IP6, "Group");
        unicast(t, at, SOURCE, SOURCE_IP6);
        break;
      case JOIN_PRUNE:
      case GRAFT:
      case GRAFT_ACK:
        joinPrune(t, at, end);
        break;
      case BOOTSTRAP:
        bootstrap(t, at, end);
        break;
      case ASSERT:
        at = group(t, at, GROUP, GROUP_IP6, "Group");
        at = unicast(t, at, SOURCE, SOURCE_IP6);
        t.uint(RPT, at, 1);
        t.uint(METRIC_PREF, at, 4);
        t.uint(METRIC, at + 4, 4);
        break;
      case CANDIDATE_RP: {
        int prefixes = (int) t.uint(PREFIX_COUNT, at, 1);
        t.uint(PRIORITY, at + 1, 1);
        t.uint(HOLDTIME, at + 2, 2);
        at = unicast(t, at + 4, RP, RP_IP6);
        for (int i = 0; i < prefixes && at < end; i++) {
          at = group(t, at, GROUP, GROUP_IP6, "Group " + i);
        }
        break;
      }
      case DF_ELECTION:
        at = unicast(t, at, RP, RP_IP6);
        t.uint(METRIC_PREF, at, 4);
        t.uint(METRIC, at + 4, 4);
        break;
      default:
        break;
    }
    t.exit();
  }

  private void hello(Tree t, int at, int end) {
    t.object(OPTION, at, end - at, null);
    t.enter();
    for (int p = at; p + 4 <= end; ) {
      int type = t.u16(p);
      int len = t.u16(p + 2);
      t.text(p, Math.min(4 + len, end - p), "Option " + type);
      t.enter();
      t.uint(OPTIONTYPE, p, 2);
      t.uint(OPTIONLENGTH, p + 2, 2);
      int v = p + 4;
      switch (type) {
        case 1:
          t.uint(HOLDTIME, v, 2);
          break;
        case 2:
          t.uint(T, v, 1);
          t.uint(PROPAGATION_DELAY, v, 2);
          t.uint(OVERRIDE_INTERVAL, v + 2, 2);
          break;
        case 19:
          t.uint(DR_PRIORITY, v, 4);
          break;
        case 20:
          t.uint(GENERATION_ID, v, 4);
          break;
        case 21:
        case 22:
          break;
        case 24:
        case 65001:
          t.text(v, len, "Address List (" + type + ")");
          t.enter();
          for (int q = v; q + 2 <= v + len && q < end; ) {
            int next = unicast(t, q, ADDRESS_LIST, ADDRESS_LIST_IP6);
            if (next <= q) {
              break;
            }
            q = next;
          }
          t.exit();
          break;
        default:
          if (len > 0) {
            t.bytes(OPTIONVALUE, v, len);
          }
          break;
      }
      t.exit();
      p += 4 + len;
    }
    t.exit();
  }

  private void joinPrune(Tree t, int at, int end) {
    at = unicast(t, at, UPSTREAM_NEIGHBOR, UPSTREAM_NEIGHBOR_IP6);
    t.bytes(RES_BYTES, at, 1);
    int groups = (int) t.uint(NUMGROUPS, at + 1, 1);
    t.uint(HOLDTIME, at + 2, 2);
    at += 4;
    for (int g = 0; g < groups && at < end && t.has(at, 2); g++) {
      int start = at;
      int p = at + addressLength(t, at, 4);
      int joins = t.u16(p);
      int prunes = t.u16(p + 2);
      int sourceLength = addressLength(t, p + 4, 4);
      int setEnd = Math.min(end, p + 4 + (joins + prunes) * sourceLength);
      t.object(GROUP_SET, start, setEnd - start, "");
      t.enter();
      at = group(t, at, GROUP, GROUP_IP6, "Group " + g);
      t.uint(NUMJOINS, at, 2);
      t.uint(NUMPRUNES, at + 2, 2);
      at += 4;
      for (int i = 0; i < joins && at < end; i++) {
        at = source(t, at, JOIN_IP, JOIN_IP6);
      }
      for (int i = 0; i < prunes && at < end; i++) {
        at = source(t, at, PRUNE_IP, PRUNE_IP6);
      }
      t.exit();
    }
  }

  private void bootstrap(Tree t, int at, int end) {
    t.uint(FRAGMENT_TAG, at, 2);
    t.uint(HASH_MASK_LEN, at + 2, 1);
    t.uint(BSR_PRIORITY, at + 3, 1);
    at = unicast(t, at + 4, BSR, BSR_IP6);
    for (int g = 0; at < end && t.has(at, 2); g++) {
      at = group(t, at, GROUP, GROUP_IP6, "Group " + g);
      int rps = (int) t.uint(RP_COUNT, at, 1);
      t.uint(FRP_COUNT, at + 1, 1);
      at += 4;
      for (int r = 0; r < rps && at < end; r++) {
        at = unicast(t, at, RP, RP_IP6);
        t.uint(HOLDTIME, at, 2);
        t.uint(PRIORITY, at + 2, 1);
        t.bytes(RES_BYTES, at + 3, 1);
        at += 4;
      }
    }
  }

  /** Bytes of an encoded address at {@code at} whose address follows {@code fixed} header bytes. */
  private static int addressLength(Tree t, int at, int fixed) {
    int family = t.u8(at);
    return fixed + (family == 2 ? 16 : 4);
  }

  /** An Encoded-Unicast address (RFC 7761 section 4.9.1): family, encoding type, address. */
  private static int unicast(Tree t, int at, Field v4, Field v6) {
    boolean six = t.u8(at) == 2;
    int len = six ? 16 : 4;
    t.bytes(six ? v6 : v4, at + 2, len);
    // The item spans the encoding; its value is the address.
    t.enter();
    t.uint(ADDR_ADDRESS_FAMILY, at, 1);
    t.uint(ADDR_ENCODING_TYPE, at + 1, 1);
    t.bytes(six ? UNICAST_IPV6 : UNICAST, at + 2, len);
    t.exit();
    return at + 2 + len;
  }

  /** An Encoded-Group address: family, encoding type, flags, mask length, group address. */
  private static int group(Tree t, int at, Field v4, Field v6, String label) {
    boolean six = t.u8(at) == 2;
    int len = six ? 16 : 4;
    t.bytes(six ? v6 : v4, at + 4, len);
    t.enter();
    t.uint(ADDR_ADDRESS_FAMILY, at, 1);
    t.uint(ADDR_ENCODING_TYPE, at + 1, 1);
    t.uint(GROUP_ADDR_FLAGS, at + 2, 1);
    t.enter();
    t.uint(GROUP_ADDR_FLAGS_B, at + 2, 1);
    t.uint(GROUP_ADDR_FLAGS_RESERVED, at + 2, 1);
    t.uint(GROUP_ADDR_FLAGS_Z, at + 2, 1);
    t.exit();
    t.uint(MASK_LEN, at + 3, 1);
    t.bytes(six ? GROUP_IP6 : GROUP, at + 4, len);
    t.exit();
    return at + 4 + len;
  }

  /** An Encoded-Source address: family, encoding type, flags (S, W, R), mask length, address. */
  private static int source(Tree t, int at, Field v4, Field v6) {
    boolean six = t.u8(at) == 2;
    int len = six ? 16 : 4;
    t.bytes(six ? v6 : v4, at + 4, len);
    t.enter();
    t.uint(ADDR_ADDRESS_FAMILY, at, 1);
    t.uint(ADDR_ENCODING_TYPE, at + 1, 1);
    t.uint(SOURCE_ADDR_FLAGS, at + 2, 1);
    t.enter();
    t.uint(SOURCE_ADDR_FLAGS_RESERVED, at + 2, 1);
    t.uint(SOURCE_ADDR_FLAGS_S, at + 2, 1);
    t.uint(SOURCE_ADDR_FLAGS_W, at + 2, 1);
    t.uint(SOURCE_ADDR_FLAGS_R, at + 2, 1);
    t.exit();
    t.uint(MASK_LEN, at + 3, 1);
    t.bytes(six ? SOURCE_IP6 : SOURCE, at + 4, len);
    t.exit();
    return at + 4 + len;
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = "PIMv" + (t.u8(0) >> 4);
    c.info.setLength(0);
    if (!t.has(0, 1)) {
      return;
    }
    String name = TYPES.get((long) (t.u8(0) & 0x0f));
    c.info.append(name != null ? name : "Unknown");
    if ((t.u8(0) & 0x0f) == REGISTER) {
      // The tunnelled packet's layers may set the addresses, not Protocol and Info.
      c.freezeProtocolAndInfo();
    }
  }
}

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
 * Cisco's Enhanced Interior Gateway Routing Protocol (<a href="https://www.rfc-editor.org/rfc/rfc7868">RFC
 * 7868</a>), IP protocol 88: a 20-byte header, then TLVs (two-byte type, two-byte length counting
 * the header).
 *
 * <pre>
 * | version | opcode | checksum (2) | flags (4) | sequence (4) | ack (4) | VRID (2) | AS (2) |
 * </pre>
 *
 * The general TLVs (parameters, sequence, software version, next multicast sequence) and the
 * classic IPv4 route TLVs (next hop, legacy metric, then prefix length and destination prefix,
 * repeated) are dissected; other TLVs show type and length. A hello carrying an acknowledgement is
 * "Hello (Ack)" in the Info column, as tshark names it.
 */
public final class EigrpDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> OPCODES = ValueNames.parse(
      "1=Update|2=Request|3=Query|4=Reply|5=Hello|6=IPX/SAP Update|7=Route Probe|8=Hello (Ack)|9=Stub-Info|"
          + "10=SIA-Query|11=SIA-Reply");
  private static final Map<Long, String> TLVS = ValueNames.parse(
      "0x0001=Parameters|0x0002=Authentication|0x0003=Sequence|0x0004=Software Version|"
          + "0x0005=Next multicast sequence|0x0006=Peer Stub Information|0x0007=Peer Termination|"
          + "0x0008=Peer Topology ID List|0x0102=Internal Route(IPv4)|0x0103=External Route(IPv4)|"
          + "0x0104=Community(IPv4)|0x0402=Internal Route(IPv6)|0x0403=External Route(IPv6)|"
          + "0x0404=Community(IPv6)");

  public static final Field VERSION = Field.u8("eigrp.version", "Version")
      .blurb("Version - Version of EIGRP packet format");
  public static final Field OPCODE = Field.u8("eigrp.opcode", "Opcode").labels(OPCODES)
      .blurb("Opcode - Operation code indicating the message type");
  public static final Field CHECKSUM = Field.u16("eigrp.checksum", "Checksum").hex();
  public static final Field CHECKSUM_STATUS = Field.u8("eigrp.checksum.status", "Checksum Status")
      .base(Base.NONE).labels(Checksums::statusName);
  public static final Field FLAGS = Field.u32("eigrp.flags", "Flags").hex();
  public static final Field FLAG_INIT = Field.bool("eigrp.flags.init", "Init").mask(0x1, 32).states("Set", "Not set");
  public static final Field FLAG_CR = Field.bool("eigrp.flags.condrecv", "Conditional Receive").mask(0x2, 32)
      .states("Set", "Not set");
  public static final Field FLAG_RS = Field.bool("eigrp.flags.restart", "Restart").mask(0x4, 32)
      .states("Set", "Not set");
  public static final Field FLAG_EOT = Field.bool("eigrp.flags.eot", "End Of Table").mask(0x8, 32)
      .states("Set", "Not set");
  public static final Field SEQ = Field.u32("eigrp.seq", "Sequence");
  public static final Field ACK = Field.u32("eigrp.ack", "Acknowledge");
  public static final Field VRID = Field.u16("eigrp.vrid", "Virtual Router ID");
  public static final Field AS = Field.u16("eigrp.as", "Autonomous System");
  public static final Field TLV_TYPE = Field.u16("eigrp.tlv_type", "Type").hex().labels(TLVS);
  public static final Field TLV_LEN = Field.u16("eigrp.tlv.len", "Length");
  public static final Field K1 = Field.u8("eigrp.par.k1", "K1");
  public static final Field K2 = Field.u8("eigrp.par.k2", "K2");
  public static final Field K3 = Field.u8("eigrp.par.k3", "K3");
  public static final Field K4 = Field.u8("eigrp.par.k4", "K4");
  public static final Field K5 = Field.u8("eigrp.par.k5", "K5");
  public static final Field K6 = Field.u8("eigrp.par.k6", "K6");
  public static final Field HOLDTIME = Field.u16("eigrp.par.holdtime", "Hold Time");
  public static final Field SEQ_ADDRLEN = Field.u8("eigrp.seq.addrlen", "Address length");
  public static final Field SEQ_IPV4ADDR = Field.ipv4("eigrp.seq.ipv4addr", "IP Address");
  public static final Field SEQ_IPV6ADDR = Field.ipv6("eigrp.seq.ipv6addr", "IPv6 Address");
  public static final Field NEXT_MCAST_SEQ = Field.u32("eigrp.next_mcast_seq", "Multicast Sequence");
  public static final Field RELEASE_VERSION = Field.u16("eigrp.release_version", "EIGRP Release")
      .shown(EigrpDissector::version);
  public static final Field TLV_VERSION = Field.u16("eigrp.tlv_version", "EIGRP TLV version")
      .shown(EigrpDissector::version);
  public static final Field IPV4_NEXTHOP = Field.ipv4("eigrp.ipv4.nexthop", "NextHop");
  public static final Field DELAY = Field.u32("eigrp.old_metric.delay", "Scaled Delay");
  public static final Field BW = Field.u32("eigrp.old_metric.bw", "Scaled BW");
  public static final Field MTU = Field.u24("eigrp.old_metric.mtu", "MTU");
  public static final Field HOPCOUNT = Field.u8("eigrp.old_metric.hopcount", "Hop Count");
  public static final Field REL = Field.u8("eigrp.old_metric.rel", "Reliability");
  public static final Field LOAD = Field.u8("eigrp.old_metric.load", "Load");
  public static final Field INTAG = Field.u8("eigrp.old_metric.intag", "Route Tag");
  public static final Field SRCWD = Field.bool("eigrp.metric.flags.srcwd", "Source Withdraw").mask(0x1, 8)
      .states("True", "False");
  public static final Field CD = Field.bool("eigrp.metric.flags.cd", "Candidate Default").mask(0x2, 8)
      .states("True", "False");
  public static final Field ACTIVE = Field.bool("eigrp.metric.flags.active", "Route is Active").mask(0x4, 8)
      .states("True", "False");
  public static final Field REPL = Field.bool("eigrp.metric.flags.repl", "Route is Replicated").mask(0x8, 8)
      .states("True", "False");
  public static final Field IPV4_PREFIXLEN = Field.u8("eigrp.ipv4.prefixlen", "Prefix Length");
  public static final Field IPV4_DESTINATION = Field.ipv4("eigrp.ipv4.destination", "Destination");

  static final Expert CHECKSUM_BAD = new Expert("eigrp.checksum.bad", Severity.WARNING, "Checksum", "Bad Checksum");
  static final Expert ZERO_SIZE = new Expert("eigrp.tlv_len.invalid", Severity.ERROR, "Malformed",
      "Corrupt TLV (Zero Size)");

  private static final int PROTOCOL = 88;
  private static final int HEADER = 20;
  private static final int HELLO = 5;
  private static final int ACK_OPCODE = 8;
  private static final int A_STATUS = 0;
  private static final int A_COUNT = 1;

  public EigrpDissector() {
    super("eigrp", "Cisco EIGRP", "EIGRP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.IP_PROTO, PROTOCOL, this);
  }

  private static String version(long v) {
    return String.format("%d.%02d", v >> 8 & 0xff, v & 0xff);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    d.annotate(layer, A_COUNT);
    d.payload(end, end);
    if (end - s < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    int status = Checksums.UNVERIFIED;
    if (Truncation.reportedLength(d, layer) == end - s) {
      int sum = EnclosingIp.fold(EnclosingIp.onesSum(b, s, end - s, 0));
      status = sum == 0xffff ? Checksums.GOOD : Checksums.BAD;
      if (status == Checksums.BAD) {
        d.expert(layer, CHECKSUM_BAD, s + 2, 2, "Bad Checksum");
      }
    }
    d.setAnnotation(layer, A_STATUS, status);
    int at = s + HEADER;
    while (at < end) {
      if (at + 4 > end) {
        Truncation.report(d, layer, s, at + 4 - s);
        return null;
      }
      int size = Bytes.u16(b, at + 2);
      if (size == 0) {
        d.expert(layer, ZERO_SIZE, at, end - at, ZERO_SIZE.message());
        return null;
      }
      if (size < 4 || at + size > end) {
        Truncation.report(d, layer, s, Math.max(at + size, at + 5) - s);
        return null;
      }
      at += size;
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    t.uint(VERSION, 0, 1);
    t.uint(OPCODE, 1, 1);
    t.uint(CHECKSUM, 2, 2);
    t.number(CHECKSUM_STATUS, 2, 0, t.annotation(A_STATUS));
    long flags = t.u32(4);
    t.uint(FLAGS, 4, 4);
    t.enter();
    t.uint(FLAG_INIT, 4, 4);
    t.uint(FLAG_CR, 4, 4);
    t.uint(FLAG_RS, 4, 4);
    t.uint(FLAG_EOT, 4, 4);
    t.exit();
    t.uint(SEQ, 8, 4);
    t.uint(ACK, 12, 4);
    t.uint(VRID, 16, 2);
    t.uint(AS, 18, 2);
    int at = HEADER;
    while (t.has(at, 4)) {
      int type = t.u16(at);
      int size = t.u16(at + 2);
      if (size == 0) {
        return;
      }
      t.text(at, size, tlvLabel(t, at, type, size));
      t.enter();
      t.number(TLV_TYPE, at, 2, type);
      t.number(TLV_LEN, at + 2, 2, size);
      int v = at + 4;
      int n = size - 4;
      switch (type) {
        case 0x0001 -> {
          t.uint(K1, v, 1);
          t.uint(K2, v + 1, 1);
          t.uint(K3, v + 2, 1);
          t.uint(K4, v + 3, 1);
          t.uint(K5, v + 4, 1);
          t.uint(K6, v + 5, 1);
          t.uint(HOLDTIME, v + 6, 2);
        }
        case 0x0003 -> {
          int len = (int) t.uint(SEQ_ADDRLEN, v, 1);
          if (len == 4) {
            t.bytes(SEQ_IPV4ADDR, v + 1, 4);
          } else if (len == 16) {
            t.bytes(SEQ_IPV6ADDR, v + 1, 16);
          }
        }
        case 0x0004 -> {
          t.uint(RELEASE_VERSION, v, 2);
          t.uint(TLV_VERSION, v + 2, 2);
        }
        case 0x0005 -> t.uint(NEXT_MCAST_SEQ, v, 4);
        case 0x0102 -> ipv4Route(t, v, v + n);
        default -> { }
      }
      t.exit();
      at += size;
    }
  }

  private static void ipv4Route(Tree t, int at, int end) {
    t.bytes(IPV4_NEXTHOP, at, 4);
    at += 4;
    t.text(at, 16, "Legacy Metric");
    t.enter();
    t.uint(DELAY, at, 4);
    t.uint(BW, at + 4, 4);
    t.uint(MTU, at + 8, 3);
    t.uint(HOPCOUNT, at + 11, 1);
    t.uint(REL, at + 12, 1);
    t.uint(LOAD, at + 13, 1);
    t.uint(INTAG, at + 14, 1);
    t.text(at + 15, 1, "Flags");
    t.enter();
    t.uint(SRCWD, at + 15, 1);
    t.uint(CD, at + 15, 1);
    t.uint(ACTIVE, at + 15, 1);
    t.uint(REPL, at + 15, 1);
    t.exit();
    t.exit();
    at += 16;
    while (at < end && t.has(at, 1)) {
      int plen = (int) t.uint(IPV4_PREFIXLEN, at, 1);
      int n = (plen + 7) / 8;
      if (n > 4) {
        return;
      }
      byte[] addr = new byte[4];
      for (int k = 0; k < n; k++) {
        addr[k] = (byte) t.u8(at + 1 + k);
      }
      t.object(IPV4_DESTINATION, at + 1, n, addr);
      at += 1 + n;
    }
  }

  private static String tlvLabel(Tree t, int at, int type, int size) {
    String name = TLVS.get((long) type);
    if (name == null) {
      return String.format("Unknown TLV (0x%04x)", type);
    }
    if (type == 0x0004 && size >= 8 && t.has(at + 4, 4)) {
      return name + ": EIGRP=" + t.u8(at + 4) + "." + t.u8(at + 5) + ", TLV=" + t.u8(at + 6) + "." + t.u8(at + 7);
    }
    if (type == 0x0005 && size >= 8 && t.has(at + 4, 4)) {
      return name + ": " + t.u32(at + 4);
    }
    if (type == 0x0102) {
      StringBuilder sb = new StringBuilder(name);
      int p = at + 24;
      while (p < at + size && t.has(p, 1)) {
        int plen = t.u8(p);
        int n = (plen + 7) / 8;
        if (n > 4 || !t.has(p + 1, n)) {
          break;
        }
        sb.append("  =   ");
        for (int k = 0; k < 4; k++) {
          sb.append(k > 0 ? "." : "").append(k < n ? t.u8(p + 1 + k) : 0);
        }
        sb.append('/').append(plen);
        p += 1 + n;
      }
      return sb.toString();
    }
    return name;
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    int opcode = t.u8(1);
    if (opcode == HELLO && t.has(12, 4) && t.u32(12) != 0) {
      opcode = ACK_OPCODE;
    }
    String name = OPCODES.get((long) opcode);
    c.setInfo(name != null ? name : String.format("Unknown OpCode (0x%04x)", opcode));
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Addresses;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * Address Resolution Protocol, RFC 826 (and RARP, RFC 903, on EtherType 0x8035; the opcodes
 * of RFC 2390 inverse ARP, RFC 1931 DRARP and RFC 2022 MARS are named too).
 *
 * <pre>
 * +-------------------------------+-------------------------------+
 * |        Hardware type          |        Protocol type          |
 * +---------------+---------------+-------------------------------+
 * |  HW addr len  | Proto addr len|           Opcode              |
 * +---------------+---------------+-------------------------------+
 * | sender HW addr (hln) | sender proto addr (pln) | target HW addr (hln) | target proto addr (pln) |
 * +---------------------------------------------------------------+
 * </pre>
 *
 * The layer ends after the target protocol address, so the link layer reports what follows
 * as padding. A request whose sender and target protocol addresses match is a gratuitous ARP;
 * with an all-zero target hardware address it is an announcement, and a request from 0.0.0.0
 * with a zero target hardware address is a probe (RFC 5227).
 */
public final class ArpDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> OPCODES = ValueNames.parse(
      """
      1=request|2=reply|3=reverse request|4=reverse reply|5=drarp request|6=drarp reply|7=drarp error|
      8=inverse request|9=inverse reply|10=arp nak|11=mars request|12=mars multi|13=mars mserv|
      14=mars join|15=mars leave|16=mars nak|17=mars unserv|18=mars sjoin|19=mars sleave|
      20=mars grouplist request|21=mars grouplist reply|22=mars redirect map|23=mapos unarp|
      24=experimental 1|25=experimental 2|0=reserved|65535=reserved|
      """);

  public static final Field HW_TYPE = Field.u16("arp.hw.type", "Hardware type").labels(ArpHardwareTypes::name);
  public static final Field PROTO_TYPE = Field.u16("arp.proto.type", "Protocol type").hex().labels(EtherTypes::name);
  public static final Field HW_SIZE = Field.u8("arp.hw.size", "Hardware size");
  public static final Field PROTO_SIZE = Field.u8("arp.proto.size", "Protocol size");
  public static final Field OPCODE = Field.u16("arp.opcode", "Opcode").labels(OPCODES);
  public static final Field IS_GRATUITOUS = Field.bool("arp.isgratuitous", "Is gratuitous");
  public static final Field IS_PROBE = Field.bool("arp.isprobe", "Is probe");
  public static final Field IS_ANNOUNCEMENT = Field.bool("arp.isannouncement", "Is announcement");
  public static final Field SRC_HW = Field.bytes("arp.src.hw", "Sender hardware address");
  public static final Field SRC_HW_MAC = Field.ether("arp.src.hw_mac", "Sender MAC address");
  public static final Field SRC_PROTO = Field.bytes("arp.src.proto", "Sender protocol address");
  public static final Field SRC_PROTO_IPV4 = Field.ipv4("arp.src.proto_ipv4", "Sender IP address");
  public static final Field DST_HW = Field.bytes("arp.dst.hw", "Target hardware address");
  public static final Field DST_HW_MAC = Field.ether("arp.dst.hw_mac", "Target MAC address");
  public static final Field DST_PROTO = Field.bytes("arp.dst.proto", "Target protocol address");
  public static final Field DST_PROTO_IPV4 = Field.ipv4("arp.dst.proto_ipv4", "Target IP address");
  public static final Field DRARP_ERROR_STATUS = Field.u16("arp.dst.drarp_error_status", "DRARP error status")
      .labels(ValueNames.parse("1=restricted|2=no address|3=serverdown|4=moved|5=failure"));

  private static final int HEADER = 8;
  private static final int REQUEST = 1;
  private static final int REPLY = 2;
  private static final int DRARP_ERROR = 7;

  public ArpDissector() {
    super("arp", "Address Resolution Protocol", "ARP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.ETHERTYPE, 0x0806, this);
    p.map(Protocols.Table.ETHERTYPE, 0x8035, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    if (d.length(layer) < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    byte[] b = d.data();
    int total = HEADER + 2 * Bytes.u8(b, s + 4) + 2 * Bytes.u8(b, s + 5);
    // The reported length becomes the ARP message, so the carrier sees the rest as padding.
    d.setEnd(layer, s + total);
    if (d.length(layer) < total) {
      Truncation.report(d, layer, s, total);
    }
    return null;
  }

  /** Hardware addresses that are MAC addresses (Ethernet or IEEE 802, 6 bytes). */
  private static boolean ether(int hrd, int hln) {
    return (hrd == 1 || hrd == 6) && hln == 6;
  }

  /** Protocol addresses that are IPv4 addresses (IPv4, or AX.25's IP PID 0xcc; 4 bytes). */
  private static boolean ipv4(int pro, int pln) {
    return (pro == 0x0800 || pro == 0xcc) && pln == 4;
  }

  /** The message's offsets and kind, read once for walker, label and columns. */
  private static final class Message {
    final int hrd;
    final int pro;
    final int hln;
    final int pln;
    final int op;
    final int sha;
    final int spa;
    final int tha;
    final int tpa;
    final boolean complete;
    final boolean gratuitous;
    final boolean announcement;
    final boolean probe;

    Message(Tree t) {
      hrd = t.u16(0);
      pro = t.u16(2);
      hln = t.u8(4);
      pln = t.u8(5);
      op = t.u16(6);
      sha = HEADER;
      spa = sha + hln;
      tha = spa + pln;
      tpa = tha + hln;
      complete = t.has(0, tpa + pln);
      boolean g = false;
      boolean a = false;
      boolean p = false;
      if (complete && (op == REQUEST || op == REPLY) && same(t, spa, tpa, pln)) {
        g = true;
        a = op == REQUEST && zero(t, tha, 6);
      } else if (complete && op == REQUEST && zero(t, tha, 6) && t.has(spa, 4) && t.u32(spa) == 0) {
        p = true;
      }
      gratuitous = g;
      announcement = a;
      probe = p;
    }

    private static boolean same(Tree t, int x, int y, int n) {
      for (int i = 0; i < n; i++) {
        if (t.u8(x + i) != t.u8(y + i)) {
          return false;
        }
      }
      return true;
    }

    /** tshark compares six bytes whatever the address length. */
    private static boolean zero(Tree t, int x, int n) {
      if (!t.has(x, n)) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (t.u8(x + i) != 0) {
          return false;
        }
      }
      return true;
    }
  }

  @Override
  public void fields(Tree t) {
    t.uint(HW_TYPE, 0, 2);
    t.uint(PROTO_TYPE, 2, 2);
    t.uint(HW_SIZE, 4, 1);
    t.uint(PROTO_SIZE, 5, 1);
    t.uint(OPCODE, 6, 2);
    if (!t.has(0, HEADER)) {
      return;
    }
    Message m = new Message(t);
    if (m.gratuitous) {
      t.generated(IS_GRATUITOUS, 1);
    }
    if (m.probe) {
      t.generated(IS_PROBE, 1);
    }
    if (m.announcement) {
      t.generated(IS_ANNOUNCEMENT, 1);
    }
    boolean mac = ether(m.hrd, m.hln);
    boolean ip = ipv4(m.pro, m.pln);
    if (m.hln != 0) {
      t.bytes(mac ? SRC_HW_MAC : SRC_HW, m.sha, m.hln);
    }
    if (m.pln != 0) {
      t.bytes(ip ? SRC_PROTO_IPV4 : SRC_PROTO, m.spa, m.pln);
    }
    if (m.hln != 0) {
      t.bytes(mac ? DST_HW_MAC : DST_HW, m.tha, m.hln);
    }
    if (m.pln != 0 && m.op != DRARP_ERROR) {
      t.bytes(ip ? DST_PROTO_IPV4 : DST_PROTO, m.tpa, m.pln);
    } else if (m.pln != 0) {
      // DRARP errors carry the status in the first byte of the target protocol address.
      t.number(DRARP_ERROR_STATUS, m.tpa, 1, t.u8(m.tpa));
    }
  }

  @Override
  public String label(Tree t) {
    if (!t.has(0, HEADER)) {
      return longName();
    }
    Message m = new Message(t);
    String op = OPCODES.get((long) m.op);
    if (op == null) {
      return longName() + " (opcode 0x" + String.format("%04x", m.op) + ")";
    }
    if (m.gratuitous) {
      op = m.op == REQUEST ? "request/gratuitous ARP" : "reply/gratuitous ARP";
    }
    if (m.probe) {
      op = "ARP Probe";
    }
    if (m.announcement) {
      op = "ARP Announcement";
    }
    return longName() + " (" + op + ")";
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = "ARP";
    c.setInfo("");
    if (!t.has(0, HEADER)) {
      return;
    }
    Message m = new Message(t);
    c.protocol = protocolColumn(m.op);
    if (!m.complete) {
      return; // tshark throws before it writes Info
    }
    c.setInfo(info(t, m));
  }

  private static String protocolColumn(int op) {
    if (op == 3 || op == 4) {
      return "RARP";
    }
    if (op >= 5 && op <= 7) {
      return "DRARP";
    }
    if (op == 8 || op == 9) {
      return "Inverse ARP";
    }
    if (op >= 11 && op <= 22) {
      return "MARS";
    }
    return op == 23 ? "MAPOS" : "ARP";
  }

  private static String info(Tree t, Message m) {
    String spa = proto(t, m, m.spa);
    String tpa = proto(t, m, m.tpa);
    String sha = hw(t, m, m.sha);
    String tha = hw(t, m, m.tha);
    switch (m.op) {
      case REQUEST:
        if (m.gratuitous) {
          return m.announcement ? "ARP Announcement for " + tpa : "Gratuitous ARP for " + tpa + " (Request)";
        }
        return m.probe ? "Who has " + tpa + "? (ARP Probe)" : "Who has " + tpa + "? Tell " + spa;
      case REPLY:
        return m.gratuitous ? "Gratuitous ARP for " + spa + " (Reply)" : spa + " is at " + sha;
      case 3: case 5: case 8:
        return "Who is " + tha + "? Tell " + sha;
      case 4: case 6:
        return tha + " is at " + tpa;
      case DRARP_ERROR:
        return "DRARP Error";
      case 9:
        return sha + " is at " + spa;
      case 10:
        return "ARP NAK";
      case 24:
        return "Experimental 1 ( opcode " + m.op + " )";
      case 25:
        return "Experimental 2 ( opcode " + m.op + " )";
      case 0: case 65535:
        return "Reserved opcode " + m.op;
      default:
        if (m.op >= 11 && m.op <= 23) {
          return mars(m.op) + sha + " at " + spa;
        }
        return "Unknown ARP opcode 0x" + String.format("%04x", m.op);
    }
  }

  private static String mars(int op) {
    switch (op) {
      case 11: return "MARS request from ";
      case 12: return "MARS MULTI request from ";
      case 13: return "MARS MSERV request from ";
      case 14: return "MARS JOIN request from ";
      case 15: return "MARS LEAVE from ";
      case 16: return "MARS NAK from ";
      case 17: return "MARS UNSERV request from ";
      case 18: return "MARS SJOIN request from ";
      case 19: return "MARS SLEAVE from ";
      case 20: return "MARS grouplist request from ";
      case 21: return "MARS grouplist reply from ";
      case 22: return "MARS redirect map from ";
      default: return "MAPOS UNARP request from ";
    }
  }

  /** A protocol address as tshark's Info shows it: dotted quad, hex bytes, or "<No address>". */
  private static String proto(Tree t, Message m, int rel) {
    if (m.pln == 0) {
      return "<No address>";
    }
    return ipv4(m.pro, m.pln) ? Addresses.ipv4(t.data(), t.start() + rel)
        : Addresses.hex(t.data(), t.start() + rel, m.pln);
  }

  /** A hardware address as tshark's Info shows it: MAC, hex bytes, or "<No address>". */
  private static String hw(Tree t, Message m, int rel) {
    if (m.hln == 0) {
      return "<No address>";
    }
    return ether(m.hrd, m.hln) ? Addresses.mac(t.data(), t.start() + rel)
        : Addresses.hex(t.data(), t.start() + rel, m.hln);
  }

  @Override
  public String shortName() {
    return "ARP/RARP";
  }
}

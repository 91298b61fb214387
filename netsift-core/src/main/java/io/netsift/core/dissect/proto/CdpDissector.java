package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Base;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import io.netsift.core.field.Strings;

/**
 * Cisco Discovery Protocol, reached through LLC/SNAP (OUI 00-00-0c, PID 0x2000) and Cisco HDLC:
 * a version, a hold time and a checksum, then TLVs whose length counts their 4-byte header.
 *
 * <pre>
 * | version (1) | TTL (1) | checksum (2) | type (2) | length (2) | value ... | type | length | ...
 * </pre>
 *
 * The checksum is the Internet checksum with Cisco's quirk for odd lengths: the last byte is
 * summed as the low byte of a word, sign-extended, which Wireshark compensates for as well.
 */
public final class CdpDissector extends Dissector implements Protocols.Registrable {
  public static final Field VERSION = Field.u8("cdp.version", "Version");
  public static final Field TTL = Field.u8("cdp.ttl", "TTL").unit(" seconds");
  public static final Field CHECKSUM = Field.u16("cdp.checksum", "Checksum").hex();
  public static final Field CHECKSUM_STATUS = Field.u8("cdp.checksum.status", "Checksum Status").base(Base.NONE)
      .labels(ValueNames.parse("0=Bad|1=Good|2=Unverified"));
  public static final Field TLV_TYPE = Field.u16("cdp.tlv.type", "Type").hex().labels(ValueNames.parse(
      "0x01=Device ID|0x02=Addresses|0x03=Port ID|0x04=Capabilities|0x05=Software version|0x06=Platform|"
          + "0x07=IP Prefix/Gateway (used for ODR)|0x08=Protocol Hello|0x09=VTP Management Domain|0x0a=Native VLAN|"
          + "0x0b=Duplex|0x0e=VoIP VLAN Reply|0x0f=VoIP VLAN Query|0x10=Power consumption|0x11=MTU|"
          + "0x12=Trust Bitmap|0x13=Untrusted Port CoS|0x14=System Name|0x15=System Object ID|"
          + "0x16=Management Address|0x17=Location|0x1a=Power Available|0x1b=Port Unidirectional"));
  public static final Field TLV_LEN = Field.u16("cdp.tlv.len", "Length");
  public static final Field DEVICE_ID = Field.string("cdp.deviceid", "Device ID");
  public static final Field PLATFORM = Field.string("cdp.platform", "Platform");
  public static final Field PORT_ID = Field.string("cdp.portid", "Sent through Interface");
  public static final Field CAPABILITIES = Field.u32("cdp.capabilities", "Capabilities").hex();
  public static final Field CAP_ROUTER = Field.bool("cdp.capabilities.router", "Router").mask(0x1, 32).states("Yes", "No");
  public static final Field CAP_TRANS_BRIDGE = Field.bool("cdp.capabilities.trans_bridge", "Transparent Bridge").mask(0x2, 32).states("Yes", "No");
  public static final Field CAP_SRC_BRIDGE = Field.bool("cdp.capabilities.src_bridge", "Source Route Bridge").mask(0x4, 32).states("Yes", "No");
  public static final Field CAP_SWITCH = Field.bool("cdp.capabilities.switch", "Switch").mask(0x8, 32).states("Yes", "No");
  public static final Field CAP_HOST = Field.bool("cdp.capabilities.host", "Host").mask(0x10, 32).states("Yes", "No");
  public static final Field CAP_IGMP_CAPABLE = Field.bool("cdp.capabilities.igmp_capable", "IGMP capable").mask(0x20, 32).states("Yes", "No");
  public static final Field CAP_REPEATER = Field.bool("cdp.capabilities.repeater", "Repeater").mask(0x40, 32).states("Yes", "No");
  public static final Field CAP_VOIP_PHONE = Field.bool("cdp.capabilities.voip_phone", "VoIP Phone").mask(0x80, 32).states("Yes", "No");
  public static final Field CAP_REMOTE = Field.bool("cdp.capabilities.remote", "Remotely Managed Device").mask(0x100, 32).states("Yes", "No");
  public static final Field CAP_CVTA = Field.bool("cdp.capabilities.cvta", "CVTA/STP Dispute Resolution/Cisco VT Camera").mask(0x200, 32).states("Yes", "No");
  public static final Field CAP_MAC_RELAY = Field.bool("cdp.capabilities.mac_relay", "Two Port Mac Relay").mask(0x400, 32).states("Yes", "No");
  public static final Field NUMBER_OF_ADDRESSES = Field.u32("cdp.number_of_addresses", "Number of addresses");
  public static final Field PROTOCOL_TYPE = Field.u8("cdp.protocol_type", "Protocol type").hex()
      .labels(ValueNames.parse("0x01=NLPID|0x02=802.2"));
  public static final Field PROTOCOL_LENGTH = Field.u8("cdp.protocol_length", "Protocol length");
  public static final Field PROTOCOL = Field.bytes("cdp.protocol", "Protocol");
  public static final Field ADDRESS_LENGTH = Field.u16("cdp.address_length", "Address length");
  public static final Field IP_ADDRESS = Field.ipv4("cdp.nrgyz.ip_address", "IP Address");
  public static final Field IPV6_ADDRESS = Field.ipv6("cdp.nrgyz.ipv6_address", "IPv6 Address");
  public static final Field ADDRESS = Field.bytes("cdp.address", "Address");
  public static final Field SOFTWARE_VERSION = Field.of("cdp.software_version", "Software version", FieldType.STRINGZ);
  public static final Field IP_PREFIX = Field.ipv4("cdp.ip_prefix", "IP Prefix");
  public static final Field OUI = Field.u24("cdp.oui", "OUI");
  public static final Field PROTOCOL_ID = Field.u16("cdp.protocol_id", "Protocol ID").hex()
      .labels(ValueNames.parse("0x0112=Cluster Management"));
  public static final Field CLUSTER_MASTER_IP = Field.ipv4("cdp.cluster.master_ip", "Cluster Master IP");
  public static final Field CLUSTER_IP = Field.ipv4("cdp.cluster.ip", "IP?");
  public static final Field CLUSTER_VERSION = Field.u8("cdp.cluster.version", "Version?").hex();
  public static final Field CLUSTER_SUB_VERSION = Field.u8("cdp.cluster.sub_version", "Sub Version?").hex();
  public static final Field CLUSTER_STATUS = Field.u8("cdp.cluster.status", "Status?").hex();
  public static final Field CLUSTER_UNKNOWN = Field.u8("cdp.cluster.unknown", "UNKNOWN").hex();
  public static final Field CLUSTER_COMMANDER_MAC = Field.ether("cdp.cluster.commander_mac", "Cluster Commander MAC");
  public static final Field CLUSTER_SWITCH_MAC = Field.ether("cdp.cluster.switch_mac", "Switch's MAC");
  public static final Field CLUSTER_MANAGEMENT_VLAN = Field.u16("cdp.cluster.management_vlan", "Management VLAN");
  public static final Field HELLO_UNKNOWN = Field.bytes("cdp.hello.unknown", "Unknown");
  public static final Field VTP_MANAGEMENT_DOMAIN = Field.string("cdp.vtp_management_domain", "VTP Management Domain");
  public static final Field NATIVE_VLAN = Field.u16("cdp.native_vlan", "Native VLAN");
  public static final Field DUPLEX = Field.bool("cdp.duplex", "Duplex").states("Full", "Half");
  public static final Field TRUST_BITMAP = Field.u8("cdp.trust_bitmap", "Trust Bitmap").hex();
  public static final Field UNTRUSTED_PORT_COS = Field.u8("cdp.untrusted_port_cos", "Untrusted port CoS").hex();
  public static final Field SYSTEM_NAME = Field.string("cdp.system_name", "System Name");
  public static final Field REQUEST_ID = Field.u16("cdp.request_id", "Request-ID");
  public static final Field MANAGEMENT_ID = Field.u16("cdp.management_id", "Management-ID");
  public static final Field POWER_AVAILABLE = Field.u32("cdp.power_available", "Power Available");
  public static final Field TLV_DATA = Field.bytes("cdp.data", "Data");

  private static final Field[] CAPS = {CAP_ROUTER, CAP_TRANS_BRIDGE, CAP_SRC_BRIDGE, CAP_SWITCH, CAP_HOST, CAP_IGMP_CAPABLE, CAP_REPEATER, CAP_VOIP_PHONE, CAP_REMOTE, CAP_CVTA, CAP_MAC_RELAY};
  private static final int HEADER = 4;

  public CdpDissector() {
    super("cdp", "Cisco Discovery Protocol", "CDP");
  }

  @Override
  public void register(Protocols p) {
    // LLC/SNAP with Cisco's OUI leads here by name (LlcDissector); Cisco HDLC protocol 0x2000 too.
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    if (d.length(layer) < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    d.payload(d.end(layer), d.end(layer));
    return null;
  }

  /** Whether the CDP checksum over the whole layer verifies (see the class comment). */
  static boolean checksumGood(byte[] b, int off, int len) {
    long sum = 0;
    int even = len & ~1;
    for (int i = 0; i < even; i += 2) {
      sum += (b[off + i] & 0xff) << 8 | (b[off + i + 1] & 0xff);
    }
    if ((len & 1) != 0) {
      int last = b[off + len - 1] & 0xff;
      // Cisco adds the odd byte as a signed low byte; the off-by-one of that sum is compensated.
      sum += (last & 0x80) != 0 ? 0xff00 | (last - 1) : last;
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    return sum == 0xffff;
  }

  @Override
  public void fields(Tree t) {
    t.uint(VERSION, 0, 1);
    t.uint(TTL, 1, 1);
    t.uint(CHECKSUM, 2, 2);
    int len = t.length();
    if (t.has(0, len) && len >= HEADER && Truncation.reportedLength(t.dissection(), t.layer()) == len) {
      t.number(CHECKSUM_STATUS, 2, 2, checksumGood(t.data(), t.start(), len) ? 1 : 0);
    } else {
      t.number(CHECKSUM_STATUS, 2, 2, 2);
    }
    for (int p = HEADER; t.has(p, 4); ) {
      int type = t.u16(p);
      int tlen = t.u16(p + 2);
      if (tlen < 4) {
        t.uint(TLV_TYPE, p, 2);
        t.uint(TLV_LEN, p + 2, 2);
        break;
      }
      t.uint(TLV_TYPE, p, 2);
      t.uint(TLV_LEN, p + 2, 2);
      value(t, type, p + 4, tlen - 4);
      p += tlen;
    }
  }

  private static void value(Tree t, int type, int v, int len) {
    switch (type) {
      case 0x01: string(t, DEVICE_ID, v, len); break;
      case 0x02: case 0x16: addresses(t, v, len); break;
      case 0x03: string(t, PORT_ID, v, len); break;
      case 0x04:
        t.uint(CAPABILITIES, v, 4);
        t.enter();
        for (Field f : CAPS) {
          t.uint(f, v, 4);
        }
        t.exit();
        break;
      case 0x05: {
        // One item per line of the version text.
        int from = v;
        for (int i = v; i <= v + len && t.has(v, len); i++) {
          if (i == v + len || t.u8(i) == '\n') {
            string(t, SOFTWARE_VERSION, from, i - from);
            from = i + 1;
          }
        }
        break;
      }
      case 0x06: string(t, PLATFORM, v, len); break;
      case 0x07:
        for (int p = v; p + 5 <= v + len; p += 5) {
          if (t.has(p, 4)) {
            // tshark 4.0 reads the prefix in little-endian order (its tree shows it right).
            byte[] b = t.data();
            int a = t.start() + p;
            t.object(IP_PREFIX, p, 4, new byte[] {b[a + 3], b[a + 2], b[a + 1], b[a]});
          }
        }
        break;
      case 0x08: hello(t, v, len); break;
      case 0x09: string(t, VTP_MANAGEMENT_DOMAIN, v, len); break;
      case 0x0a: t.uint(NATIVE_VLAN, v, 2); break;
      case 0x0b: t.uint(DUPLEX, v, 1); break;
      case 0x12: t.uint(TRUST_BITMAP, v, 1); break;
      case 0x13: t.uint(UNTRUSTED_PORT_COS, v, 1); break;
      case 0x14: string(t, SYSTEM_NAME, v, len); break;
      case 0x1a:
        t.uint(REQUEST_ID, v, 2);
        t.uint(MANAGEMENT_ID, v + 2, 2);
        for (int p = v + 4; p + 4 <= v + len; p += 4) {
          t.uint(POWER_AVAILABLE, p, 4);
        }
        break;
      default:
        if (len > 0) {
          t.bytes(TLV_DATA, v, len);
        }
    }
  }

  private static void addresses(Tree t, int v, int len) {
    long n = t.uint(NUMBER_OF_ADDRESSES, v, 4);
    int p = v + 4;
    int end = v + len;
    for (long i = 0; i < n && p + 4 <= end && t.has(p, 4); i++) {
      int ptype = t.u8(p);
      int plen = t.u8(p + 1);
      t.uint(PROTOCOL_TYPE, p, 1);
      t.uint(PROTOCOL_LENGTH, p + 1, 1);
      int q = p + 2 + plen;
      if (q + 2 > end) {
        break;
      }
      t.bytes(PROTOCOL, p + 2, plen);
      int alen = (int) t.uint(ADDRESS_LENGTH, q, 2);
      if (q + 2 + alen > end) {
        break;
      }
      if (ptype == 1 && plen == 1 && t.u8(p + 2) == 0xcc && alen == 4) {
        t.bytes(IP_ADDRESS, q + 2, 4);
      } else if (ptype == 2 && plen == 8 && t.u16(p + 8) == 0x86dd && alen == 16) {
        t.bytes(IPV6_ADDRESS, q + 2, 16);
      } else {
        t.bytes(ADDRESS, q + 2, alen);
      }
      p = q + 2 + alen;
    }
  }

  private static void hello(Tree t, int v, int len) {
    t.uint(OUI, v, 3);
    int id = (int) t.uint(PROTOCOL_ID, v + 3, 2);
    if (id == 0x0112 && len >= 31) {
      int p = v + 5;
      t.bytes(CLUSTER_MASTER_IP, p, 4);
      t.bytes(CLUSTER_IP, p + 4, 4);
      t.uint(CLUSTER_VERSION, p + 8, 1);
      t.uint(CLUSTER_SUB_VERSION, p + 9, 1);
      t.uint(CLUSTER_STATUS, p + 10, 1);
      t.uint(CLUSTER_UNKNOWN, p + 11, 1);
      t.bytes(CLUSTER_COMMANDER_MAC, p + 12, 6);
      t.bytes(CLUSTER_SWITCH_MAC, p + 18, 6);
      t.uint(CLUSTER_UNKNOWN, p + 24, 1);
      t.uint(CLUSTER_MANAGEMENT_VLAN, p + 25, 2);
    } else if (len > 5) {
      t.bytes(HELLO_UNKNOWN, v + 5, len - 5);
    }
  }

  private static void string(Tree t, Field f, int off, int len) {
    if (len >= 0 && t.has(off, len)) {
      t.object(f, off, len, Strings.printable(t.data(), t.start() + off, len));
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo("");
    for (int p = HEADER; t.has(p, 4); ) {
      int type = t.u16(p);
      int tlen = t.u16(p + 2);
      if (tlen < 4 || !t.has(p + 4, tlen - 4)) {
        break;
      }
      if (type == 0x01 || type == 0x03) {
        c.info.append(type == 0x01 ? "Device ID: " : "Port ID: ")
            .append(Strings.printable(t.data(), t.start() + p + 4, tlen - 4)).append("  ");
      }
      p += tlen;
    }
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Addresses;
import io.netsift.core.field.Field;

/**
 * Linux "cooked" capture headers, LINKTYPE_LINUX_SLL (113) and LINKTYPE_LINUX_SLL2 (276)
 * (https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html, ..._SLL2.html). tshark dissects
 * both as protocol {@code sll}, version 1 or 2.
 *
 * <pre>
 * v1: +---------+---------+---------+---------------------+----------+
 *     | pkttype | ARPHRD  | addrlen | link-layer address  | protocol |
 *     |    2    |    2    |    2    |         8           |    2     |   16 bytes
 * v2: +----------+----------+---------+---------+---------+---------+---------------------+
 *     | protocol | reserved | ifindex | ARPHRD  | pkttype | addrlen | link-layer address  |
 *     |    2     |    2     |    4    |    2    |    1    |    1    |         8           |   20 bytes
 * </pre>
 *
 * A protocol of 1536 or less is a Linux-internal type (802.2 LLC is 4); above, an EtherType,
 * dispatched through the ethertype hand-off, except on GRE tunnels (ARPHRD_IPGRE), where
 * Wireshark uses the GRE protocol table directly.
 */
public final class SllDissector extends Dissector implements Protocols.Registrable {
  public static final Field PKTTYPE = Field.u16("sll.pkttype", "Packet type")
      .labels(ValueNames.parse("0=Unicast to us|1=Broadcast|2=Multicast|3=Unicast to another host|4=Sent by us"));
  public static final Field HATYPE = Field.u16("sll.hatype", "Link-layer address type").labels(ArpHardwareTypes::name);
  public static final Field HALEN = Field.u16("sll.halen", "Link-layer address length");
  public static final Field SRC_ETH = Field.ether("sll.src.eth", "Source").blurb("Source link-layer address");
  public static final Field SRC_IPV4 = Field.ipv4("sll.src.ipv4", "Source").blurb("Source link-layer address");
  public static final Field SRC_OTHER = Field.bytes("sll.src.other", "Source").blurb("Source link-layer address");
  public static final Field UNUSED = Field.bytes("sll.unused", "Unused").blurb("Unused bytes");
  public static final Field LTYPE = Field.u16("sll.ltype", "Protocol").hex().blurb("Linux protocol type")
      .labels(ValueNames.parse("0x1=Raw 802.3|0x3=Ethernet|0x4=802.2 LLC|0x7=PPP (HDLC)|0xc=CAN|0xd=CAN FD|"
          + "0x17=IrDA LAP|0xf5=ISI|0xf6=IEEE 802.15.4"));
  public static final Field GRETYPE = Field.u16("sll.gretype", "Protocol").hex().blurb("GRE protocol type")
      .labels(ValueNames.parse(
      """
      0=Possible GRE keepalive packet|34827=PPP|2048=IP|2054=ARP|254=OSI|34878=WCCP|
      8192=CDP (Cisco)|8193=NHRP|35006=ERSPAN|8939=ERSPAN III|25600=MIKROTIK EoIP|
      65198=AIROHIVE AP AP|33079=IPX|25944=Transparent Ethernet bridging|25945=Frame Relay|
      34525=IPv6|34887=MPLS label switched packet|35151=Network Service Header|
      34945=CDMA2000 A10 Unstructured byte stream|35026=CDMA2000 A10 3GPP2 Packet|
      35081=CiscoMetaData|47082=Huawei GRE bonding|33280=ARUBA WLAN|33296=ARUBA WLAN|
      33312=ARUBA WLAN|33328=ARUBA WLAN|33344=ARUBA WLAN|33360=ARUBA WLAN|33376=ARUBA WLAN|
      33392=ARUBA WLAN|33408=ARUBA WLAN|33424=ARUBA WLAN|33440=ARUBA WLAN|33456=ARUBA WLAN|
      33472=ARUBA WLAN|33488=ARUBA WLAN|33504=ARUBA WLAN|33520=ARUBA WLAN|33536=ARUBA WLAN|
      33552=ARUBA WLAN|33568=ARUBA WLAN|33584=ARUBA WLAN|33600=ARUBA WLAN|33616=ARUBA WLAN|
      33632=ARUBA WLAN|33648=ARUBA WLAN|36864=ARUBA WLAN|
      """));
  public static final Field ETYPE = Field.u16("sll.etype", "Protocol").hex().labels(EtherTypes::name)
      .blurb("Ethernet protocol type");
  public static final Field TRAILER = Field.bytes("sll.trailer", "Trailer");
  public static final Field IFINDEX = Field.u32("sll.ifindex", "Interface index");
  static final Expert PADDING_BAD = EtherTrailer.PADDING_BAD;

  private static final int V1_HEADER = 16;
  private static final int V2_HEADER = 20;
  private static final int ADDRESS_BYTES = 8;
  private static final int MAX_LINUX_TYPE = 1536; // "yes, 1536 - that's how Linux does it"
  private static final int LINUX_802_2 = 4;
  private static final int ARPHRD_IPGRE = 778;

  public SllDissector() {
    super("sll", "Linux cooked capture", "SLL");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.LINK_TYPE, LinkType.LINUX_SLL, this);
    p.map(Protocols.Table.LINK_TYPE, LinkType.LINUX_SLL2, this);
  }

  private static boolean v2(Dissection d) {
    return d.linkType() == LinkType.LINUX_SLL2;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    boolean v2 = v2(d);
    int header = v2 ? V2_HEADER : V1_HEADER;
    if (d.length(layer) < header) {
      Truncation.report(d, layer, s, header);
      return null;
    }
    byte[] b = d.data();
    int protocol = Bytes.u16(b, v2 ? s : s + 14);
    int hatype = Bytes.u16(b, v2 ? s + 8 : s + 2);
    d.payload(s + header, d.end(layer));
    if (protocol <= MAX_LINUX_TYPE) {
      return protocol == LINUX_802_2 ? d.protocols().byName("llc") : null;
    }
    if (hatype == ARPHRD_IPGRE) {
      return d.protocols().etherType(protocol);
    }
    d.dispatchKey(protocol);
    return d.protocols().byName("ethertype");
  }

  @Override
  public void fields(Tree t) {
    boolean v2 = v2(t.dissection());
    int addr;
    int halen;
    if (v2) {
      protocol(t, 0, t.u16(8));
      t.uint(IFINDEX, 4, 4);
      t.uint(HATYPE, 8, 2);
      t.uint(PKTTYPE, 10, 1);
      t.uint(HALEN, 11, 1);
      halen = t.u8(11);
      addr = 12;
    } else {
      t.uint(PKTTYPE, 0, 2);
      t.uint(HATYPE, 2, 2);
      t.uint(HALEN, 4, 2);
      halen = t.u16(4);
      addr = 6;
    }
    if (!t.has(0, addr)) {
      return;
    }
    switch (halen) {
      case 0:
        break;
      case 4:
        t.bytes(SRC_IPV4, addr, 4);
        break;
      case 6:
        t.bytes(SRC_ETH, addr, 6);
        break;
      default:
        t.bytes(SRC_OTHER, addr, Math.min(halen, ADDRESS_BYTES));
        break;
    }
    if (halen < ADDRESS_BYTES) {
      t.bytes(UNUSED, addr + halen, ADDRESS_BYTES - halen);
    }
    if (!v2) {
      protocol(t, 14, t.u16(2));
    }
    if (t.u16(v2 ? 0 : 14) > MAX_LINUX_TYPE && t.u16(v2 ? 8 : 2) != ARPHRD_IPGRE) {
      EtherTrailer.emit(t, TRAILER);
    }
  }

  private static void protocol(Tree t, int rel, int hatype) {
    int protocol = t.u16(rel);
    t.uint(protocol <= MAX_LINUX_TYPE ? LTYPE : hatype == ARPHRD_IPGRE ? GRETYPE : ETYPE, rel, 2);
  }

  @Override
  public String label(Tree t) {
    return v2(t.dissection()) ? "Linux cooked capture v2" : "Linux cooked capture v1";
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    boolean v2 = v2(t.dissection());
    int pkttype = v2 ? t.u8(10) : t.u16(0);
    String label = PKTTYPE.valueLabel(pkttype);
    c.setInfo(label != null ? label : "Unknown (" + pkttype + ")");
    int halen = v2 ? t.u8(11) : t.u16(4);
    int addr = v2 ? 12 : 6;
    if (halen == 6 && t.has(addr, 6)) {
      c.source = Addresses.mac(t.data(), t.start() + addr);
    } else if (halen == 4 && t.has(addr, 4)) {
      c.source = Addresses.ipv4(t.data(), t.start() + addr);
    }
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Tree;
import java.util.HashMap;
import java.util.Map;

/** EtherType labels as Wireshark's etype_vals prints them (the ones seen in real traffic). */
public final class EtherTypes {
  private static final Map<Long, String> NAMES = new HashMap<>();

  static {
    put(0x0800, "IPv4");
    put(0x0806, "ARP");
    put(0x0842, "Wake on LAN");
    put(0x22f0, "IEEE 1722 Audio Video Bridging Transport Protocol");
    put(0x22f3, "TRILL");
    put(0x6558, "Transparent Ethernet bridging");
    put(0x8035, "RARP");
    put(0x809b, "AppleTalk LLAP bridging");
    put(0x80f3, "AARP");
    put(0x8100, "802.1Q Virtual LAN");
    put(0x8102, "Simple Loop Protection Protocol");
    put(0x8137, "Netware IPX/SPX");
    put(0x86dd, "IPv6");
    put(0x8808, "MAC Control");
    put(0x8809, "Slow Protocols");
    put(0x8847, "MPLS label switched packet");
    put(0x8848, "MPLS multicast label switched packet");
    put(0x8863, "PPPoE Discovery");
    put(0x8864, "PPPoE Session");
    put(0x886f, "Microsoft Network Load Balancing Heartbeat");
    put(0x888e, "802.1X Authentication");
    put(0x8892, "PROFINET");
    put(0x889a, "HyperSCSI");
    put(0x88a2, "ATA over Ethernet");
    put(0x88a4, "EtherCAT frame");
    put(0x88a8, "802.1ad Provider Bridge (Q-in-Q)");
    put(0x88cc, "802.1 Link Layer Discovery Protocol (LLDP)");
    put(0x88e5, "802.1AE (MACsec)");
    put(0x88e7, "802.1ah Provider Backbone Bridge (mac-in-mac)");
    put(0x88f7, "PTPv2 over Ethernet (IEEE1588)");
    put(0x8902, "IEEE 802.1ag Connectivity Fault Management (CFM) protocol");
    put(0x8903, "Data Center Ethernet (DCE) protocol(Cisco)");
    put(0x8906, "Fibre Channel over Ethernet");
    put(0x8914, "FCoE Initialization Protocol");
    put(0x8926, "VN-Tag");
    put(0x893f, "802.1br Bridge Port Extension E-Tag");
    put(0x9000, "Configuration Test Protocol (loopback)");
    put(0x9100, "VLAN-tagged frame (Q-in-Q)");
  }

  private EtherTypes() {}

  private static void put(int type, String name) {
    NAMES.put((long) type, name);
  }

  /** The label, or null when Wireshark's table has none netsift knows. */
  public static String name(long type) {
    return NAMES.get(type);
  }

  /**
   * Names the Protocol column after the EtherType at {@code rel} when no dissector takes it, as
   * tshark's ethertype hand-off does ({@code 0x1234}) for the tags that dispatch through it.
   */
  static void unknownTypeColumn(Tree t, Columns c, int rel) {
    if (t.has(rel, 2) && t.dissection().protocols().etherType(t.u16(rel)) == null) {
      c.protocol = String.format("0x%04x", t.u16(rel));
    }
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.capture.LinkType;

/** Maps pcap link types to Wireshark's WTAP_ENCAP numbers, which frame.encap_type shows. */
final class WiresharkEncap {
  private WiresharkEncap() {}

  static int of(int linkType) {
    switch (linkType) {
      case LinkType.ETHERNET: return 1;
      case LinkType.RAW: return 7;
      case LinkType.NULL: return 15;
      case LinkType.LINUX_SLL: return 25;
      case LinkType.LOOP: return 174;
      case LinkType.IPV4: return 129;
      case LinkType.IPV6: return 130;
      case LinkType.LINUX_SLL2: return 210;
      case LinkType.IEEE802_11: return 20;
      case LinkType.IEEE802_11_RADIOTAP: return 23;
      case PpiDissector.LINKTYPE_PPI: return 97;
      case LinkType.PPP: return 4;
      case 50: return 4; // LINKTYPE_PPP_HDLC is read as WTAP_ENCAP_PPP
      case LinkType.CHDLC: return 28;
      case LinkType.FDDI: return 6; // read as FDDI with bit-swapped MAC addresses
      case LinkType.ARCNET_BSD: return 8;
      case LinkType.ARCNET_LINUX: return 9;
      case WpanDissector.LINKTYPE_NOFCS: return 127;
      case 239: return 141; // NFLOG
      case 242: return 180; // IPoIB
      case 253: return 158; // Linux netlink
      default: return -1;
    }
  }

  /** Wireshark's name of an encapsulation ({@code frame.encap_type}), as tshark -V shows it. */
  static String name(long encap) {
    switch ((int) encap) {
      case 1: return "Ethernet";
      case 4: return "PPP";
      case 6: return "FDDI with bit-swapped MAC addresses";
      case 7: return "Raw IP";
      case 9: return "Linux ARCNET";
      case 15: return "NULL/Loopback";
      case 20: return "IEEE 802.11 Wireless LAN";
      case 23: return "IEEE 802.11 plus radiotap radio header";
      case 25: return "Linux cooked-mode capture v1";
      case 26: return "Frame Relay";
      case 28: return "Cisco HDLC";
      case 97: return "Per-Packet Information header";
      case 124: return "Solaris IPNET";
      case 125: return "SocketCAN";
      case 127: return "IEEE 802.15.4 Wireless PAN with FCS not present";
      case 129: return "Raw IPv4";
      case 130: return "Raw IPv6";
      case 141: return "NFLOG";
      case 158: return "Linux Netlink";
      case 180: return "IP over IB";
      case 185: return "Linux vsock";
      case 210: return "Linux cooked-mode capture v2";
      default: return null;
    }
  }
}

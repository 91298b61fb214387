package io.netsift.core.capture;

/** LINKTYPE_* values from the tcpdump.org link-layer header type registry that netsift names. */
public final class LinkType {
  private LinkType() {}

  public static final int NULL = 0;
  public static final int ETHERNET = 1;
  public static final int RAW = 101;
  public static final int LINUX_SLL = 113;
  public static final int LOOP = 108;
  public static final int IPV4 = 228;
  public static final int IPV6 = 229;
  public static final int LINUX_SLL2 = 276;
  public static final int PPP = 9;
  public static final int ARCNET_BSD = 7;
  public static final int FDDI = 10;
  public static final int ARCNET_LINUX = 129;
  public static final int CHDLC = 104;
  public static final int IEEE802_11 = 105;
  public static final int IEEE802_11_RADIOTAP = 127;
  public static final int DBUS = 231;
  public static final int USBPCAP = 249;
  public static final int EBHSCR = 279;

  /** Wireshark's largest captured length for most link types (WTAP_MAX_PACKET_SIZE_STANDARD). */
  public static final int MAX_PACKET_LENGTH = 262_144;

  /** Wireshark's short name of the encapsulation, as capinfos and tshark print it. */
  public static String name(int linkType) {
    switch (linkType) {
      case NULL: return "null";
      case ETHERNET: return "ether";
      case RAW: return "rawip";
      case IPV4: return "rawip4";
      case IPV6: return "rawip6";
      case LINUX_SLL: return "linux-sll";
      case LINUX_SLL2: return "linux-sll2";
      case LOOP: return "loop";
      case PPP: return "ppp";
      case FDDI: return "fddi-swapped";
      case CHDLC: return "chdlc";
      case IEEE802_11: return "ieee-802-11";
      case 107: return "frelay";
      case IEEE802_11_RADIOTAP: return "ieee-802-11-radiotap";
      case ARCNET_BSD: return "arcnet";
      case ARCNET_LINUX: return "arcnet_linux";
      case 192: return "ppi";
      case 226: return "ipnet";
      case 227: return "socketcan";
      case 230: return "wpan-nofcs";
      case 239: return "nflog";
      case 242: return "ip-ib";
      case 253: return "netlink";
      case 271: return "vsock";
      default: return "linktype-" + linkType;
    }
  }

  /**
   * Largest captured length a reader accepts for this link type: Wireshark's per-encapsulation
   * maximum, so that a corrupt length is reported instead of being trusted.
   */
  public static int maxPacketLength(int linkType) {
    switch (linkType) {
      case DBUS: case USBPCAP: return 128 << 20; // D-Bus messages and USB transfers can be huge
      case EBHSCR: return 8 << 20;
      default: return MAX_PACKET_LENGTH;
    }
  }
}

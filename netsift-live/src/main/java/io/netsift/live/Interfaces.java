package io.netsift.live;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The interfaces libpcap can capture on ({@code pcap_findalldevs}), in libpcap's order — the
 * order and numbering of {@code tshark -D}, without tshark's extcap entries. Also resolves what a
 * user typed after {@code -i}: a name, or a number from that list.
 */
public final class Interfaces {
  private Interfaces() {}

  // Linux <sys/socket.h> address families and the sockaddr layouts read below.
  private static final int AF_INET = 2;
  private static final int AF_INET6 = 10;
  private static final int AF_PACKET = 17;
  private static final int ARPHRD_ETHER = 1;
  private static final int ARPHRD_LOOPBACK = 772;

  /** Every capture interface, numbered from 1. */
  public static List<CaptureInterface> list() {
    Libpcap.load();
    Memory head = new Memory(Libpcap.P);
    byte[] err = new byte[Libpcap.ERRBUF_SIZE];
    if (Libpcap.pcap_findalldevs(head, err) != 0) {
      throw new LiveCaptureException(LiveCaptureException.Kind.FAILED,
          "can't list interfaces: " + Libpcap.errbuf(err));
    }
    Pointer first = head.getPointer(0);
    List<CaptureInterface> out = new ArrayList<>();
    try {
      int number = 1;
      for (Pointer dev = first; dev != null; dev = dev.getPointer(0)) {
        out.add(read(number++, dev));
      }
    } finally {
      if (first != null) {
        Libpcap.pcap_freealldevs(first);
      }
    }
    return out;
  }

  /** The interface with this name, or null. */
  public static CaptureInterface find(String name) {
    for (CaptureInterface i : list()) {
      if (i.name().equals(name)) {
        return i;
      }
    }
    return null;
  }

  /**
   * What {@code -i} means: an interface name as is (libpcap also opens names it does not list,
   * such as a VLAN created a moment ago), or — when no interface has that name — a number from
   * {@link #list()}.
   */
  public static String resolve(String nameOrNumber) {
    List<CaptureInterface> all = list();
    for (CaptureInterface i : all) {
      if (i.name().equals(nameOrNumber)) {
        return nameOrNumber;
      }
    }
    if (nameOrNumber.matches("[0-9]+")) {
      int n = Integer.parseInt(nameOrNumber);
      if (n < 1 || n > all.size()) {
        throw new LiveCaptureException(LiveCaptureException.Kind.NO_SUCH_INTERFACE,
            "there is no interface number " + n + " (1 to " + all.size() + "); interfaces: " + names(all));
      }
      return all.get(n - 1).name();
    }
    return nameOrNumber;
  }

  /** The interface names, comma-separated (for error messages). */
  static String names(List<CaptureInterface> all) {
    List<String> n = new ArrayList<>();
    for (CaptureInterface i : all) {
      n.add(i.name());
    }
    return String.join(", ", n);
  }

  /** The first interface tshark would pick without -i: the first that is up and not loopback. */
  public static String defaultInterface() {
    List<CaptureInterface> all = list();
    for (CaptureInterface i : all) {
      if (i.up() && !i.loopback() && !i.name().equals("any")) {
        return i.name();
      }
    }
    if (all.isEmpty()) {
      throw new LiveCaptureException(LiveCaptureException.Kind.NO_SUCH_INTERFACE,
          "libpcap sees no interfaces (is this a container without network access, or missing permissions?)");
    }
    return all.get(0).name();
  }

  private static CaptureInterface read(int number, Pointer dev) {
    String name = dev.getPointer(Libpcap.P).getString(0);
    Pointer desc = dev.getPointer(2L * Libpcap.P);
    int flags = dev.getInt(4L * Libpcap.P);
    List<CaptureInterface.Address> addresses = new ArrayList<>();
    byte[] mac = null;
    String linkKind = null;
    for (Pointer a = dev.getPointer(3L * Libpcap.P); a != null; a = a.getPointer(0)) {
      Pointer addr = a.getPointer(Libpcap.P);
      if (addr == null) {
        continue;
      }
      int family = addr.getShort(0) & 0xffff;
      if (family == AF_PACKET) {
        // struct sockaddr_ll: family, protocol, ifindex(4), hatype(2), pkttype, halen, addr[8]
        int hatype = addr.getShort(8) & 0xffff;
        int halen = addr.getByte(11) & 0xff;
        linkKind = hatype == ARPHRD_ETHER ? "ether" : hatype == ARPHRD_LOOPBACK ? "loopback" : null;
        if (halen > 0 && halen <= 8) {
          mac = addr.getByteArray(12, halen);
        }
        continue;
      }
      InetAddress ip = inet(addr);
      if (ip == null) {
        continue;
      }
      InetAddress mask = inet(a.getPointer(2L * Libpcap.P));
      InetAddress broadcast = family == AF_INET ? inet(a.getPointer(3L * Libpcap.P)) : null;
      addresses.add(new CaptureInterface.Address(ip, mask == null ? -1 : prefix(mask.getAddress()), broadcast));
    }
    String connection;
    switch (flags & Libpcap.IF_CONNECTION_STATUS) {
      case 0x10: connection = "connected"; break;
      case 0x20: connection = "disconnected"; break;
      case 0x30: connection = "not applicable"; break;
      default: connection = "unknown"; break;
    }
    int mtu = -1;
    List<String> jdkFlags = new ArrayList<>();
    try {
      NetworkInterface ni = NetworkInterface.getByName(name);
      if (ni != null) {
        mtu = ni.getMTU();
        byte[] hw = ni.getHardwareAddress();
        if (hw != null) {
          mac = hw;
        }
        if (ni.supportsMulticast()) {
          jdkFlags.add("MULTICAST");
        }
        if (ni.isPointToPoint()) {
          jdkFlags.add("POINTOPOINT");
        }
        if (ni.isVirtual()) {
          jdkFlags.add("VIRTUAL");
        }
        fillPrefixes(addresses, ni);
      }
    } catch (SocketException e) {
      // The JDK's view is extra detail; libpcap's is enough to list the interface.
    }
    if (mtu < 0) {
      mtu = sysfsMtu(name);
    }
    if (mac == null && (flags & Libpcap.IF_LOOPBACK) != 0) {
      mac = new byte[6];
      linkKind = "loopback";
    }
    return new CaptureInterface(number, name, desc == null ? null : desc.getString(0),
        (flags & Libpcap.IF_LOOPBACK) != 0, (flags & Libpcap.IF_UP) != 0,
        (flags & Libpcap.IF_RUNNING) != 0, (flags & Libpcap.IF_WIRELESS) != 0, connection, mtu, mac,
        linkKind, List.copyOf(jdkFlags), List.copyOf(addresses));
  }

  /** Linux's MTU for interfaces the JDK does not list (those without an address), or -1. */
  private static int sysfsMtu(String name) {
    if (name.contains("/") || name.startsWith(".")) {
      return -1;
    }
    try {
      return Integer.parseInt(Files.readString(Path.of("/sys/class/net", name, "mtu")).trim());
    } catch (IOException | NumberFormatException | java.nio.file.InvalidPathException e) {
      return -1;
    }
  }

  /** Prefix lengths the netmask did not give (libpcap leaves some IPv6 netmasks out). */
  private static void fillPrefixes(List<CaptureInterface.Address> addresses, NetworkInterface ni) {
    for (int k = 0; k < addresses.size(); k++) {
      CaptureInterface.Address a = addresses.get(k);
      if (a.prefixLength() >= 0) {
        continue;
      }
      for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
        if (Arrays.equals(ia.getAddress().getAddress(), a.address().getAddress())) {
          addresses.set(k, new CaptureInterface.Address(a.address(), ia.getNetworkPrefixLength(),
              a.broadcast() != null ? a.broadcast() : ia.getBroadcast()));
        }
      }
    }
  }

  /** An IPv4 or IPv6 sockaddr as an address (scope dropped), or null for other families. */
  private static InetAddress inet(Pointer sa) {
    if (sa == null) {
      return null;
    }
    int family = sa.getShort(0) & 0xffff;
    try {
      if (family == AF_INET) {
        return InetAddress.getByAddress(sa.getByteArray(4, 4)); // sin_port, then sin_addr
      }
      if (family == AF_INET6) {
        return InetAddress.getByAddress(sa.getByteArray(8, 16)); // sin6_port, sin6_flowinfo, then sin6_addr
      }
    } catch (UnknownHostException e) {
      throw new AssertionError(e); // only thrown for lengths other than 4 and 16
    }
    return null;
  }

  /** Leading one bits of a netmask. */
  static int prefix(byte[] mask) {
    int n = 0;
    for (byte b : mask) {
      n += Integer.bitCount(b & 0xff);
    }
    return n;
  }
}

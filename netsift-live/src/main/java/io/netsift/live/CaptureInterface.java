package io.netsift.live;

import io.netsift.core.field.Addresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One interface libpcap can capture on, as {@code pcap_findalldevs} describes it, merged with
 * what the JDK's {@link java.net.NetworkInterface} knows about the same name (MTU, hardware
 * address, multicast and point-to-point flags). Pseudo-interfaces such as {@code any} or
 * {@code nflog} have no JDK side: their {@code mtu} is -1 and {@code mac} null.
 *
 * @param number 1-based position in libpcap's list, as {@code tshark -D} numbers interfaces
 * @param description libpcap's description ("Loopback"), or null
 * @param connection libpcap's connection status: "connected", "disconnected",
 *     "not applicable" or "unknown"
 * @param mac hardware address, or null when the JDK does not report one
 * @param linkKind "ether", "loopback" (from the kernel's ARPHRD type via libpcap), or null
 * @param jdkFlags flags only the JDK reports: MULTICAST, POINTOPOINT, VIRTUAL
 */
public record CaptureInterface(
    int number,
    String name,
    String description,
    boolean loopback,
    boolean up,
    boolean running,
    boolean wireless,
    String connection,
    int mtu,
    byte[] mac,
    String linkKind,
    List<String> jdkFlags,
    List<Address> addresses) {

  /**
   * An IPv4 or IPv6 address of the interface.
   *
   * @param prefixLength network prefix length from libpcap's netmask (the JDK's when libpcap has
   *     none), or -1 when neither knows it
   * @param broadcast IPv4 broadcast address, or null
   */
  public record Address(InetAddress address, int prefixLength, InetAddress broadcast) {
    /** Whether this is an IPv6 address. */
    public boolean ipv6() {
      return address.getAddress().length == 16;
    }

    /** {@code 192.0.2.2/24}, {@code fe80::1/64} (RFC 5952 text, no scope). */
    @Override
    public String toString() {
      return text(address) + (prefixLength >= 0 ? "/" + prefixLength : "");
    }
  }

  /** The flags as {@code ip addr} shows them: {@code LOOPBACK,UP,RUNNING,...}. */
  public List<String> flags() {
    List<String> f = new ArrayList<>();
    if (loopback) {
      f.add("LOOPBACK");
    }
    f.addAll(jdkFlags);
    if (up) {
      f.add("UP");
    }
    if (running) {
      f.add("RUNNING");
    }
    if (wireless) {
      f.add("WIRELESS");
    }
    return f;
  }

  /**
   * The name tshark shows beside the interface name: on Linux only loopback interfaces have one
   * ("Loopback"); libpcap's descriptions appear in the verbose listing only, as in tshark.
   */
  public String friendlyName() {
    return loopback ? "Loopback" : null;
  }

  /** The line {@code tshark -D} prints: {@code 3. lo (Loopback)}. */
  public String listLine() {
    String f = friendlyName();
    return number + ". " + name + (f != null ? " (" + f + ")" : "");
  }

  /** The name tshark shows in "Capturing on": {@code Loopback: lo}, or the bare name. */
  public String displayName() {
    String f = friendlyName();
    return f != null ? f + ": " + name : name;
  }

  /** The hardware address as {@code 02:fc:00:00:00:01}, or null. */
  public String macText() {
    if (mac == null) {
      return null;
    }
    if (mac.length == 6) {
      return Addresses.mac(mac, 0);
    }
    return Addresses.hex(mac, 0, mac.length, ':');
  }

  /** RFC 5952 text for IPv6, dotted quad for IPv4, without the JDK's scope suffix. */
  static String text(InetAddress a) {
    byte[] b = a.getAddress();
    return b.length == 16 ? Addresses.ipv6(b, 0) : Addresses.ipv4(b, 0);
  }
}

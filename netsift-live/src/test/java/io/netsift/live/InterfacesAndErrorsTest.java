package io.netsift.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Interface listing and the error messages; listing needs libpcap, not root. */
class InterfacesAndErrorsTest {
  private static void needLibpcap() {
    try {
      Libpcap.load();
    } catch (LiveCaptureException e) {
      Assumptions.abort("libpcap missing: " + e.getMessage());
    }
  }

  @Test
  void loopbackIsListedWithItsAddresses() throws Exception {
    needLibpcap();
    List<CaptureInterface> all = Interfaces.list();
    CaptureInterface lo = Interfaces.find("lo");
    assertNotNull(lo, "lo in " + all);
    assertTrue(lo.loopback() && lo.up() && lo.running(), lo.flags().toString());
    assertEquals("lo", all.get(lo.number() - 1).name(), "numbered from 1 in libpcap's order");
    assertEquals(lo.number() + ". lo (Loopback)", lo.listLine());
    assertEquals("Loopback: lo", lo.displayName());
    assertTrue(lo.mtu() > 0);
    assertTrue(lo.addresses().stream().anyMatch(a -> a.toString().equals("127.0.0.1/8")), lo.addresses().toString());
    assertEquals("lo", Interfaces.resolve(Integer.toString(lo.number())), "-i takes -D numbers");
    assertEquals("lo", Interfaces.resolve("lo"));
  }

  @Test
  void unknownInterfaceListsTheOnesThatExist() {
    needLibpcap();
    LiveCaptureException e = assertThrows(LiveCaptureException.class,
        () -> LiveSource.builder("nosuch0").open().close());
    assertEquals(LiveCaptureException.Kind.NO_SUCH_INTERFACE, e.kind());
    assertTrue(e.getMessage().startsWith("no such interface: nosuch0; interfaces: "), e.getMessage());
    assertTrue(e.getMessage().contains("lo"), e.getMessage());
    LiveCaptureException n = assertThrows(LiveCaptureException.class, () -> Interfaces.resolve("999"));
    assertTrue(n.getMessage().startsWith("there is no interface number 999"), n.getMessage());
  }

  @Test
  void badBpfFilterGetsLibpcapsMessage() {
    Assumptions.assumeTrue(LoTraffic.whyNoCapture().isEmpty(), "needs capture permission");
    LiveCaptureException e = assertThrows(LiveCaptureException.class,
        () -> LiveSource.builder("lo").bpfFilter("udp port banana").open().close());
    assertEquals(LiveCaptureException.Kind.BAD_FILTER, e.kind());
    assertTrue(e.getMessage().startsWith("invalid capture filter \"udp port banana\" for interface lo: "), e.getMessage());
    assertTrue(e.getMessage().contains("banana"), "libpcap names the bad word: " + e.getMessage());
  }

  @Test
  void missingLibpcapSaysWhatToInstall() {
    LiveCaptureException e = assertThrows(LiveCaptureException.class,
        () -> Libpcap.probe(List.of("/nonexistent/libpcap.so.9", "netsift-no-such-pcap")));
    assertEquals(LiveCaptureException.Kind.LIBPCAP_MISSING, e.kind());
    assertTrue(e.getMessage().startsWith("libpcap not found (tried /nonexistent/libpcap.so.9, netsift-no-such-pcap): "
        + "install libpcap: apt-get install libpcap0.8"), e.getMessage());
  }

  @Test
  void permissionMessageNamesTheCapabilities() {
    LiveCaptureException e = PcapHandle.activationError("lo", Libpcap.ERROR_PERM_DENIED,
        "socket: Operation not permitted");
    assertEquals(LiveCaptureException.Kind.PERMISSION, e.kind());
    assertTrue(e.getMessage().startsWith("capturing on lo needs root or CAP_NET_RAW/CAP_NET_ADMIN: "
        + "run as root or grant with setcap"), e.getMessage());
    assertTrue(e.getMessage().endsWith("(libpcap: socket: Operation not permitted)"), e.getMessage());
  }

  @Test
  void prefixLengthFromNetmask() throws Exception {
    assertEquals(24, Interfaces.prefix(InetAddress.getByName("255.255.255.0").getAddress()));
    assertEquals(8, Interfaces.prefix(InetAddress.getByName("255.0.0.0").getAddress()));
    assertEquals(64, Interfaces.prefix(InetAddress.getByName("ffff:ffff:ffff:ffff::").getAddress()));
    assertEquals(128, Interfaces.prefix(InetAddress.getByName("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").getAddress()));
  }
}

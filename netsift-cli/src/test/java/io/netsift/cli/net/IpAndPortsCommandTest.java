package io.netsift.cli.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code netsift ip} and {@code netsift ports}: output layout and exit codes. */
class IpAndPortsCommandTest {
  @Test
  void ipReportIsAligned() {
    NetCli r = NetCli.run("ip", "192.168.1.10/24");
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.startsWith("address:            192.168.1.10\nversion:            IPv4\n"), r.out);
    assertTrue(r.out.contains("\nspecial-purpose:    192.168.0.0/16  Private-Use (RFC 1918)\n"), r.out);
    assertTrue(r.out.contains("\nbroadcast:          192.168.1.255\n"), r.out);
    assertTrue(r.out.contains("\nhosts:              254\n"), r.out);
    assertTrue(r.out.endsWith("private network:    yes\n"), r.out);
  }

  @Test
  void severalAddressesAndIpv6() {
    NetCli r = NetCli.run("ip", "::1", "2001:db8::/127");
    assertEquals(0, r.exit, r.toString());
    String[] blocks = r.out.split("\n\n");
    assertEquals(2, blocks.length, r.out);
    assertTrue(blocks[0].contains("special-purpose:    ::1/128  Loopback Address (RFC 4291 §2.5.3)"), blocks[0]);
    assertTrue(blocks[0].contains("reverse DNS:        1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa."),
        blocks[0]);
    assertTrue(blocks[1].contains("hosts:              2"), blocks[1]);
  }

  @Test
  void space() {
    NetCli r = NetCli.run("ip", "--space");
    assertEquals(0, r.exit);
    assertTrue(r.out.startsWith("IPv4: 2^32 = 4294967296 addresses\nIPv6: 2^128 = "
        + "340282366920938463463374607431768211456 addresses\n"), r.out);
  }

  @Test
  void ipUsageErrors() {
    NetCli bad = NetCli.run("ip", "300.1.1.1");
    assertEquals(2, bad.exit);
    assertTrue(bad.err.contains("\"300.1.1.1\" is not an IPv4 address: 300 exceeds 255"), bad.err);
    assertEquals(2, NetCli.run("ip").exit);
    assertEquals(2, NetCli.run("ip", "10.0.0.0/33").exit);
  }

  @Test
  void portsBothWays() {
    NetCli r = NetCli.run("ports", "53");
    assertEquals(0, r.exit, r.toString());
    assertEquals("PORT        SERVICE         ALIASES               DESCRIPTION\n"
        + "53/tcp      domain          dns                   Domain Name Server (RFC 1035)\n"
        + "53/udp      domain          dns                   Domain Name Server (RFC 1035)\n", r.out);
    NetCli https = NetCli.run("ports", "https");
    assertTrue(https.out.contains("443/tcp     https"), https.out);
    assertTrue(NetCli.run("ports").out.lines().count() > 120);
  }

  @Test
  void portsExitCodes() {
    NetCli none = NetCli.run("ports", "no-such-service-xyz");
    assertEquals(1, none.exit);
    assertTrue(none.err.contains("no service matches"), none.err);
    assertEquals(2, NetCli.run("ports", "70000").exit);
  }

  @Test
  void helpListsTheNewCommands() {
    NetCli r = NetCli.run("--help");
    for (String c : new String[] {"ip", "ports", "dns", "rfc", "echo"}) {
      assertTrue(r.out.contains("\n  " + c + " "), c + " in\n" + r.out);
    }
  }
}

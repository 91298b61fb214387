package io.netsift.net.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The service table against IANA's Service Name and Transport Protocol Port Number Registry. */
class ServiceTableTest {
  private final ServiceTable t = ServiceTable.standard();

  @ParameterizedTest
  @CsvSource({
      // port, transport, IANA service name — the ports the issue lists, and the names tshark -N t shows
      "20, TCP, ftp-data", "21, TCP, ftp", "22, TCP, ssh", "23, TCP, telnet", "25, TCP, smtp", "53, TCP, domain",
      "53, UDP, domain", "67, UDP, bootps", "68, UDP, bootpc", "80, TCP, http", "110, TCP, pop3", "123, UDP, ntp",
      "143, TCP, imap", "161, UDP, snmp", "162, UDP, snmptrap", "443, TCP, https", "443, UDP, https", "993, TCP, imaps",
      "995, TCP, pop3s", "3306, TCP, mysql", "5432, TCP, postgresql", "5353, UDP, mdns", "514, UDP, syslog",
      "514, TCP, shell", "8080, TCP, http-alt"})
  void ianaNames(int port, Transport transport, String name) {
    assertEquals(Optional.of(name), t.portName(port, transport));
    assertEquals(name, t.resolve(port, transport));
  }

  @Test
  void unknownPortsStayNumeric() {
    assertEquals(Optional.empty(), t.portName(54321, Transport.TCP));
    assertEquals("54321", t.resolve(54321, Transport.TCP));
    assertEquals("22", t.resolve(22, Transport.UDP), "ssh is TCP only here");
  }

  @Test
  void searchBothWays() {
    assertEquals(List.of("53/tcp", "53/udp"), ports(t.search("53")));
    assertEquals(List.of("53/udp"), ports(t.search("53/udp")));
    assertEquals(List.of("53/tcp", "53/udp"), ports(t.search("DOMAIN")));
    assertEquals(List.of("53/tcp", "53/udp"), ports(t.search("dns")), "aliases count");
    assertEquals(List.of("443/tcp"), ports(t.search("https/tcp")));
    assertEquals(List.of("5432/tcp"), ports(t.search("postgres")));
    assertTrue(ports(t.search("mail")).containsAll(List.of("25/tcp")), "substring of descriptions and aliases");
    assertTrue(t.search("no-such-service-xyz").isEmpty());
    assertThrows(IllegalArgumentException.class, () -> t.search("70000"));
    assertThrows(IllegalArgumentException.class, () -> t.search("53/sctp"));
  }

  @Test
  void tableIsOrderedAndUnique() {
    List<ServiceEntry> all = t.all();
    assertTrue(all.size() > 120, "size " + all.size());
    for (int i = 1; i < all.size(); i++) {
      ServiceEntry a = all.get(i - 1);
      ServiceEntry b = all.get(i);
      assertTrue(a.port() < b.port() || a.port() == b.port() && a.transport().compareTo(b.transport()) < 0, b.toString());
    }
  }

  private static List<String> ports(List<ServiceEntry> l) {
    return l.stream().map(ServiceEntry::portSlashTransport).collect(Collectors.toList());
  }
}

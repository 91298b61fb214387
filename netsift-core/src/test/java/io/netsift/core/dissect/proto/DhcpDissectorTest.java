package io.netsift.core.dissect.proto;

import org.junit.jupiter.api.Test;

/**
 * DHCP/BOOTP against tshark on the corpus captures that carry it: zeek__dhcp__dhcp,
 * ndpi__1kxun, tcpdump__dhcp-rfc4388 (lease query, and a BOOTP frame shifted two bytes that
 * tshark marks malformed), ndpi__alexa-app, pcapplusplus__sll; suricata__dhcp-request-flood,
 * pcapplusplus__raw_ip and zeek__tunnels__Teredo were compared field by field while building.
 *
 * <p>Rows were recorded from tshark 4.0 with {@code TZ=UTC tshark -n -r FILE -T fields -E
 * occurrence=a -E aggregator=, -e frame.protocols -e _ws.col.Protocol -e _ws.col.Info -e
 * FIELD...} (the fields below), one row per chosen frame.
 */
class DhcpDissectorTest {
  private static final String[] FIELDS = {
      "dhcp.type", "dhcp.hw.type", "dhcp.hw.len", "dhcp.hops",
      "dhcp.id", "dhcp.secs", "dhcp.flags", "dhcp.flags.bc",
      "dhcp.ip.client", "dhcp.ip.your", "dhcp.ip.server", "dhcp.ip.relay",
      "dhcp.hw.mac_addr", "dhcp.server", "dhcp.file", "dhcp.cookie",
      "dhcp.option.type", "dhcp.option.length", "dhcp.option.dhcp", "dhcp.option.requested_ip_address",
      "dhcp.option.dhcp_server_id", "dhcp.option.ip_address_lease_time", "dhcp.option.renewal_time_value", "dhcp.option.rebinding_time_value",
      "dhcp.option.subnet_mask", "dhcp.option.router", "dhcp.option.domain_name_server", "dhcp.option.domain_name",
      "dhcp.option.hostname", "dhcp.option.request_list_item", "dhcp.option.vendor_class_id", "dhcp.option.end",
      "dhcp.option.padding", "dhcp.secs_le",
  };

  /** A file's name ("#" row), then its rows: frame number, protocols, Protocol, Info, fields. */
  private static final String[][] ROWS = {
      {"#", "zeek__dhcp__dhcp.pcap"},
      {"1", "eth:ethertype:ip:udp:dhcp", "DHCP", "DHCP Discover - Transaction ID 0x7c0", "1", "0x01", "6", "0", "0x000007c0", "0", "0x0000", "0", "0.0.0.0", "0.0.0.0", "0.0.0.0", "0.0.0.0", "90:b1:1c:99:49:29", "", "", "99.130.83.99", "53,50,12,0", "1,4,13", "1", "192.168.211.194", "", "", "", "", "", "", "", "", "btest.is.cool", "", "", "255", "", ""},
      {"3", "eth:ethertype:ip:udp:dhcp", "DHCP", "DHCP Request  - Transaction ID 0x7c0", "1", "0x01", "6", "0", "0x000007c0", "0", "0x0000", "0", "0.0.0.0", "0.0.0.0", "0.0.0.0", "0.0.0.0", "90:b1:1c:99:49:29", "", "", "99.130.83.99", "53,54,50,12,0", "1,4,4,13", "3", "192.168.211.194", "128.2.6.152", "", "", "", "", "", "", "", "btest.is.cool", "", "", "255", "", ""},
      {"4", "eth:ethertype:ip:udp:dhcp", "DHCP", "DHCP NAK      - Transaction ID 0x7c0", "2", "0x01", "6", "0", "0x000007c0", "0", "0x8000", "1", "0.0.0.0", "0.0.0.0", "128.2.6.152", "0.0.0.0", "90:b1:1c:99:49:29", "", "", "99.130.83.99", "53,54,56,0", "1,4,31", "6", "", "128.2.6.152", "", "", "", "", "", "", "", "", "", "", "255", "0000000000000000000000000000000000", ""},
      {"5", "eth:ethertype:ip:udp:dhcp", "DHCP", "DHCP Request  - Transaction ID 0x7c0", "1", "0x01", "6", "0", "0x000007c0", "0", "0x0000", "0", "0.0.0.0", "0.0.0.0", "0.0.0.0", "0.0.0.0", "90:b1:1c:99:49:29", "", "", "99.130.83.99", "53,50,12,0", "1,4,13", "3", "128.2.6.189", "", "", "", "", "", "", "", "", "btest.is.cool", "", "", "255", "", ""},
      {"#", "ndpi__1kxun.pcap"},
      {"5", "eth:ethertype:ip:udp:dhcp", "DHCP", "DHCP ACK      - Transaction ID 0xc0912052", "2", "0x01", "6", "0", "0xc0912052", "0", "0x8000", "1", "192.168.5.36", "192.168.5.36", "192.168.119.1", "0.0.0.0", "00:26:5a:c2:63:55", "", "", "99.130.83.99", "53,54,51,1,3,6,42,0", "1,4,4,4,4,16,8", "5", "", "192.168.119.1", "60", "", "", "255.255.0.0", "192.168.119.1", "168.95.1.1,8.8.8.8,168.95.192.1,8.8.4.4", "", "", "", "", "255", "00000000", ""},
      {"11", "eth:ethertype:ip:udp:dhcp", "DHCP", "DHCP Request  - Transaction ID 0x60fbf5b", "1", "0x01,0x01", "6", "0", "0x060fbf5b", "0", "0x0000", "0", "0.0.0.0", "0.0.0.0", "0.0.0.0", "0.0.0.0", "70:3e:ac:f0:f0:07,70:3e:ac:f0:f0:07", "", "", "99.130.83.99", "53,55,57,61,50,51,12,0", "1,7,2,7,4,4,4", "3", "192.168.3.237", "", "7776000", "", "", "", "", "", "", "Shen", "1,121,3,6,15,119,252", "", "255", "00000000000000000000000000000000", ""},
      {"#", "tcpdump__dhcp-rfc4388.pcap"},
      {"1", "eth:ethertype:ip:udp:dhcp", "DHCP", "DHCP Discover - Transaction ID 0x3cd0af7e", "1", "0x01", "6", "1", "0x3cd0af7e", "0", "0x0000", "0", "0.0.0.0", "0.0.0.0", "0.0.0.0", "10.30.1.1", "5a:4f:34:b1:af:66", "", "", "99.130.83.99", "53,55,0", "1,13", "1", "", "", "", "", "", "", "", "", "", "", "1,28,2,121,15,6,12,40,41,42,26,119,3", "", "255", "0000000000000000000000000000000000000000000000000000000000000000000000000000000000", ""},
      {"3", "eth:ethertype:ip:udp:dhcp", "DHCP", "DHCP Offer    - Transaction ID 0x3cd0af7e", "2", "0x01", "6", "1", "0x3cd0af7e", "0", "0x0000", "0", "0.0.0.0", "10.30.4.4", "0.0.0.0", "10.30.1.1", "5a:4f:34:b1:af:66", "", "", "99.130.83.99", "53,54,51,1,3,0", "1,4,4,4,4", "2", "", "10.40.2.3", "43200", "", "", "255.255.0.0", "10.30.1.1", "", "", "", "", "", "255", "0000000000000000000000000000000000000000000000000000000000000000", ""},
      {"43", "eth:ethertype:ip:udp:dhcp", "BOOTP", "Boot Request from 00:00:00:00:00:00 (00:00:00:00:00:00)[Malformed Packet]", "1", "0x01", "6", "1", "0x00000001", "0", "0x0000", "0", "0.161.224.64", "64.0.0.0", "0.0.0.0", "10.30.1.1", "00:00:00:00:00:00", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""},
      {"#", "ndpi__alexa-app.pcapng"},
      {"7", "eth:ethertype:ip:udp:dhcp", "DHCP", "DHCP Request  - Transaction ID 0x7c6d7f31", "1", "0x01,0x01", "6", "0", "0x7c6d7f31", "0", "0x0000", "0", "0.0.0.0", "0.0.0.0", "0.0.0.0", "0.0.0.0", "78:f8:82:d3:fb:c2,78:f8:82:d3:fb:c2", "", "", "99.130.83.99", "53,61,50,57,60,12,55,0", "1,7,4,2,12,24,10", "3", "172.16.42.216", "", "", "", "", "", "", "", "", "android-1c1335ec95a27318", "1,33,3,6,15,26,28,51,58,59", "dhcpcd-5.5.6", "255", "", ""},
      {"8", "eth:ethertype:ip:udp:dhcp", "DHCP", "DHCP Request  - Transaction ID 0x7c6d7f31", "1", "0x01,0x01", "6", "0", "0x7c6d7f31", "0", "0x0000", "0", "0.0.0.0", "0.0.0.0", "0.0.0.0", "0.0.0.0", "78:f8:82:d3:fb:c2,78:f8:82:d3:fb:c2", "", "", "99.130.83.99", "53,61,50,57,60,12,55,0", "1,7,4,2,12,24,10", "3", "172.16.42.216", "", "", "", "", "", "", "", "", "android-1c1335ec95a27318", "1,33,3,6,15,26,28,51,58,59", "dhcpcd-5.5.6", "255", "", ""},
      {"9", "eth:ethertype:ip:udp:dhcp", "DHCP", "DHCP ACK      - Transaction ID 0x7c6d7f31", "2", "0x01", "6", "0", "0x7c6d7f31", "0", "0x0000", "0", "0.0.0.0", "172.16.42.216", "172.16.42.1", "0.0.0.0", "78:f8:82:d3:fb:c2", "", "", "99.130.83.99", "53,54,51,58,59,1,28,3,6,15,0", "1,4,4,4,4,4,4,4,4,3", "5", "", "172.16.42.1", "43200", "21600", "37800", "255.255.255.0", "172.16.42.1", "172.16.42.1", "lan", "", "", "", "255", "000000", ""},
      {"#", "pcapplusplus__sll.pcap"},
      {"516", "sll:ethertype:ip:udp:dhcp", "DHCP", "DHCP Inform   - Transaction ID 0x1ecf9ccf", "1", "0x01,0x01", "6", "0", "0x1ecf9ccf", "0", "0x8000", "1", "10.0.0.5", "0.0.0.0", "0.0.0.0", "0.0.0.0", "6c:f0:49:b2:de:6e,6c:f0:49:b2:de:6e", "", "", "99.130.83.99", "53,61,12,60,55,0", "1,7,7,8,13", "8", "", "", "", "", "", "", "", "", "", "Bichman", "1,15,3,6,44,46,47,31,33,121,249,43,252", "MSFT 5.0", "255", "00000000000000000000000000", ""},
  };

  private static String[][] rows(String file) {
    return CorpusRows.section(ROWS, file);
  }

  @Test
  void matchesTsharkOnCorpus() throws Exception {
    CorpusRows.check("zeek__dhcp__dhcp.pcap", FIELDS, rows("zeek__dhcp__dhcp.pcap"));
    CorpusRows.check("ndpi__1kxun.pcap", FIELDS, rows("ndpi__1kxun.pcap"));
    CorpusRows.check("tcpdump__dhcp-rfc4388.pcap", FIELDS, rows("tcpdump__dhcp-rfc4388.pcap"));
    CorpusRows.check("ndpi__alexa-app.pcapng", FIELDS, rows("ndpi__alexa-app.pcapng"));
    CorpusRows.check("pcapplusplus__sll.pcap", FIELDS, rows("pcapplusplus__sll.pcap"));
  }
}

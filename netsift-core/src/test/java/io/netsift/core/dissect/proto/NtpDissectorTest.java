package io.netsift.core.dissect.proto;

import org.junit.jupiter.api.Test;

/**
 * NTP against tshark on the corpus captures that carry it: zeek__ntp__ntp,
 * pcapplusplus__many_interfaces-1 and ndpi__1kxun (zeek__tunnels__gre-sample carries NTP inside
 * GRE, which netsift does not dissect yet).
 *
 * <p>Rows were recorded from tshark 4.0 with {@code TZ=UTC tshark -n -r FILE -T fields -E
 * occurrence=a -E aggregator=, -e frame.protocols -e _ws.col.Protocol -e _ws.col.Info -e
 * FIELD...} (the fields below), one row per chosen frame.
 */
class NtpDissectorTest {
  private static final String[] FIELDS = {
      "ntp.flags", "ntp.flags.li", "ntp.flags.vn", "ntp.flags.mode",
      "ntp.stratum", "ntp.ppoll", "ntp.precision", "ntp.rootdelay",
      "ntp.rootdispersion", "ntp.refid", "ntp.reftime", "ntp.org",
      "ntp.rec", "ntp.xmt",
  };

  /** A file's name ("#" row), then its rows: frame number, protocols, Protocol, Info, fields. */
  private static final String[][] ROWS = {
      {"#", "zeek__ntp__ntp.pcap"},
      {"1", "eth:ethertype:ip:udp:ntp", "NTP", "NTP Version 4, client", "0x23", "0", "4", "3", "2", "6", "234", "3033", "1584", "55c7d663", "May 30, 2019 20:02:36.073681418 UTC", "May 30, 2019 20:02:28.048351420 UTC", "May 30, 2019 20:02:28.076756133 UTC", "May 30, 2019 20:03:34.027420739 UTC"},
      {"2", "eth:ethertype:ip:udp:ntp", "NTP", "NTP Version 4, server", "0x24", "0", "4", "4", "4", "6", "232", "3201", "4676", "69edcf1c", "May 30, 2019 19:50:52.721793706 UTC", "May 30, 2019 20:03:34.027420739 UTC", "May 30, 2019 20:03:34.048375892 UTC", "May 30, 2019 20:03:34.048406864 UTC"},
      {"3", "eth:ethertype:ip:udp:ntp", "NTP", "NTP Version 4, client", "0x23", "0", "4", "3", "2", "6", "234", "3033", "1587", "55c7d663", "May 30, 2019 20:02:36.073681418 UTC", "May 30, 2019 20:02:30.040661565 UTC", "May 30, 2019 20:02:30.063198171 UTC", "May 30, 2019 20:03:37.027451425 UTC"},
      {"4", "eth:ethertype:ip:udp:ntp", "NTP", "NTP Version 4, server", "0x24", "0", "4", "4", "2", "6", "233", "249", "2160", "c1cc72e9", "May 30, 2019 19:45:41.537423908 UTC", "May 30, 2019 20:03:37.027451425 UTC", "May 30, 2019 20:03:37.040799377 UTC", "May 30, 2019 20:03:37.040813530 UTC"},
      {"#", "pcapplusplus__many_interfaces-1.pcapng"},
      {"6", "eth:ethertype:ip:udp:ntp", "NTP", "NTP Version 4, client", "0x23", "0", "4", "3", "2", "10", "236", "3339", "2806", "11fd0cfd", "Aug 16, 2015 19:25:48.749582159 UTC", "Aug 16, 2015 19:34:15.677731545 UTC", "Aug 16, 2015 19:34:15.714125256 UTC", "Aug 16, 2015 19:35:26.161788296 UTC"},
      {"11", "eth:ethertype:ip:udp:ntp", "NTP", "NTP Version 4, server", "0x24", "0", "4", "4", "1", "6", "236", "0", "71", "47505373", "Aug 16, 2015 19:35:19.570278035 UTC", "Aug 16, 2015 19:35:26.161788296 UTC", "Aug 16, 2015 19:35:26.284160940 UTC", "Aug 16, 2015 19:35:26.284174908 UTC"},
      {"#", "ndpi__1kxun.pcap"},
      {"993", "eth:ethertype:ip:udp:ntp", "NTP", "NTP Version 4, client", "0x23", "0", "4", "3", "2", "6", "236", "9760", "63177", "11fd1a7d", "Aug  2, 2016 02:06:07.239241076 UTC", "Aug  2, 2016 02:18:44.649471724 UTC", "Aug  2, 2016 02:18:44.703682392 UTC", "Aug  2, 2016 02:20:28.247919033 UTC"},
  };

  private static String[][] rows(String file) {
    return CorpusRows.section(ROWS, file);
  }

  @Test
  void matchesTsharkOnCorpus() throws Exception {
    CorpusRows.check("zeek__ntp__ntp.pcap", FIELDS, rows("zeek__ntp__ntp.pcap"));
    CorpusRows.check("pcapplusplus__many_interfaces-1.pcapng", FIELDS, rows("pcapplusplus__many_interfaces-1.pcapng"));
    CorpusRows.check("ndpi__1kxun.pcap", FIELDS, rows("ndpi__1kxun.pcap"));
  }
}

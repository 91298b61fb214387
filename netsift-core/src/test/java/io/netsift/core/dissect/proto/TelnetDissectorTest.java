package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Telnet against tshark 4.0 ({@code tshark -n -T fields -E occurrence=a}) on the corpus files
 * that carry it: ndpi__telnet.pcap, zeek__contentline__telnet-long-line-no-eol.pcapng.gz and
 * zeek__mixed-vlan-mpls.pcap (MPLS). Expected rows are tshark's output.
 */
class TelnetDissectorTest {
  @Test
  void negotiationAndDataMatchTshark() throws IOException {
    List<String> rows = TextAppsCorpus.fields("ndpi__telnet.pcap", "_ws.col.Protocol", "_ws.col.Info",
        "telnet.cmd", "telnet.subcmd", "telnet.string_subopt.value", "telnet.naws_subopt.width",
        "telnet.naws_subopt.height", "telnet.data", "telnet.option_data", "telnet.rfc_subopt.cmd");
    assertEquals("TELNET\tTelnet Data ...\t253,251,251,251,251,251,251,253,251\t3,24,31,32,33,34,39,5,35\t\t\t\t\t\t",
        TextAppsCorpus.row(rows, 4));
    assertEquals("TELNET\tTelnet Data ...\t250,240,250,240,253,250,240\t31,34,3,34\t\t80\t32\t\t"
        + "0301000003620304020f05000007621c08020409421a0a027f0b02150f0211100213110000120000,010f\t",
        TextAppsCorpus.row(rows, 10));
    assertEquals("TELNET\tTelnet Data ...\t250,240,250,240,250,240,250,240\t32,35,0,39,24,0\t"
        + "bam.zing.org:0.0,xterm-color\t\t\t\t00393630302c39363030,"
        + "0000444953504c41590162616d2e7a696e672e6f72673a302e30\t", TextAppsCorpus.row(rows, 17));
    assertEquals("TELNET\tTelnet Data ...\t251,250,240,252\t1,33,1\t\t\t\t\t\t2", TextAppsCorpus.row(rows, 22));
    assertEquals("TELNET\tTelnet Data ...\t\t\t\t\t\t\\r\\n,OpenBSD/i386 (oof) (ttyp2)\\r\\n,\\r\\n\t\t",
        TextAppsCorpus.row(rows, 27));
  }

  @Test
  void dataLinesEndAtCrNulAndShowHighBytesAsReplacementCharacters() throws IOException {
    // tshark's data items are ASCII strings: a CR NUL ends a line (the item shows "\r", its NUL
    // ends the string) and a byte above 0x7f is U+FFFD.
    List<String> rows = TextAppsCorpus.fields("ndpi__telnet.pcap", "telnet.data");
    assertEquals("\uFFFD", TextAppsCorpus.row(rows, 73));
    assertEquals("\\r,--- www.yahoo.com ping statistics ---\\r\\n,6 packets transmitted, 6 packets received, "
        + "0% packet loss\\r\\n,round-trip min/avg/max = 69.885/72.429/75.068 ms\\r\\n,$ ", TextAppsCorpus.row(rows, 75));
  }
}

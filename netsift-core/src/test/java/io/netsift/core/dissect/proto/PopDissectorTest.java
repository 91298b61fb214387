package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * POP against tshark 4.0 ({@code tshark -n -T fields -E occurrence=a}) on the corpus files that
 * carry it: zeek__pop3__pop3.pcap and ndpi__pop3.pcap. Expected rows are tshark's output.
 */
class PopDissectorTest {
  @Test
  void requestsAndResponsesMatchTshark() throws IOException {
    List<String> rows = TextAppsCorpus.fields("zeek__pop3__pop3.pcap", "frame.protocols", "_ws.col.Protocol",
        "_ws.col.Info", "pop.response.indicator", "pop.response.description", "pop.response.data",
        "pop.request.command", "pop.request.parameter");
    assertEquals("eth:ethertype:ip:tcp:pop\tPOP\tS: +OK POP server ready H mimap4 0MHoUr-1VDxRD3Ui5-003eq2\t+OK\t"
        + "POP server ready H mimap4 0MHoUr-1VDxRD3Ui5-003eq2\t\t\t", TextAppsCorpus.row(rows, 16));
    assertEquals("eth:ethertype:ip:tcp:pop\tPOP\tS: +OK Capability list follows\t+OK\tCapability list follows\t"
        + ",,,,,,\t\t", TextAppsCorpus.row(rows, 20));
    assertEquals("eth:ethertype:ip:tcp:pop\tPOP\tC: AUTH PLAIN\t\t\t\tAUTH\tPLAIN", TextAppsCorpus.row(rows, 35));
    assertEquals("eth:ethertype:ip:tcp:pop:imf\tPOP/IMF\t+   \t\t\t\t\t", TextAppsCorpus.row(rows, 36));
    assertEquals("eth:ethertype:ip:tcp:pop\tPOP\tC: RETR 1\t\t\t\tRETR\t1", TextAppsCorpus.row(rows, 93));
  }
}

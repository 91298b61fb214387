package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BGP against tshark 4.0: rows of {@code tshark -n -T fields -E occurrence=a -E aggregator=,} on
 * tcpdump__bgp-4byte-asn.pcap (OPEN capabilities, two messages in one segment, a NOTIFICATION)
 * and scapy__bgp_fragmented.pcap.gz (an UPDATE reassembled from two segments).
 */
class BgpDissectorTest {
  @Test
  void openCapabilitiesUpdatesAndNotificationsMatchTshark() throws IOException {
    List<String> rows = TextAppsCorpus.fields("tcpdump__bgp-4byte-asn.pcap", "_ws.col.Info", "frame.protocols",
        "bgp.type", "bgp.open.myas", "bgp.open.identifier", "bgp.cap.type", "bgp.cap.gr.timers",
        "bgp.cap.gr.timers.restart_time", "bgp.cap.4as", "bgp.update.path_attributes.length",
        "bgp.notify.major_error", "bgp.notify.minor_error_cease");
    // A Graceful Restart capability of length 2 (helper mode only, tshark's chat note).
    assertEquals("OPEN Message\teth:ethertype:ip:tcp:bgp\t1\t23456\t0.0.1.1\t1,2,64,65,69\t0xc12c\t300\t2764334674"
        + "\t\t\t", TextAppsCorpus.row(rows, 6));
    assertEquals("OPEN Message\teth:ethertype:ip:tcp:bgp\t1\t200\t0.0.2.1\t1,69\t\t\t\t\t\t",
        TextAppsCorpus.row(rows, 8));
    assertEquals("UPDATE Message, KEEPALIVE Message\teth:ethertype:ip:tcp:bgp\t2,4\t\t\t\t\t\t\t57\t\t",
        TextAppsCorpus.row(rows, 52));
    assertEquals("NOTIFICATION Message\teth:ethertype:ip:tcp:bgp\t3\t\t\t\t\t\t\t\t6\t6", TextAppsCorpus.row(rows, 85));
  }

  @Test
  void updateSpanningSegmentsIsReassembled() throws IOException {
    List<String> rows = TextAppsCorpus.fields("scapy__bgp_fragmented.pcap.gz", "_ws.col.Info", "frame.protocols",
        "bgp.length");
    assertEquals("[TCP segment of a reassembled PDU]\teth:ethertype:ip:tcp\t", TextAppsCorpus.row(rows, 1));
    assertEquals("UPDATE Message\teth:ethertype:ip:tcp:bgp\t2091", TextAppsCorpus.row(rows, 2));
  }
}

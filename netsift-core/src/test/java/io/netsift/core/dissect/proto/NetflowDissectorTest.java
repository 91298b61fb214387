package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.dissect;
import static io.netsift.core.dissect.proto.LayerTestFrames.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsift.core.capture.LinkType;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NetFlow/IPFIX against tshark 4.0: rows of {@code tshark -n -T fields -e ...} on
 * scapy__netflowv9.pcap (templates, options templates, data records and the sequence
 * warning), and inline frames made with {@code text2pcap -u 40000,PORT} with tshark's values
 * for the same bytes.
 */
class NetflowDissectorTest {
  private static final String[] FIELDS = {"_ws.col.Info", "cflow.sequence", "cflow.flowset_id",
      "cflow.template_id", "cflow.option_scope_length", "cflow.scope_field_type", "cflow.padding",
      "cflow.template_frame", "cflow.sequence_analysis.expected_sn", "cflow.sequence_analysis.previous_frame",
      "cflow.scope_system", "cflow.sampling_algorithm"};

  @Test
  void templatesDataAndSequenceMatchTshark() throws IOException {
    List<String> rows = TextAppsCorpus.fields("scapy__netflowv9.pcap", FIELDS);
    assertEquals("total: 1 (v9) record Obs-Domain-ID=    8 [Options-Template:425]\t1061\t1\t425\t4\t5\t0000"
        + "\t\t\t\t\t", TextAppsCorpus.row(rows, 2));
    // The exporter's next packet should have been 1062; the other exporter (frames 3 and 5)
    // sent no data template, so tshark never tracks its sequence.
    assertEquals("total: 24 (v9) records Obs-Domain-ID=    8 [Data:424]\t1104\t424\t\t\t\t\t1\t1062\t2\t\t",
        TextAppsCorpus.row(rows, 4));
    assertEquals("total: 1 (v9) record Obs-Domain-ID=    8 [Data:429]\t502\t429\t\t\t\t\t3\t\t\t01000000\t2",
        TextAppsCorpus.row(rows, 5));
  }

  @Test
  void v5HeaderAndRecord() {
    expect(dissect(LinkType.ETHERNET, "20 52 45 43 56 00 20 53 45 4e 44 00 08 00 45 00 00 64 12 34 00 00 ff 11 92 4f 0a 01 01 01 0a 02 02 02 9c 40 08 07 00 50 9d 9e 00 05 00 01 00 01 e2 40 65 53 f1 00 00 00 01 f4 00 00 00 2a 01 02 40 64 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f 20 21 22 23 24 25 26 27 28 29 2a 2b 2c 2d 2e 2f"),
        "frame.protocols", "eth:ethertype:ip:udp:cflow",
        "_ws.col.Protocol", "CFLOW",
        "_ws.col.Info", "total: 1 (v5) flow",
        "cflow.sysuptime", "123.456000000",
        "cflow.timestamp", "Nov 14, 2023 22:13:20.000000500 UTC",
        "cflow.samplingmode", "1",
        "cflow.samplerate", "100",
        "cflow.srcaddr", "0.1.2.3",
        "cflow.inputint", "3085",
        "cflow.packets", "269554195",
        "cflow.timedelta", "67372.036000000",
        "cflow.timestart", "404298.267000000",
        "cflow.tcpflags", "0x25",
        "cflow.protocol", "38",
        "cflow.srcas", "10281",
        "cflow.padding", "24,2e2f");
  }

  /** An IPFIX template with an enterprise element, and two records of it in the same message. */
  @Test
  void ipfixTemplateAndRecords() {
    expect(dissect(LinkType.ETHERNET, "20 52 45 43 56 00 20 53 45 4e 44 00 08 00 45 00 00 52 12 34 00 00 ff 11 92 61 0a 01 01 01 0a 02 02 02 9c 40 12 83 00 3e 4c 5a 00 0a 00 36 65 53 f1 00 00 00 00 00 00 00 00 07 00 02 00 14 01 00 00 02 00 08 00 04 80 64 00 02 00 00 00 09 01 00 00 12 0a 00 00 01 00 05 0a 00 00 02 00 06 00 00"),
        "_ws.col.Info", "IPFIX flow (  54 bytes) Obs-Domain-ID=    7 [Data-Template:256] [Data:256]",
        "cflow.len", "54",
        "cflow.od_id", "7",
        "cflow.srcaddr", "10.0.0.1,10.0.0.2",
        "cflow.padding", "0000",
        "cflow.template_ipfix_pen_provided", "0,1",
        "cflow.template_ipfix_field_type", "8",
        "cflow.template_ipfix_field_pen", "9",
        "cflow.template_frame", "1");
  }
}

package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsift.core.golden.TsharkRows;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * M3UA over SCTP (payload protocol 3 on port 2940) in PcapPlusPlus's ip-frag capture: ASP state
 * and traffic maintenance with a routing context, and transfer messages whose protocol data
 * carries SCCP, with its MTP3 equivalents, padding and an unknown parameter; on the frame whose
 * SCCP data raises BSSAP's exception the parameters after the protocol data are missing, as in
 * tshark. Expected values: tshark 4.0, recorded by
 * {@code COLUMNS="frame.protocols _ws.col.Protocol _ws.col.Info _ws.expert.message _ws.col.Source
 * _ws.col.Destination" scripts/golden/record-fields.sh netsift-core/src/test/resources/sigtran/expected
 * "m3ua mtp3 sccp bssap" pcapplusplus__ip-frag.pcap}.
 */
class M3uaDissectorTest {
  static final String FILE = "pcapplusplus__ip-frag.pcap";

  @Test
  void fieldsMatchTshark() throws IOException {
    L2Expectations.checkIn("sigtran", FILE, "m3ua.", "mtp3.");
  }

  /** The crafted messages of {@code scripts/sigtran/crafted.py}. */
  @Test
  void craftedFieldsMatchTshark() throws IOException {
    L2Expectations.checkIn("sigtran", "crafted-sigtran.pcap", "m3ua.", "mtp3.");
  }

  /**
   * Protocol, Info, Source and Destination (SCCP's frames show M3UA's point codes) and
   * frame.protocols of every frame with an M3UA layer.
   */
  @Test
  void summaryOfSigtranFramesMatchesTshark() throws IOException {
    String[] columns = {"frame.protocols", "_ws.col.Protocol", "_ws.col.Info", "_ws.col.Source", "_ws.col.Destination"};
    List<String> expected = TsharkRows.resource("/sigtran/expected/" + FILE + ".tsv.gz");
    List<String> header = List.of(expected.get(0).split("\t", -1));
    List<String> actual = L2Expectations.columns(FILE, columns);
    List<String> want = new ArrayList<>();
    List<String> got = new ArrayList<>();
    for (int i = 1; i < expected.size(); i++) {
      String[] t = expected.get(i).split("\t", -1);
      if (t[0].contains(":m3ua")) {
        StringBuilder sb = new StringBuilder().append(i);
        for (String c : columns) {
          sb.append('\t').append(t[header.indexOf(c)]);
        }
        want.add(sb.toString());
        got.add(i + "\t" + actual.get(i - 1));
      }
    }
    assertEquals(14, want.size());
    assertEquals(want, got);
  }
}

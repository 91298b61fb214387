package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsift.core.golden.TsharkRows;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The DCE/RPC endpoint mapper on zeek's MAPI capture: Map and Lookup requests and responses with
 * their protocol towers (UUID, TCP, IP, RPC over HTTP floors, and a Unix-domain floor whose RHS
 * tshark leaves undecoded with a warning). Expected rows: tshark 4.0, recorded by
 * {@code scripts/dcerpc/make-expectations.sh}.
 */
class EpmDissectorTest {
  private static final String FILE = "zeek__dce-rpc__mapi.pcap";

  @Test
  void fieldsMatchTshark() throws IOException {
    L2Expectations.checkIn("dcerpc", FILE, "epm.");
  }

  @Test
  void columnsNotesAndNdrItemsOfEndpointMapperFramesMatchTshark() throws IOException {
    List<String> expected = TsharkRows.resource("/dcerpc/expected/" + FILE + ".tsv.gz");
    List<String> header = List.of(expected.get(0).split("\t", -1));
    // NDR's referents and array bounds (DCE/RPC's names) on the frames netsift decodes: the
    // endpoint mapper's; other interfaces' stubs are not decoded yet.
    String[] names = {"frame.protocols", "_ws.col.Protocol", "_ws.col.Info", "_ws.expert.message",
        "dcerpc.referent_id", "dcerpc.array.max_count", "dcerpc.array.offset", "dcerpc.array.actual_count"};
    List<String> actual = L2Expectations.columns(FILE, names);
    List<String> want = new ArrayList<>();
    List<String> got = new ArrayList<>();
    for (int i = 1; i < expected.size(); i++) {
      String[] t = expected.get(i).split("\t", -1);
      if (t[1].equals("EPM")) {
        StringBuilder row = new StringBuilder().append(i);
        for (String n : names) {
          row.append('\t').append(t[header.indexOf(n)]);
        }
        want.add(row.toString());
        got.add(i + "\t" + actual.get(i - 1));
      }
    }
    assertEquals(6, want.size(), "endpoint mapper frames");
    assertEquals(want, got);
  }
}

package io.netsift.core.dissect.proto;

import java.io.IOException;
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
    // NDR's referents and array bounds (DCE/RPC's names) on the frames netsift decodes: the
    // endpoint mapper's; other interfaces' stubs are not decoded yet.
    L2Expectations.checkFramesOf("dcerpc", FILE, "EPM", 6, "frame.protocols", "_ws.col.Protocol", "_ws.col.Info",
        "_ws.expert.message", "dcerpc.referent_id", "dcerpc.array.max_count", "dcerpc.array.offset",
        "dcerpc.array.actual_count");
  }
}

package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Dropbox LAN sync discovery broadcasts (JSON) on PcapPlusPlus's many-interfaces capture, over
 * Ethernet and over BSD loopback: the columns tshark shows for them and the JSON inside. Expected values: tshark 4.0,
 * recorded by {@code scripts/golden/record-fields.sh src/test/resources/db-lsp-disc/expected
 * "db-lsp-disc db-lsp json" CAPTURE}.
 */
class DbLspDiscDissectorTest {
  @Test
  void columnsMatchTshark() throws IOException {
    L2Expectations.checkFramesOf("db-lsp-disc", "pcapplusplus__many_interfaces-1.pcapng", "DB-LSP-DISC/JSON", 4,
        "_ws.col.Protocol", "_ws.col.Info", "_ws.expert.message");
  }

  @Test
  void jsonInsideMatchesTshark() throws IOException {
    L2Expectations.checkIn("db-lsp-disc", "pcapplusplus__many_interfaces-1.pcapng", "json.");
  }
}

package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.expect;

import io.netsift.core.capture.Frame;
import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Modbus/TCP and Modbus against tshark 4.0: zeek's small capture (write multiple coils, read
 * coils with their bits), every mbtcp and modbus field and the Info column recorded by
 * {@code scripts/apps/make-expectations.sh}; and inline query/response pairs with tshark's values
 * for the same bytes (holding registers numbered from the query's reference, an exception).
 */
class ModbusDissectorTest {
  @Test
  void fieldsMatchTshark() throws IOException {
    L2Expectations.checkIn("apps", "zeek__modbus__modbusSmall.pcap", "mbtcp.", "modbus.");
  }

  private static final String ETH_IP = "00 11 22 33 44 55 66 55 44 33 22 11 08 00 45 00 00 %02x 00 01 00 00 40 06 00 00 ";
  private static final String TO_SERVER = "0a 00 00 01 0a 00 00 02 9c 40 01 f6 00 00 00 %02x 00 00 00 %02x 50 18 ff ff 00 00 00 00 ";
  private static final String TO_CLIENT = "0a 00 00 02 0a 00 00 01 01 f6 9c 40 00 00 00 %02x 00 00 00 %02x 50 18 ff ff 00 00 00 00 ";

  @Test
  void registersAndExceptions() {
    DissectionEngine e = new DissectionEngine();
    // Read Holding Registers 16, 2 words; response 7, 9.
    expect(next(e, true, 1, 1, "00 03 00 00 00 06 01 03 00 10 00 02"),
        "_ws.col.Info", "   Query: Trans:     3; Unit:   1, Func:   3: Read Holding Registers",
        "modbus.reference_num", "16",
        "modbus.word_cnt", "2");
    expect(next(e, false, 1, 13, "00 03 00 00 00 07 01 03 04 00 07 00 09"),
        "frame.protocols", "eth:ethertype:ip:tcp:mbtcp:modbus",
        "_ws.col.Info", "Response: Trans:     3; Unit:   1, Func:   3: Read Holding Registers",
        "modbus.request_frame", "1",
        "modbus.byte_cnt", "4",
        "modbus.regnum16", "16,17",
        "modbus.regval_uint16", "7,9");
    // Read Coils answered by exception 2: no request frame.
    expect(next(e, true, 13, 14, "00 05 00 00 00 06 01 01 00 00 00 13"));
    expect(next(e, false, 14, 25, "00 05 00 00 00 03 01 81 02"),
        "_ws.col.Info", "Response: Trans:     5; Unit:   1, Func:   1: Read Coils. Exception returned ",
        "modbus.func_code", "1",
        "modbus.request_frame", "",
        "modbus.exception_code", "2");
  }

  private static Dissection next(DissectionEngine e, boolean query, int seq, int ack, String mbap) {
    String payload = mbap;
    int n = payload.replace(" ", "").length() / 2;
    String hex = String.format(ETH_IP, 40 + n) + String.format(query ? TO_SERVER : TO_CLIENT, seq, ack) + payload;
    byte[] b = HexFormat.of().parseHex(hex.replace(" ", ""));
    Frame f = new Frame();
    f.data = b;
    f.capturedLength = b.length;
    f.originalLength = b.length;
    f.linkType = LinkType.ETHERNET;
    return e.dissect(f);
  }
}

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
 * RESP against tshark 4.0: zeek's pub/sub session (commands, inline commands shown as fragments,
 * two pushed messages in one segment), every resp field and the Info column recorded by
 * {@code scripts/apps/make-expectations.sh}; and a request cut inside a bulk string, with tshark's
 * values for the same three segments.
 */
class RespDissectorTest {
  @Test
  void fieldsMatchTshark() throws IOException {
    L2Expectations.checkIn("apps", "zeek__redis__pubsub.pcap", "resp.");
  }

  private static final String[] SEGMENTS = {
      // *2 $3 GET $5 hel|
      "00 11 22 33 44 55 66 55 44 33 22 11 08 00 45 00 00 3c 00 01 00 00 40 06 66 b9 0a 00 00 01 0a 00 00 02"
          + " 9c 40 18 eb 00 00 00 01 00 00 00 01 50 18 ff ff 00 00 00 00"
          + " 2a 32 0d 0a 24 33 0d 0a 47 45 54 0d 0a 24 35 0d 0a 68 65 6c",
      // lo *1 $4 PING
      "00 11 22 33 44 55 66 55 44 33 22 11 08 00 45 00 00 3a 00 01 00 00 40 06 66 bb 0a 00 00 01 0a 00 00 02"
          + " 9c 40 18 eb 00 00 00 15 00 00 00 01 50 18 ff ff 00 00 00 00"
          + " 6c 6f 0d 0a 2a 31 0d 0a 24 34 0d 0a 50 49 4e 47 0d 0a",
      // $5 world, +PONG, :12, -ERR x, $-1, *0
      "00 11 22 33 44 55 66 55 44 33 22 11 08 00 45 00 00 50 00 01 00 00 40 06 66 a5 0a 00 00 02 0a 00 00 01"
          + " 18 eb 9c 40 00 00 00 01 00 00 00 27 50 18 ff ff 00 00 00 00"
          + " 24 35 0d 0a 77 6f 72 6c 64 0d 0a 2b 50 4f 4e 47 0d 0a 3a 31 32 0d 0a 2d 45 52 52 20 78 0d 0a"
          + " 24 2d 31 0d 0a 2a 30 0d 0a",
  };

  @Test
  void elementCutBySegmentEndJoinsTheNextSegment() {
    DissectionEngine e = new DissectionEngine();
    expect(next(e, 0),
        "frame.protocols", "eth:ethertype:ip:tcp:resp",
        "_ws.col.Protocol", "TCP",
        "_ws.col.Info", "Request: GET [continuation] [TCP segment of a reassembled PDU]");
    expect(next(e, 1),
        "frame.protocols", "eth:ethertype:ip:tcp:resp",
        "_ws.col.Info", "Request: GET hello PING",
        "resp.bulk_string.length", "3,5,4",
        "resp.array.length", "2,1");
    expect(next(e, 2),
        "_ws.col.Info", "Response: world PONG 12 Error: ERR x",
        "resp.bulk_string.length", "5,-1",
        "resp.string", "PONG",
        "resp.integer", "12",
        "resp.error", "ERR x",
        "resp.array.length", "0");
  }

  private static Dissection next(DissectionEngine e, int i) {
    byte[] b = HexFormat.of().parseHex(SEGMENTS[i].replace(" ", ""));
    Frame f = new Frame();
    f.data = b;
    f.capturedLength = b.length;
    f.originalLength = b.length;
    f.linkType = LinkType.ETHERNET;
    f.timestampNanos = i * 1_000_000_000L;
    return e.dissect(f);
  }
}

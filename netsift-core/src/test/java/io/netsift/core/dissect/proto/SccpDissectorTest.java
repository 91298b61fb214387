package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Walk;
import io.netsift.core.output.NodeBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * SCCP under M3UA in PcapPlusPlus's ip-frag capture: a connection request with called and
 * calling addresses (point code, SSN 249) and its data in the optional part, a connection
 * confirm whose empty data parameter goes to the BSSAP heuristic, and data forms 1 whose data
 * stays data (the connection's SSN has no dissector). Expected values: tshark 4.0 (see
 * {@link M3uaDissectorTest}).
 */
class SccpDissectorTest {
  @Test
  void fieldsMatchTshark() throws IOException {
    L2Expectations.checkIn("sigtran", M3uaDissectorTest.FILE, "sccp.");
  }

  /** The crafted messages of {@code scripts/sigtran/crafted.py}. */
  @Test
  void craftedFieldsMatchTshark() throws IOException {
    L2Expectations.checkIn("sigtran", "crafted-sigtran.pcap", "sccp.");
  }

  /**
   * The capture's M3UA frames with random bytes written over M3UA and SCCP (message types,
   * pointers, lengths, address indicators) and cut short: dissection, columns and the tree never
   * throw.
   */
  @Test
  void mutatedMessagesNeverThrow() throws IOException {
    Path capture = L2Expectations.capture(M3uaDissectorTest.FILE);
    Assumptions.assumeTrue(capture != null && Files.exists(capture), "missing " + M3uaDissectorTest.FILE);
    List<byte[]> frames = new ArrayList<>();
    try (CaptureReader r = CaptureReaders.open(capture)) {
      DissectionEngine e = new DissectionEngine();
      Frame f = new Frame();
      while (r.next(f)) {
        Dissection d = e.dissect(f);
        if (d.find(Protocols.standard().byName("m3ua"), 0) >= 0) {
          frames.add(Arrays.copyOfRange(f.data, f.offset, f.offset + f.capturedLength));
        }
      }
    }
    Random rnd = new Random(20261129);
    DissectionEngine e = new DissectionEngine();
    Walk walk = new Walk();
    Columns c = new Columns();
    int tried = 0;
    for (int i = 0; i < 4000; i++) {
      byte[] frame = frames.get(rnd.nextInt(frames.size()));
      byte[] b = Arrays.copyOf(frame, 62 + rnd.nextInt(frame.length - 61));
      for (int k = 1 + rnd.nextInt(6); k > 0 && b.length > 62; k--) {
        // SCTP's DATA chunk header ends at 62: M3UA and SCCP follow.
        b[62 + rnd.nextInt(b.length - 62)] = (byte) (rnd.nextBoolean() ? rnd.nextInt(256) : rnd.nextInt(8));
      }
      Frame f = new Frame();
      f.data = b;
      f.capturedLength = b.length;
      f.originalLength = b.length;
      f.linkType = 1;
      f.timestampNanos = i * 1000L;
      Dissection d = e.dissect(f);
      walk.columns(d, c);
      NodeBuilder.build(d);
      tried++;
    }
    assertTrue(tried > 0);
  }
}

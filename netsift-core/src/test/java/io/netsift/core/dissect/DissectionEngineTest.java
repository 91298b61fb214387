package io.netsift.core.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.golden.Corpus;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What an engine keeps across a pass: forward-pointing fields only when it is a first pass. */
class DissectionEngineTest {
  private static int recordedFrames(DissectionEngine engine) throws IOException {
    Path http = Corpus.find("samples/http.pcapng");
    try (CaptureReader r = CaptureReaders.open(http)) {
      Frame f = new Frame();
      while (r.next(f)) {
        engine.dissect(f);
      }
    }
    return engine.forwardFields().frames();
  }

  @Test
  void onePassKeepsNoForwardFields() throws IOException {
    // An ordinary pass never reads them back: recorded for every frame, they grew with the file.
    assertEquals(0, recordedFrames(new DissectionEngine(Protocols.standard())));
  }

  @Test
  void firstPassRecordsForwardFields() throws IOException {
    // http.response_in and tcp.reassembled_in point forward from requests and segments.
    assertTrue(recordedFrames(new DissectionEngine(Protocols.standard()).recordForward()) > 0);
  }
}

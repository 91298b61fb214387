package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.golden.TsharkRows;
import io.netsift.core.output.JsonFormat;
import io.netsift.core.output.TreeFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Connection-oriented DCE/RPC on scapy's NTLM-secured SVCCTL session: binds with presentation
 * contexts and bind-time features, bind acks with their results and secondary address, AUTH3,
 * secured requests and responses (encrypted stub data, auth verifiers), a fault with its status
 * note, responses matched to their requests, a call answered in six fragments across segments,
 * and the endpoint mapper's port found by the heuristic on the second connection. Expected
 * values: tshark 4.0, recorded by {@code scripts/dcerpc/make-expectations.sh}; every dcerpc
 * field tshark's DCE/RPC layer itself fills (the endpoint mapper's NDR fields are out: netsift
 * has no interface dissectors yet), and the Info column of every frame tshark leaves to DCE/RPC.
 */
class DcerpcDissectorTest {
  private static final String FILE = "scapy__dcerpc_privacy_ntlm.pcapng.gz";

  @Test
  void fieldsMatchTshark() throws IOException {
    L2Expectations.checkIn("dcerpc", FILE, "dcerpc.ver", "dcerpc.pkt_type", "dcerpc.cn_", "dcerpc.drep",
        "dcerpc.auth", "dcerpc.opnum", "dcerpc.request_in", "dcerpc.time", "dcerpc.encrypted_stub_data",
        "dcerpc.fault_stub_data", "dcerpc.reserved");
  }

  @Test
  void infoColumnOfDcerpcFramesMatchesTshark() throws IOException {
    List<String> expected = TsharkRows.resource("/dcerpc/expected/" + FILE + ".tsv.gz");
    List<String> actual = L2Expectations.columns(FILE, "_ws.col.Protocol", "_ws.col.Info");
    List<String> want = new ArrayList<>();
    List<String> got = new ArrayList<>();
    for (int i = 1; i < expected.size(); i++) {
      String[] t = expected.get(i).split("\t", -1);
      if (t[1].equals("DCERPC")) {
        want.add(i + " " + t[1] + " " + t[2]);
        got.add(i + " " + actual.get(i - 1).replace('\t', ' '));
      }
    }
    assertEquals(12, want.size(), "frames tshark leaves to DCE/RPC itself");
    assertEquals(want, got);
  }

  /**
   * The capture's DCE/RPC frames with random bytes written over their PDUs (lengths, counts,
   * offsets of the NTLMSSP buffers) and cut short: dissection, tree and JSON never throw.
   */
  @Test
  void mutatedPdusNeverThrow() throws IOException {
    Path capture = L2Expectations.capture(FILE);
    org.junit.jupiter.api.Assumptions.assumeTrue(capture != null && Files.exists(capture), "missing " + FILE);
    List<byte[]> frames = new ArrayList<>();
    try (CaptureReader r = CaptureReaders.open(capture)) {
      Frame f = new Frame();
      while (r.next(f)) {
        if (f.capturedLength > 54) {
          frames.add(Arrays.copyOfRange(f.data, f.offset, f.offset + f.capturedLength));
        }
      }
    }
    Random rnd = new Random(20261129);
    TreeFormat tree = new TreeFormat();
    JsonFormat json = new JsonFormat();
    int rendered = 0;
    for (int i = 0; i < 4000; i++) {
      // A fresh engine: each frame opens its stream, so TCP hands it on instead of calling it a
      // retransmission of the same bytes.
      DissectionEngine e = new DissectionEngine();
      byte[] b = frames.get(rnd.nextInt(frames.size())).clone();
      for (int k = rnd.nextInt(6); k >= 0; k--) {
        b[54 + rnd.nextInt(b.length - 54)] = (byte) rnd.nextInt(256);
      }
      int captured = rnd.nextInt(3) == 0 ? 54 + rnd.nextInt(b.length - 54) : b.length;
      Frame f = TransportFrames.ethernet(Arrays.copyOf(b, captured), i * 1_000_000L, b.length);
      var d = e.dissect(f);
      tree.format(d);
      json.append(d, new StringBuilder());
      for (int k = 0; k < d.layerCount(); k++) {
        if (d.dissector(k).name().equals("dcerpc")) {
          rendered++;
          break;
        }
      }
    }
    assertTrue(rendered > 1000, "frames that reached DCE/RPC: " + rendered);
  }
}

package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.output.JsonFormat;
import io.netsift.core.output.TreeFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Exchange's EMSMDB interface on zeek's MAPI capture: EcDoConnect both ways (strings behind
 * unique pointers), EcDoRpc with its decrypted buffer (OpenMsgStore, OpenFolder, GetProps, an
 * unknown operation and Advise; handles), and EcRRegisterPushNotification, whose request leaves
 * tshark's "Long frame" warning. Expected rows: tshark 4.0, recorded by
 * {@code scripts/dcerpc/make-expectations.sh}.
 */
class MapiDissectorTest {
  private static final String FILE = "zeek__dce-rpc__mapi.pcap";

  @Test
  void fieldsMatchTshark() throws IOException {
    L2Expectations.checkIn("dcerpc", FILE, "mapi.");
  }

  @Test
  void columnsNotesAndNdrItemsOfMapiFramesMatchTshark() throws IOException {
    L2Expectations.checkFramesOf("dcerpc", FILE, "MAPI", 13, "frame.protocols", "_ws.col.Protocol", "_ws.col.Info",
        "_ws.expert.message", "dcerpc.referent_id", "dcerpc.array.max_count", "dcerpc.array.offset",
        "dcerpc.array.actual_count", "dcerpc.long_frame");
  }

  /**
   * The capture replayed with random bytes written over the MAPI frames' stubs (NDR counts,
   * string lengths, the EcDoRpc buffer's sizes and operations) and some of them cut short:
   * dissection, tree and JSON never throw.
   */
  @Test
  void mutatedStubsNeverThrow() throws IOException {
    Path capture = L2Expectations.capture(FILE);
    org.junit.jupiter.api.Assumptions.assumeTrue(capture != null && Files.exists(capture), "missing " + FILE);
    List<byte[]> frames = new ArrayList<>();
    try (CaptureReader r = CaptureReaders.open(capture)) {
      Frame f = new Frame();
      while (r.next(f)) {
        frames.add(Arrays.copyOfRange(f.data, f.offset, f.offset + f.capturedLength));
      }
    }
    Set<Integer> mapi = Set.of(715, 782, 783, 784, 787, 788, 789, 791, 794, 796, 797, 798, 800);
    Random rnd = new Random(20261130);
    TreeFormat tree = new TreeFormat();
    JsonFormat json = new JsonFormat();
    int reached = 0;
    for (int round = 0; round < 40; round++) {
      DissectionEngine e = new DissectionEngine();
      for (int i = 0; i < frames.size(); i++) {
        byte[] b = frames.get(i);
        boolean mutate = mapi.contains(i + 1);
        int captured = b.length;
        if (mutate) {
          b = b.clone();
          for (int k = rnd.nextInt(6); k >= 0; k--) {
            b[78 + rnd.nextInt(b.length - 78)] = (byte) rnd.nextInt(256);
          }
          captured = rnd.nextInt(3) == 0 ? 78 + rnd.nextInt(b.length - 78) : b.length;
        }
        Dissection d = e.dissect(TransportFrames.ethernet(Arrays.copyOf(b, captured), i * 1_000_000L, b.length));
        if (mutate) {
          tree.format(d);
          json.append(d, new StringBuilder());
          for (int k = 0; k < d.layerCount(); k++) {
            reached += d.dissector(k).name().equals("mapi") ? 1 : 0;
          }
        }
      }
    }
    assertTrue(reached > 200, "mutated frames that reached MAPI: " + reached);
  }
}

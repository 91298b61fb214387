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
 * Kerberos 5 on zeek's kinit capture (and suricata's kerberoasting one): AS and TGS exchanges over UDP and TCP (records reassembled
 * across segments), KRB-ERRORs with METHOD-DATA and Windows-style PA-DATA e-data, FAST armour,
 * encrypted timestamps, host addresses, and anonymous and certificate PKINIT with the BER notes
 * tshark raises on its draft-era definitions. Expected values: tshark 4.0, recorded by
 * {@code scripts/golden/record-fields.sh ... "kerberos pkinit" CAPTURES}; every kerberos and
 * pkinit field tshark shows there.
 */
class KerberosDissectorTest {
  private static final String FILE = "zeek__krb__kinit.pcap";

  @Test
  void fieldsMatchTshark() throws IOException {
    L2Expectations.checkIn("kerberos", FILE, "kerberos.", "pkinit.");
  }

  /** Kerberoasting's TGS-REQ with enc-authorization-data and its RC4 service ticket. */
  @Test
  void kerberoastMatchesTshark() throws IOException {
    L2Expectations.checkIn("kerberos", "suricata__krb5-kerberoasting__kerberoast.pcap", "kerberos.");
  }

  /**
   * Info and expert messages of every Kerberos frame, also those whose frame.protocols lists
   * CMS and X.509 layers netsift does not have (the PKINIT requests), which checkIn leaves out.
   */
  @Test
  void infoAndNotesOfKerberosFramesMatchTshark() throws IOException {
    List<String> expected = TsharkRows.resource("/kerberos/expected/" + FILE + ".tsv.gz");
    List<String> actual = L2Expectations.columns(FILE, "_ws.col.Protocol", "_ws.col.Info", "_ws.expert.message");
    List<String> want = new ArrayList<>();
    List<String> got = new ArrayList<>();
    for (int i = 1; i < expected.size(); i++) {
      String[] t = expected.get(i).split("\t", -1);
      if (t[1].equals("KRB5")) {
        want.add(i + " " + t[1] + " " + t[2] + " " + t[3]);
        got.add(i + " " + actual.get(i - 1).replace('\t', ' '));
      }
    }
    assertEquals(188, want.size(), "Kerberos frames");
    assertEquals(want, got);
  }

  /** The capture's Kerberos frames with random bytes written over them and cut short: never a throw. */
  @Test
  void mutatedMessagesNeverThrow() throws IOException {
    Path capture = L2Expectations.capture(FILE);
    org.junit.jupiter.api.Assumptions.assumeTrue(capture != null && Files.exists(capture), "missing " + FILE);
    List<byte[]> frames = new ArrayList<>();
    try (CaptureReader r = CaptureReaders.open(capture)) {
      Frame f = new Frame();
      while (r.next(f)) {
        if (f.capturedLength > 100) {
          frames.add(Arrays.copyOfRange(f.data, f.offset, f.offset + f.capturedLength));
        }
      }
    }
    Random rnd = new Random(20261129);
    TreeFormat tree = new TreeFormat();
    JsonFormat json = new JsonFormat();
    int reached = 0;
    for (int i = 0; i < 3000; i++) {
      DissectionEngine e = new DissectionEngine();
      byte[] b = frames.get(rnd.nextInt(frames.size())).clone();
      for (int k = rnd.nextInt(6); k >= 0; k--) {
        b[42 + rnd.nextInt(b.length - 42)] = (byte) rnd.nextInt(256);
      }
      int captured = rnd.nextInt(3) == 0 ? 42 + rnd.nextInt(b.length - 42) : b.length;
      Frame f = TransportFrames.ethernet(Arrays.copyOf(b, captured), i * 1_000_000L, b.length);
      var d = e.dissect(f);
      tree.format(d);
      json.append(d, new StringBuilder());
      for (int k = 0; k < d.layerCount(); k++) {
        if (d.dissector(k).name().equals("kerberos")) {
          reached++;
          break;
        }
      }
    }
    assertTrue(reached > 1000, "frames that reached Kerberos: " + reached);
  }
}

package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldValue;
import io.netsift.core.field.FieldVisitor;
import io.netsift.core.golden.TsharkRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SPNEGO blobs from corpus captures, handed to {@link SpnegoDissector#blob} the way a carrying
 * protocol would (the blob is found by its start in the last layer that holds one): Windows negTokenInits with negHints, NTLMSSP negotiations, Kerberos
 * AP-REQ and AP-REP tokens with and without their GSS framing. Every gss-api, spnego and
 * kerberos value of the frame must be tshark's ({@code scripts/golden/record-fields.sh ...
 * "gss-api spnego kerberos" CAPTURES}).
 */
class SpnegoDissectorTest {
  private static final byte[] SPNEGO_OID = {0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02};
  private static final byte[] NEG_RESULT = {(byte) 0xa0, 0x03, 0x0a, 0x01};

  /** The bind response's AP-REP (the request's blob spans two segments LDAP would reassemble). */
  @Test
  void ldapSaslBindResponseWithKerberos() throws IOException {
    check("zeek__ldap__gap-data-missing.pcapng", 7);
  }

  @Test
  void smb2SessionSetupsWithKerberosAndNtlmssp() throws IOException {
    check("suricata__smb-length-5770.pcap", 13, 27, 29, 63, 65);
  }

  /** Windows' bare AP-REQ as the mechToken, and a reply with no responseToken. */
  @Test
  void windowsBareApReq() throws IOException {
    check("zeek__ldap__aduser1.pcap", 46, 47, 12);
  }

  private static void check(String file, int... frames) throws IOException {
    Path capture = L2Expectations.capture(file);
    org.junit.jupiter.api.Assumptions.assumeTrue(capture != null && Files.exists(capture), "missing " + file);
    List<String> expected = TsharkRows.resource("/spnego/expected/" + file + ".tsv.gz");
    String[] header = expected.get(0).split("\t", -1);
    List<String> failures = new ArrayList<>();
    int compared = 0;
    try (CaptureReader r = CaptureReaders.open(capture)) {
      DissectionEngine engine = new DissectionEngine();
      Frame f = new Frame();
      for (int n = 1; r.next(f); n++) {
        Dissection d = engine.dissect(f);
        if (!contains(frames, n)) {
          continue;
        }
        Map<String, String> got = blobFields(d);
        String[] row = expected.get(n).split("\t", -1);
        for (int i = 0; i < header.length; i++) {
          String name = header[i];
          if (name.startsWith("spnego.") || name.startsWith("gss-api.") || name.startsWith("kerberos.")) {
            String want = i < row.length ? row[i] : "";
            String have = got.getOrDefault(name, "");
            compared += want.isEmpty() ? 0 : 1;
            if (!want.equals(have)) {
              failures.add(file + " frame " + n + " " + name + ": tshark [" + want + "] netsift [" + have + "]");
            }
          }
        }
      }
    }
    assertTrue(compared >= frames.length * 3, "values compared: " + compared);
    assertEquals(List.of(), failures);
  }

  private static boolean contains(int[] a, int n) {
    for (int x : a) {
      if (x == n) {
        return true;
      }
    }
    return false;
  }

  /**
   * The fields SpnegoDissector.blob emits for the blob in the frame's last layer that holds one
   * (LDAP's message layer; the layers after it are zero-length markers).
   */
  private static Map<String, String> blobFields(Dissection d) {
    byte[] b = d.data();
    int layer = d.layerCount() - 1;
    int start = -1;
    for (; layer >= 0; layer--) {
      start = d.end(layer) > d.start(layer) ? blobStart(b, d.start(layer), d.end(layer)) : -1;
      if (start >= 0) {
        break;
      }
    }
    assertTrue(start >= 0, "no SPNEGO blob found");
    Map<String, List<String>> values = new LinkedHashMap<>();
    FieldVisitor v = new FieldVisitor() {
      @Override
      public void number(Field f, int offset, int length, long value) {
        add(f, new FieldValue(f, b, d.frameStart(), offset, length, value, null).text());
      }

      @Override
      public void bytes(Field f, int offset, int length) {
        add(f, new FieldValue(f, b, d.frameStart(), offset, length, Long.MIN_VALUE, null).text());
      }

      @Override
      public void object(Field f, int offset, int length, Object value) {
        if (f != null) {
          add(f, new FieldValue(f, b, d.frameStart(), offset, length, 0, value).text());
        }
      }

      private void add(Field f, String text) {
        values.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(text);
      }
    };
    Tree t = new Tree().reset(d, layer, v);
    SpnegoDissector.blob(t, start - d.start(layer), d.end(layer) - start);
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, l) -> out.put(k, String.join(",", l)));
    return out;
  }

  /**
   * Where the blob starts: the GSS-API framing before the SPNEGO OID, or (replies) the
   * negTokenTarg [1] whose SEQUENCE opens with negResult.
   */
  private static int blobStart(byte[] b, int from, int to) {
    int oid = indexOf(b, from, to, SPNEGO_OID);
    if (oid >= 0) {
      for (int k = 2; k <= 6; k++) {
        if ((b[oid - k] & 0xff) == 0x60 && (k == 2 || (b[oid - k + 1] & 0xff) == 0x80 + k - 2)) {
          return oid - k;
        }
      }
    }
    int neg = indexOf(b, from, to, NEG_RESULT);
    for (int k = 4; neg >= 0 && k <= 12; k++) {
      if ((b[neg - k] & 0xff) == 0xa1 && (b[neg - k / 2] & 0xff) == 0x30) {
        return neg - k;
      }
    }
    return -1;
  }

  private static int indexOf(byte[] b, int from, int to, byte[] what) {
    for (int i = from; i + what.length <= to; i++) {
      if (java.util.Arrays.equals(b, i, i + what.length, what, 0, what.length)) {
        return i;
      }
    }
    return -1;
  }
}

package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Walk;
import io.netsift.core.field.FieldValue;
import io.netsift.core.field.ValueCollector;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;

/**
 * One-frame dissections for the link- and network-layer tests: a frame from hex, its field
 * values as {@code tshark -T fields -E occurrence=a -E aggregator=,} prints them, its summary
 * columns and its layers' tree labels. The expected values in the tests were taken from
 * tshark 4.0.17 on the same bytes.
 */
final class LayerTestFrames {
  private LayerTestFrames() {}

  /** Dissects one frame of link type {@code linkType} from hex (spaces ignored). */
  static Dissection dissect(int linkType, String hex) {
    byte[] b = HexFormat.of().parseHex(hex.replace(" ", ""));
    Frame f = new Frame();
    f.data = b;
    f.capturedLength = b.length;
    f.originalLength = b.length;
    f.linkType = linkType;
    return new DissectionEngine().dissect(f);
  }

  /** All occurrences of a field (or frame.protocols, or a {@code _ws.col.*} column), comma-joined. */
  static String value(Dissection d, String name) {
    if (name.equals("frame.protocols")) {
      return FrameDissector.protocolsOf(d);
    }
    if (name.startsWith("_ws.col.")) {
      Columns c = columns(d);
      switch (name) {
        case "_ws.col.Protocol": return c.protocol;
        case "_ws.col.Info": return c.info();
        case "_ws.col.Source": return c.source;
        case "_ws.col.Destination": return c.destination;
        default: throw new IllegalArgumentException(name);
      }
    }
    ValueCollector vc = new ValueCollector(f -> f.name().equals(name), d.data(), d.frameStart());
    new Walk().all(d, vc);
    StringJoiner j = new StringJoiner(",");
    for (FieldValue v : vc.values()) {
      j.add(v.text());
    }
    return j.toString();
  }

  /** Asserts {@code name, value, name, value, ...}. */
  static void expect(Dissection d, String... pairs) {
    assertTrue(pairs.length % 2 == 0, "name/value pairs");
    for (int i = 0; i < pairs.length; i += 2) {
      assertEquals(pairs[i + 1], value(d, pairs[i]), pairs[i]);
    }
  }

  static Columns columns(Dissection d) {
    Columns c = new Columns();
    new Walk().columns(d, c);
    return c;
  }

  /** The tree labels of the layers of the given protocols, in frame order. */
  static List<String> labels(Dissection d, String... protocols) {
    List<String> out = new ArrayList<>();
    Walk w = new Walk();
    for (int i = 0; i < d.layerCount(); i++) {
      Dissector p = d.dissector(i);
      if (List.of(protocols).contains(p.name())) {
        out.add(p.label(w.tree(d, i)));
      }
    }
    return out;
  }

  /** The texts of the first-pass expert notes. */
  static List<String> experts(Dissection d) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < d.expertCount(); k++) {
      out.add(d.expertKind(k).field().name() + ": " + d.expertText(k));
    }
    return out;
  }
}

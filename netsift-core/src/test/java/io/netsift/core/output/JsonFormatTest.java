package io.netsift.core.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.field.FieldType;
import io.netsift.core.golden.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The streaming JSON writer against the plain rendering it replaced: the detail tree
 * ({@link NodeBuilder}) merged into ordered maps and printed. Every packet of the samples and
 * the corpus (the first {@link #FRAMES_PER_FILE} of each), as text and as UTF-8, byte for byte.
 */
class JsonFormatTest {
  /** Enough for every protocol of a file; all frames of the corpus take minutes. */
  private static final int FRAMES_PER_FILE = 1500;

  @Test
  void streamingWriterEqualsTreeRendering() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("../samples"))) {
      s.filter(p -> p.toString().contains(".pcap")).sorted().forEach(files::add);
    }
    Path corpus = Corpus.dir();
    if (corpus != null) {
      try (Stream<Path> s = Files.list(corpus)) {
        s.filter(p -> p.toString().contains(".pcap")).sorted().forEach(files::add);
      }
    }
    long packets = 0;
    for (Path file : files) {
      JsonFormat text = new JsonFormat();
      DissectionEngine engine = new DissectionEngine();
      try (CaptureReader r = CaptureReaders.open(file)) {
        Frame f = new Frame();
        StringBuilder expected = new StringBuilder();
        StringBuilder got = new StringBuilder();
        for (long n = 0; n < FRAMES_PER_FILE && r.next(f); n++) {
          Dissection d = engine.dissect(f);
          expected.setLength(0);
          if (n > 0) {
            expected.append(",\n");
          }
          reference(d, expected);
          got.setLength(0);
          text.append(d, got);
          assertEquals(expected.toString(), got.toString(), file.getFileName() + " frame " + (n + 1));
          packets++;
        }
      } catch (io.netsift.core.capture.CaptureFormatException e) {
        // a damaged capture: the frames before the damage were compared
      }
    }
    assertTrue(packets > 0);
  }

  @Test
  void utf8IsTheTextEncoded() throws IOException {
    Path file = Path.of("../samples/http.pcapng");
    JsonFormat text = new JsonFormat();
    JsonFormat utf8 = new JsonFormat();
    StringBuilder sb = new StringBuilder(text.begin());
    DissectionEngine engine = new DissectionEngine();
    try (CaptureReader r = CaptureReaders.open(file)) {
      Frame f = new Frame();
      while (r.next(f)) {
        Dissection d = engine.dissect(f);
        text.append(d, sb);
        utf8.appendUtf8(d);
      }
    }
    String all = sb.append(text.end()).toString();
    byte[] body = utf8.takeUtf8();
    String fromUtf8 = "[\n" + new String(body, StandardCharsets.UTF_8) + "\n]\n";
    assertEquals(all, fromUtf8);
  }

  // ---------- the reference: the detail tree as ordered maps ----------

  private static void reference(Dissection d, StringBuilder out) {
    out.append("  {\n");
    out.append("    \"_index\": \"packets-").append(JsonFormat.indexDate(d)).append("\",\n");
    out.append("    \"_type\": \"doc\",\n");
    out.append("    \"_score\": null,\n");
    out.append("    \"_source\": {\n");
    out.append("      \"layers\": ");
    Map<String, Object> layers = new LinkedHashMap<>();
    for (NodeBuilder.Node root : NodeBuilder.build(d)) {
      String key = root.value != null ? root.value.name() : root.text;
      JsonFormat.merge(layers, key, object(root.children));
    }
    write(out, layers, 6);
    out.append("\n    }\n  }");
  }

  private static Map<String, Object> object(List<NodeBuilder.Node> nodes) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (NodeBuilder.Node n : nodes) {
      if (n.value == null) {
        JsonFormat.merge(m, n.text, n.children.isEmpty() ? "" : object(n.children));
        continue;
      }
      FieldType type = n.value.field().type();
      if (JsonFormat.keyedByNameAlone(n.value.field()) && !n.children.isEmpty()) {
        JsonFormat.merge(m, n.value.name(), object(n.children));
        continue;
      }
      JsonFormat.merge(m, n.value.name(), type == FieldType.NONE ? "" : JsonFormat.text(n.value));
      if (!n.children.isEmpty()) {
        JsonFormat.merge(m, n.value.name() + "_tree", object(n.children));
      }
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private static void write(StringBuilder sb, Object v, int indent) {
    if (v instanceof Map) {
      Map<String, Object> m = (Map<String, Object>) v;
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      int i = 0;
      for (Map.Entry<String, Object> e : m.entrySet()) {
        sb.append(" ".repeat(indent + 2));
        Json.string(sb, e.getKey());
        sb.append(": ");
        write(sb, e.getValue(), indent + 2);
        sb.append(++i < m.size() ? ",\n" : "\n");
      }
      sb.append(" ".repeat(indent)).append('}');
    } else if (v instanceof JsonFormat.Repeated) {
      List<Object> l = (List<Object>) v;
      sb.append("[\n");
      for (int i = 0; i < l.size(); i++) {
        sb.append(" ".repeat(indent + 2));
        write(sb, l.get(i), indent + 2);
        sb.append(i + 1 < l.size() ? ",\n" : "\n");
      }
      sb.append(" ".repeat(indent)).append(']');
    } else {
      Json.string(sb, String.valueOf(v));
    }
  }
}

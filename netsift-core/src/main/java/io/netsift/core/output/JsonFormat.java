package io.netsift.core.output;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.field.FieldFormat;
import io.netsift.core.field.FieldType;
import io.netsift.core.field.FieldValue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tshark -T json --no-duplicate-keys}: one object per packet in a JSON array, layers
 * keyed by protocol, fields keyed by filter name, a field's children under
 * {@code name_tree}, repeated keys merged into arrays.
 */
public final class JsonFormat {
  private boolean first = true;

  /** The text before the first packet. */
  public String begin() {
    return "[\n";
  }

  /** The text after the last packet. */
  public String end() {
    return first ? "]\n" : "\n]\n";
  }

  /** Appends one packet object (with the separating comma when needed). */
  public void append(Dissection d, StringBuilder out) {
    if (!first) {
      out.append(",\n");
    }
    first = false;
    out.append("  {\n");
    out.append("    \"_index\": \"packets-").append(indexDate(d)).append("\",\n");
    out.append("    \"_type\": \"doc\",\n");
    out.append("    \"_score\": null,\n");
    out.append("    \"_source\": {\n");
    out.append("      \"layers\": ");
    Map<String, Object> layers = new LinkedHashMap<>();
    for (NodeBuilder.Node root : NodeBuilder.build(d)) {
      String key = root.value != null ? root.value.name() : root.text;
      merge(layers, key, object(root.children));
    }
    write(out, layers, 6);
    out.append("\n    }\n  }");
  }

  static String indexDate(Dissection d) {
    long sec = Math.floorDiv(d.timestampNanos(), 1_000_000_000L);
    return LocalDate.ofInstant(Instant.ofEpochSecond(sec), FieldFormat.zone()).toString();
  }

  /** Children as an ordered map: field → text, field_tree → children, repeats → lists. */
  static Map<String, Object> object(List<NodeBuilder.Node> nodes) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (NodeBuilder.Node n : nodes) {
      if (n.value == null) {
        merge(m, n.text, n.children.isEmpty() ? "" : object(n.children));
        continue;
      }
      FieldType type = n.value.field().type();
      if ((type == FieldType.NONE || type == FieldType.PROTOCOL && n.value.name().startsWith("_ws."))
          && !n.children.isEmpty()) {
        // A valueless item's subtree (an expert note, tls.record, cfp.s_hmac) is keyed by its
        // name alone; other protocol items (a TCP option) have a value and a name_tree like any field.
        merge(m, n.value.name(), object(n.children));
        continue;
      }
      merge(m, n.value.name(), type == FieldType.NONE ? "" : text(n.value));
      if (!n.children.isEmpty()) {
        merge(m, n.value.name() + "_tree", object(n.children));
      }
    }
    return m;
  }

  /** JSON prints byte strings with colons between bytes, unlike -T fields. */
  static String text(FieldValue v) {
    FieldType t = v.field().type();
    boolean raw = v.object() == null && (t == FieldType.BYTES || t == FieldType.UINT_BYTES || t == FieldType.PROTOCOL);
    if (raw && v.length() > 0) {
      byte[] b = v.bytes();
      return io.netsift.core.field.Addresses.hex(b, 0, b.length, ':');
    }
    return v.text();
  }

  @SuppressWarnings("unchecked")
  static void merge(Map<String, Object> m, String key, Object value) {
    Object old = m.get(key);
    if (old == null) {
      m.put(key, value);
    } else if (old instanceof Repeated) {
      ((Repeated) old).add(value);
    } else {
      Repeated r = new Repeated();
      r.add(old);
      r.add(value);
      m.put(key, r);
    }
  }

  /** Values of a key that occurred more than once. */
  static final class Repeated extends ArrayList<Object> {}

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
        pad(sb, indent + 2);
        Json.string(sb, e.getKey());
        sb.append(": ");
        write(sb, e.getValue(), indent + 2);
        sb.append(++i < m.size() ? ",\n" : "\n");
      }
      pad(sb, indent);
      sb.append('}');
    } else if (v instanceof Repeated) {
      List<Object> l = (List<Object>) v;
      sb.append("[\n");
      for (int i = 0; i < l.size(); i++) {
        pad(sb, indent + 2);
        write(sb, l.get(i), indent + 2);
        sb.append(i + 1 < l.size() ? ",\n" : "\n");
      }
      pad(sb, indent);
      sb.append(']');
    } else {
      Json.string(sb, String.valueOf(v));
    }
  }

  private static final String SPACES = " ".repeat(256);

  private static void pad(StringBuilder sb, int n) {
    if (n <= SPACES.length()) {
      sb.append(SPACES, 0, n);
      return;
    }
    for (int i = 0; i < n; i++) {
      sb.append(' ');
    }
  }
}

package io.netsift.core.output;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.field.FieldType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tshark -T ek}: Elasticsearch bulk lines, an index line then a document line per
 * packet, each layer's fields flattened with dots turned into underscores and prefixed by
 * the layer name, booleans as JSON booleans.
 */
public final class EkFormat {
  /** Appends the two lines of one packet. */
  public void append(Dissection d, StringBuilder out) {
    out.append("{\"index\":{\"_index\":\"packets-").append(JsonFormat.indexDate(d))
        .append("\",\"_type\":\"doc\"}}\n");
    out.append("{\"timestamp\":\"").append(Math.floorDiv(d.timestampNanos(), 1_000_000L))
        .append("\",\"layers\":{");
    Map<String, Map<String, Object>> layers = new LinkedHashMap<>();
    for (NodeBuilder.Node root : NodeBuilder.build(d)) {
      if (root.value == null) {
        continue;
      }
      String layer = root.value.name();
      Map<String, Object> fields = layers.computeIfAbsent(layer, k -> new LinkedHashMap<>());
      flatten(layer, root.children, fields);
    }
    int i = 0;
    for (Map.Entry<String, Map<String, Object>> e : layers.entrySet()) {
      if (i++ > 0) {
        out.append(',');
      }
      Json.string(out, e.getKey().replace('.', '_'));
      out.append(":{");
      int j = 0;
      for (Map.Entry<String, Object> f : e.getValue().entrySet()) {
        if (j++ > 0) {
          out.append(',');
        }
        Json.string(out, f.getKey());
        out.append(':');
        value(out, f.getValue());
      }
      out.append('}');
    }
    out.append("}}\n");
  }

  private static void flatten(String layer, List<NodeBuilder.Node> nodes, Map<String, Object> out) {
    for (NodeBuilder.Node n : nodes) {
      if (n.value != null) {
        String key = (layer + "_" + n.value.name()).replace('.', '_');
        Object v = n.value.field().type() == FieldType.BOOLEAN ? (Object) n.value.asBoolean() : n.value.text();
        JsonFormat.merge(out, key, v);
      }
      flatten(layer, n.children, out);
    }
  }

  private static void value(StringBuilder out, Object v) {
    if (v instanceof JsonFormat.Repeated) {
      out.append('[');
      List<?> l = (List<?>) v;
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        value(out, l.get(i));
      }
      out.append(']');
    } else if (v instanceof Boolean) {
      out.append(v);
    } else {
      Json.string(out, String.valueOf(v));
    }
  }
}

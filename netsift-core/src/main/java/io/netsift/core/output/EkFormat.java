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

  /**
   * Flattens a layer's subtree as tshark's EK output does: keys are the field's protocol and
   * name with dots turned into underscores ({@code tcp_tcp_srcport}; a protocol item is its
   * own name, {@code tcp_options_mss}), a protocol item with children (an expert note) becomes
   * a nested object, text lines are "text", booleans are JSON booleans and FT_NONE is null.
   */
  private static void flatten(String layer, List<NodeBuilder.Node> nodes, Map<String, Object> out) {
    for (NodeBuilder.Node n : nodes) {
      if (n.value == null) {
        JsonFormat.merge(out, "text", n.text);
        flatten(layer, n.children, out);
        continue;
      }
      FieldType type = n.value.field().type();
      String key = type == FieldType.PROTOCOL ? n.value.name().replace('.', '_')
          : (n.value.field().protocol() + "_" + n.value.name()).replace('.', '_');
      if (type == FieldType.PROTOCOL && !n.children.isEmpty()) {
        Map<String, Object> inner = new LinkedHashMap<>();
        flatten(layer, n.children, inner);
        JsonFormat.merge(out, key, inner);
        continue;
      }
      Object v = type == FieldType.BOOLEAN ? (Object) n.value.asBoolean()
          : type == FieldType.NONE ? NULL
          : type == FieldType.ABSOLUTE_TIME && n.value.field().base() != io.netsift.core.field.Base.TIME_UNIX
              ? iso(n.value.asLong()) : JsonFormat.text(n.value);
      JsonFormat.merge(out, key, v);
      flatten(layer, n.children, out);
    }
  }

  /** Absolute times as EK prints them: ISO 8601 in UTC with nine digits. */
  private static String iso(long nanos) {
    java.time.Instant t = java.time.Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    java.time.LocalDateTime l = java.time.LocalDateTime.ofInstant(t, java.time.ZoneOffset.UTC);
    return String.format("%04d-%02d-%02dT%02d:%02d:%02d.%09dZ", l.getYear(), l.getMonthValue(), l.getDayOfMonth(),
        l.getHour(), l.getMinute(), l.getSecond(), l.getNano());
  }

  /** JSON null, for FT_NONE items. */
  private static final Object NULL = new Object();

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
    } else if (v == NULL) {
      out.append("null");
    } else if (v instanceof Map) {
      out.append('{');
      int i = 0;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (i++ > 0) {
          out.append(',');
        }
        Json.string(out, String.valueOf(e.getKey()));
        out.append(':');
        value(out, e.getValue());
      }
      out.append('}');
    } else {
      Json.string(out, String.valueOf(v));
    }
  }
}

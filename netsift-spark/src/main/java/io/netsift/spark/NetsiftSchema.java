package io.netsift.spark;

import io.netsift.core.field.Field;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.output.FieldExtractor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns: fixed ones for every packet, then one typed column per requested field,
 * named after the field with dots as underscores ({@code ip.src} → {@code ip_src}).
 * A plain field name gives the first occurrence (tshark's {@code -E occurrence=f}); a name
 * ending in {@code []} gives every occurrence, in order, as an array.
 */
final class NetsiftSchema implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The fixed columns and, for those a display filter can test, the field they equal. */
  static final String[][] FIXED = {
    {"file", null}, {"frame_number", "frame.number"}, {"timestamp", null},
    {"caplen", "frame.cap_len"}, {"len", "frame.len"}, {"time", null}, {"source", null},
    {"destination", null}, {"protocol", null}, {"length", "frame.len"}, {"info", null},
  };
  /** Summary columns that need whole-file state (TCP analysis and reassembly in Info). */
  static final List<String> STATEFUL_COLUMNS = List.of("source", "destination", "protocol", "info");

  /** One requested field. */
  static final class FieldColumn implements Serializable {
    private static final long serialVersionUID = 1L;
    final String field;
    final String column;
    final boolean array;
    final FieldExtractor.Kind kind;

    FieldColumn(String field, boolean array, FieldExtractor.Kind kind) {
      this.field = field;
      this.column = field.replace('.', '_');
      this.array = array;
      this.kind = kind;
    }

    DataType elementType() {
      switch (kind) {
        case LONG: return DataTypes.LongType;
        case DOUBLE: return DataTypes.DoubleType;
        case BOOLEAN: return DataTypes.BooleanType;
        default: return DataTypes.StringType;
      }
    }

    /** The field as the registry declares it. */
    Field declared() {
      return FieldRegistry.standard().get(field);
    }
  }

  final List<FieldColumn> fields = new ArrayList<>();

  NetsiftSchema(List<String> requested) {
    FieldRegistry reg = FieldRegistry.standard();
    List<String> bad = new ArrayList<>();
    java.util.Set<String> columns = new java.util.HashSet<>();
    for (String[] f : FIXED) {
      columns.add(f[0]);
    }
    for (String r : requested) {
      boolean array = r.endsWith("[]");
      String name = array ? r.substring(0, r.length() - 2) : r;
      Field f = reg.get(name);
      if (f == null || name.startsWith("_ws.col.")) {
        bad.add(name);
        continue;
      }
      FieldColumn c = new FieldColumn(name, array, FieldExtractor.Kind.of(f));
      if (!columns.add(c.column)) {
        throw new IllegalArgumentException("option fields: column " + c.column
            + " would appear twice (" + r + ")");
      }
      fields.add(c);
    }
    if (!bad.isEmpty()) {
      throw new IllegalArgumentException("option fields: unknown fields: " + String.join(", ", bad)
          + " (netsift fields lists them)");
    }
  }

  StructType struct() {
    List<StructField> cols = new ArrayList<>();
    cols.add(DataTypes.createStructField("file", DataTypes.StringType, false));
    cols.add(DataTypes.createStructField("frame_number", DataTypes.LongType, false));
    cols.add(DataTypes.createStructField("timestamp", DataTypes.TimestampType, false));
    cols.add(DataTypes.createStructField("caplen", DataTypes.IntegerType, false));
    cols.add(DataTypes.createStructField("len", DataTypes.LongType, false));
    cols.add(DataTypes.createStructField("time", DataTypes.StringType, false));
    cols.add(DataTypes.createStructField("source", DataTypes.StringType, false));
    cols.add(DataTypes.createStructField("destination", DataTypes.StringType, false));
    cols.add(DataTypes.createStructField("protocol", DataTypes.StringType, false));
    cols.add(DataTypes.createStructField("length", DataTypes.LongType, false));
    cols.add(DataTypes.createStructField("info", DataTypes.StringType, false));
    for (FieldColumn c : fields) {
      cols.add(DataTypes.createStructField(c.column,
          c.array ? DataTypes.createArrayType(c.elementType(), false) : c.elementType(), true));
    }
    return DataTypes.createStructType(cols);
  }

  /** Column name → the display-filter field it holds (fixed and field columns). */
  Map<String, String> filterFields() {
    Map<String, String> m = new java.util.HashMap<>();
    for (String[] f : FIXED) {
      if (f[1] != null) {
        m.put(f[0], f[1]);
      }
    }
    for (FieldColumn c : fields) {
      if (!c.array) {
        m.put(c.column, c.field);
      }
    }
    return m;
  }

  FieldColumn column(String name) {
    for (FieldColumn c : fields) {
      if (c.column.equals(name)) {
        return c;
      }
    }
    return null;
  }
}

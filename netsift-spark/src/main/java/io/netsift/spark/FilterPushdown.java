package io.netsift.spark;

import io.netsift.core.field.Field;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.field.FieldType;
import io.netsift.core.filter.FilterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;

/**
 * Turns Spark's filters into display-filter text that the reader evaluates on every packet
 * before building a row.
 *
 * <p>A fixed column (frame number, lengths) holds one value per packet, so its translation
 * is exact and Spark need not check it again. A field column holds the field's first
 * occurrence while a display filter tests any occurrence ({@code ip.src == a} is true when
 * the inner IP of an ICMP error has {@code a}); the translation of a positive comparison is
 * therefore a superset of the rows wanted, pushed for speed and evaluated again by Spark.
 * A NOT over a field column would not be a superset, so it is not pushed.
 */
final class FilterPushdown {
  private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]+(/\\d{1,3})?");

  private final Map<String, String> fields;
  private final Set<String> exactColumns;
  final List<Filter> pushed = new ArrayList<>();
  final List<String> expressions = new ArrayList<>();
  final List<Filter> postScan = new ArrayList<>();

  FilterPushdown(NetsiftSchema schema) {
    this.fields = schema.filterFields();
    this.exactColumns = Set.of("frame_number", "caplen", "len", "length");
  }

  /** Sorts {@code filters} into pushed (with their text) and those Spark evaluates after. */
  void push(Filter[] filters) {
    for (Filter f : filters) {
      String text = translate(f, true);
      if (text != null && compiles(text)) {
        pushed.add(f);
        expressions.add(text);
        if (!exact(f)) {
          postScan.add(f);
        }
      } else {
        postScan.add(f);
      }
    }
  }

  /** The pushed filters as one display filter, or null. */
  String displayFilter() {
    return expressions.isEmpty() ? null : String.join(" && ", expressions);
  }

  private static boolean compiles(String text) {
    try {
      io.netsift.core.filter.Filter.compile(text);
      return true;
    } catch (FilterException e) {
      return false;
    }
  }

  private boolean exact(Filter f) {
    for (String c : f.references()) {
      if (!exactColumns.contains(c)) {
        return false;
      }
    }
    return true;
  }

  /** Display-filter text of {@code f}, or null; {@code positive} is false under a NOT. */
  private String translate(Filter f, boolean positive) {
    if (f instanceof And) {
      String l = translate(((And) f).left(), positive);
      String r = translate(((And) f).right(), positive);
      return l == null || r == null ? null : "(" + l + " && " + r + ")";
    }
    if (f instanceof Or) {
      String l = translate(((Or) f).left(), positive);
      String r = translate(((Or) f).right(), positive);
      return l == null || r == null ? null : "(" + l + " || " + r + ")";
    }
    if (f instanceof Not) {
      Filter inner = ((Not) f).child();
      if (!exact(inner)) {
        return null;
      }
      String t = translate(inner, !positive);
      return t == null ? null : "!(" + t + ")";
    }
    if (f instanceof EqualTo) {
      return compare(((EqualTo) f).attribute(), "==", ((EqualTo) f).value());
    }
    if (f instanceof GreaterThan) {
      return compare(((GreaterThan) f).attribute(), ">", ((GreaterThan) f).value());
    }
    if (f instanceof GreaterThanOrEqual) {
      return compare(((GreaterThanOrEqual) f).attribute(), ">=",
          ((GreaterThanOrEqual) f).value());
    }
    if (f instanceof LessThan) {
      return compare(((LessThan) f).attribute(), "<", ((LessThan) f).value());
    }
    if (f instanceof LessThanOrEqual) {
      return compare(((LessThanOrEqual) f).attribute(), "<=", ((LessThanOrEqual) f).value());
    }
    if (f instanceof In) {
      In in = (In) f;
      String field = fields.get(in.attribute());
      if (field == null || in.values().length == 0) {
        return null;
      }
      List<String> values = new ArrayList<>();
      for (Object v : in.values()) {
        String lit = literal(field, v);
        if (lit == null) {
          return null;
        }
        values.add(lit);
      }
      return field + " in {" + String.join(", ", values) + "}";
    }
    if (f instanceof IsNotNull) {
      return fields.get(((IsNotNull) f).attribute());
    }
    return null;
  }

  private String compare(String column, String op, Object value) {
    String field = fields.get(column);
    String lit = field == null ? null : literal(field, value);
    return lit == null ? null : field + " " + op + " " + lit;
  }

  /** {@code v} as a display-filter literal for {@code field}, or null if it has none. */
  private static String literal(String field, Object v) {
    Field f = FieldRegistry.standard().get(field);
    if (v == null || f == null) {
      return null;
    }
    if (v instanceof Boolean) {
      return (Boolean) v ? "1" : "0";
    }
    if (v instanceof Number) {
      return v instanceof Double || v instanceof Float ? Double.toString(((Number) v).doubleValue())
          : Long.toString(((Number) v).longValue());
    }
    String s = v.toString();
    FieldType t = f.type();
    if (t == FieldType.IPv4 || t == FieldType.IPv6 || t == FieldType.ETHER) {
      return ADDRESS.matcher(s).matches() ? s : null;
    }
    StringBuilder q = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        q.append('\\');
      }
      if (c < 0x20) {
        q.append(String.format("\\x%02x", (int) c));
      } else {
        q.append(c);
      }
    }
    return q.append('"').toString();
  }
}

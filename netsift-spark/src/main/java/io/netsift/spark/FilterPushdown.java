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
import org.apache.spark.sql.connector.expressions.Cast;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.GeneralScalarExpression;
import org.apache.spark.sql.connector.expressions.Literal;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.filter.And;
import org.apache.spark.sql.connector.expressions.filter.Not;
import org.apache.spark.sql.connector.expressions.filter.Or;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.LongType;

/**
 * Turns Spark's predicates (the V2 {@link Predicate} API) into display-filter text that the
 * reader evaluates on every packet before building a row.
 *
 * <p>A fixed column (frame number, lengths) holds one value per packet, so its translation
 * is exact and Spark need not check it again. A field column holds the field's first
 * occurrence while a display filter tests any occurrence ({@code ip.src == a} is true when
 * the inner IP of an ICMP error has {@code a}); the translation of a positive test is
 * therefore a superset of the rows wanted, pushed for speed and evaluated again by Spark.
 * A NOT (or {@code <>}) over a field column would not be a superset, so it is not pushed.
 *
 * <p>Beyond what V1 filters can say, predicates compare two columns ({@code tcp_srcport <
 * tcp_dstport}, {@code caplen < len}), mask a column ({@code (tcp_flags & 2) = 2}), test for
 * null ({@code ip_src IS NULL} → {@code !ip.src}) and match string fields ({@code LIKE 'a%'},
 * {@code '%a'}, {@code '%a%'} → {@code matches}/{@code contains}).
 */
final class FilterPushdown {
  private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]+(/\\d{1,3})?");
  private static final Set<String> COMPARISONS = Set.of("=", "<", "<=", ">", ">=", "<>");
  private static final Set<FieldType> STRINGS =
      Set.of(FieldType.STRING, FieldType.STRINGZ, FieldType.UINT_STRING);

  private final Map<String, String> fields;
  private final Set<String> exactColumns;
  final List<Predicate> pushed = new ArrayList<>();
  final List<String> expressions = new ArrayList<>();
  final List<Predicate> postScan = new ArrayList<>();

  FilterPushdown(NetsiftSchema schema) {
    this.fields = schema.filterFields();
    this.exactColumns = Set.of("frame_number", "caplen", "len", "length");
  }

  /** Sorts {@code predicates} into pushed (with their text) and those Spark evaluates after. */
  void push(Predicate[] predicates) {
    for (Predicate p : predicates) {
      String text = translate(p);
      if (text != null && compiles(text)) {
        pushed.add(p);
        expressions.add(text);
        if (!exact(p)) {
          postScan.add(p);
        }
      } else {
        postScan.add(p);
      }
    }
  }

  /** The pushed predicates as one display filter, or null. */
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

  private boolean exact(Expression e) {
    for (NamedReference r : e.references()) {
      if (!exactColumns.contains(column(r))) {
        return false;
      }
    }
    return true;
  }

  private static String column(NamedReference r) {
    return String.join(".", r.fieldNames());
  }

  /** Display-filter text of {@code p}, or null. */
  private String translate(Predicate p) {
    if (p instanceof And) {
      String l = translate(((And) p).left());
      String r = translate(((And) p).right());
      return l == null || r == null ? null : "(" + l + " && " + r + ")";
    }
    if (p instanceof Or) {
      String l = translate(((Or) p).left());
      String r = translate(((Or) p).right());
      return l == null || r == null ? null : "(" + l + " || " + r + ")";
    }
    if (p instanceof Not) {
      Predicate inner = ((Not) p).child();
      String t = exact(inner) ? translate(inner) : null;
      return t == null ? null : "!(" + t + ")";
    }
    Expression[] c = p.children();
    String name = p.name();
    if (COMPARISONS.contains(name) && c.length == 2) {
      if (name.equals("<>") && !exact(p)) {
        return null;
      }
      String hint = typing(c[0]) != null ? typing(c[0]) : typing(c[1]);
      String l = operand(c[0], hint);
      String r = operand(c[1], hint);
      return l == null || r == null ? null
          : l + " " + (name.equals("=") ? "==" : name.equals("<>") ? "!=" : name) + " " + r;
    }
    switch (name) {
      case "IS_NOT_NULL":
        return c.length == 1 ? fieldOf(c[0]) : null;
      case "IS_NULL": {
        String f = c.length == 1 ? fieldOf(c[0]) : null;
        return f == null ? null : "!" + f;
      }
      case "IN": {
        String field = c.length > 1 && c[0] instanceof NamedReference ? fieldOf(c[0]) : null;
        if (field == null) {
          return null;
        }
        List<String> values = new ArrayList<>();
        for (int i = 1; i < c.length; i++) {
          String lit = c[i] instanceof Literal ? literal(field, ((Literal<?>) c[i]).value()) : null;
          if (lit == null) {
            return null;
          }
          values.add(lit);
        }
        return field + " in {" + String.join(", ", values) + "}";
      }
      case "STARTS_WITH":
      case "ENDS_WITH":
      case "CONTAINS":
        return stringMatch(name, c);
      default:
        return null;
    }
  }

  /**
   * The field a column reference stands for, or null; also through a widening cast
   * ({@code caplen}, an int, compared with a long is {@code CAST(caplen AS long)}).
   */
  private String fieldOf(Expression e) {
    if (e instanceof Cast && (((Cast) e).dataType() instanceof LongType
        || ((Cast) e).dataType() instanceof DoubleType)) {
      e = ((Cast) e).expression();
    }
    return e instanceof NamedReference ? fields.get(column((NamedReference) e)) : null;
  }

  /** The field whose type a literal compared with {@code e} takes, or null. */
  private String typing(Expression e) {
    String f = fieldOf(e);
    return f == null && e instanceof GeneralScalarExpression && e.children().length > 0
        ? fieldOf(e.children()[0]) : f;
  }

  /**
   * A comparison operand: a column, a literal (typed by {@code hint}, the field on the other
   * side), or a column masked by a non-negative constant.
   */
  private String operand(Expression e, String hint) {
    if (fieldOf(e) != null) {
      return fieldOf(e);
    }
    if (e instanceof Literal) {
      return hint == null ? null : literal(hint, ((Literal<?>) e).value());
    }
    if (e instanceof GeneralScalarExpression && ((GeneralScalarExpression) e).name().equals("&")) {
      Expression[] c = e.children();
      String field = c.length == 2 ? fieldOf(c[0]) : null;
      Object mask = c.length == 2 && c[1] instanceof Literal ? ((Literal<?>) c[1]).value() : null;
      if (field == null || !(mask instanceof Long || mask instanceof Integer)
          || ((Number) mask).longValue() < 0) {
        return null;
      }
      return "{" + field + " & " + ((Number) mask).longValue() + "}";
    }
    return null;
  }

  /**
   * {@code LIKE 'a%'}, {@code '%a'}, {@code '%a%'} on a string field. The display filter's
   * {@code matches} ignores case, a superset of Spark's test, which Spark then makes.
   */
  private String stringMatch(String name, Expression[] c) {
    String field = c.length == 2 ? fieldOf(c[0]) : null;
    Field f = field == null ? null : FieldRegistry.standard().get(field);
    if (f == null || !STRINGS.contains(f.type()) || !(c[1] instanceof Literal)
        || ((Literal<?>) c[1]).value() == null) {
      return null;
    }
    String s = ((Literal<?>) c[1]).value().toString();
    if (name.equals("CONTAINS")) {
      return field + " contains " + quote(s);
    }
    String re = s.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0");
    return field + " matches " + quote(name.equals("STARTS_WITH") ? "^" + re : re + "$");
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
    return quote(s);
  }

  /** {@code s} as a display-filter string literal. */
  private static String quote(String s) {
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

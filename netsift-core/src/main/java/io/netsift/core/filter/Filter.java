package io.netsift.core.filter;

import io.netsift.core.Packet;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.field.FieldRegistry;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A compiled Wireshark display filter ({@code tcp.port == 80 && ip.addr == 10.0.0.0/8}).
 * {@link #compile} checks the expression against the field registry, with tshark 4.0's rules
 * and error messages, and builds a predicate that first looks at the layer table, then reads
 * only the fields it references, walking only the layers of the protocols that hold them. A
 * filter is immutable, reusable and thread-safe: each thread evaluates with its own scratch
 * buffers, so matching a packet allocates nothing for comparisons of numbers, addresses and
 * bytes (strings, string functions and multi-range slices may allocate).
 *
 * <pre>{@code
 * Filter f = Filter.compile("dns.qry.name contains \"example\" and not ip.addr == 10.0.0.0/8");
 * if (f.matches(packet)) { ... }
 * }</pre>
 *
 * <p>The language is Wireshark 4.0's, plus what later versions added ({@code xor}/{@code ^^},
 * {@code @field}, chained comparisons with constants such as {@code 1 < tcp.port < 1024}, and
 * {@code ip_rfc1918}, {@code ip_linklocal}, {@code ip_multicast}); {@code matches} uses RE2
 * syntax (linear time) rather than PCRE2.
 */
public final class Filter implements Predicate<Packet> {
  private final Program program;
  private final ThreadLocal<Scratch> scratch;

  /** The compiled program (for tests in this package). */
  Program program() {
    return program;
  }

  private Filter(Program program) {
    this.program = program;
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(program));
  }

  /** Compiles a filter over the standard protocols; an empty filter matches every packet. */
  public static Filter compile(String expression) throws FilterException {
    return compile(expression, FieldRegistry.standard(), Protocols.standard());
  }

  /** Compiles a filter over a given registry and protocol set (Decode As registries, tests). */
  public static Filter compile(String expression, FieldRegistry registry, Protocols protocols)
      throws FilterException {
    Objects.requireNonNull(expression, "expression");
    return new Filter(Checker.compile(expression, registry, protocols));
  }

  /** Whether the dissected frame matches. The dissection may be the engine's reused one. */
  public boolean matches(Dissection d) {
    return test(program, scratch.get(), d);
  }

  private static boolean test(Program program, Scratch s, Dissection d) {
    s.begin(d);
    try {
      return program.root.test(s);
    } finally {
      s.end();
    }
  }

  /**
   * This filter with scratch buffers of its own, for one thread that matches many packets:
   * the same answers as {@link #matches(Dissection)} without the per-call thread-local look-up
   * (which cost a third of the filter's time on {@code tcp.port == 80}). Not thread-safe.
   */
  public Evaluator evaluator() {
    return new Evaluator(program);
  }

  /** A {@link Filter} bound to one thread's scratch buffers ({@link Filter#evaluator()}). */
  public static final class Evaluator {
    private final Program program;
    private final Scratch scratch;

    private Evaluator(Program program) {
      this.program = program;
      this.scratch = new Scratch(program);
    }

    /** Whether the dissected frame matches. */
    public boolean matches(Dissection d) {
      return test(program, scratch, d);
    }
  }

  /** Whether the packet matches. */
  public boolean matches(Packet p) {
    return matches(p.dissection());
  }

  /** Same as {@link #matches(Packet)}, so a filter can be passed where a predicate is wanted. */
  @Override
  public boolean test(Packet p) {
    return matches(p);
  }

  /** The expression this filter was compiled from. */
  public String expression() {
    return program.filter;
  }

  /** Names of the fields and protocols the filter reads, in order of first use. */
  public List<String> fields() {
    return program.names;
  }

  /**
   * The compiled plan, like Wireshark's {@code dftest}: the typed syntax tree, then the fields
   * read and the layers each one is looked for in.
   */
  public String explain() {
    StringBuilder sb = new StringBuilder();
    sb.append("Filter: ").append(program.filter).append("\n\nSyntax tree:\n");
    tree(sb, program.root, 0);
    sb.append("\nFields read (collected on first use, once per packet):\n");
    if (program.slots.isEmpty()) {
      sb.append("  (none)\n");
    }
    for (Program.Slot s : program.slots) {
      sb.append("  ").append(s.field.name()).append(" <").append(s.field.type().tsharkName()).append(">  ");
      if (s.layerProtocol != null) {
        sb.append("from the layer table (").append(s.layerProtocol.name()).append(" layers)");
      } else if (s.candidates == null) {
        sb.append("by walking every layer");
      } else {
        sb.append("by walking only the layers of:");
        for (Dissector d : Protocols.standard().all()) {
          if (s.candidate(d)) {
            sb.append(' ').append(d.name());
          }
        }
      }
      sb.append('\n');
    }
    sb.append("\nA field whose protocols are not in the frame's layer table is absent without walking;\n"
        + "a relation on an absent field is false.\n");
    return sb.toString();
  }

  private static void tree(StringBuilder sb, Ir.Test t, int depth) {
    indent(sb, depth).append(t.describe()).append('\n');
    for (Ir.Test c : t.tests()) {
      tree(sb, c, depth + 1);
    }
    for (Ir.Expr e : t.exprs()) {
      expr(sb, e, depth + 1);
    }
  }

  private static void expr(StringBuilder sb, Ir.Expr e, int depth) {
    indent(sb, depth).append(e.describe()).append('\n');
    for (Ir.Expr c : e.children()) {
      expr(sb, c, depth + 1);
    }
  }

  private static StringBuilder indent(StringBuilder sb, int depth) {
    sb.append(String.format("%2d ", depth));
    for (int i = 0; i < depth; i++) {
      sb.append("  ");
    }
    return sb;
  }

  @Override
  public String toString() {
    return program.filter;
  }
}

package io.netsift.core.analysis;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.filter.Filter;
import io.netsift.core.filter.FilterException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Wireshark's coloring rules: an ordered list of (name, display filter, background, foreground);
 * the first enabled rule whose filter matches a packet gives its colors. Read and written in
 * Wireshark's {@code colorfilters} format, one rule a line:
 * <pre>
 *   &#64;NAME&#64;FILTER&#64;[R,G,B][R,G,B]      background first, then foreground, 16-bit components
 *   !&#64;NAME&#64;FILTER&#64;[...][...]          a disabled rule
 *   # comment
 * </pre>
 * A rule whose filter names a field netsift does not know is kept (and written back): it applies
 * with the top-level alternatives that compile, or never matches when none does; {@link #parse}
 * reports all such rules in one warning.
 */
public final class ColoringRules {
  /** One rule; {@code background}/{@code foreground} are 24-bit RGB ({@code 0xRRGGBB}). */
  public static final class Rule {
    private final String name;
    private final String filterText;
    private final int[] background16;
    private final int[] foreground16;
    private final boolean disabled;
    private final List<Filter> filter;
    private final int index;

    Rule(int index, String name, String filterText, int[] bg, int[] fg, boolean disabled, List<Filter> filter) {
      this.index = index;
      this.name = name;
      this.filterText = filterText;
      this.background16 = bg;
      this.foreground16 = fg;
      this.disabled = disabled;
      this.filter = filter;
    }

    public String name() {
      return name;
    }

    public String filter() {
      return filterText;
    }

    /** Position in the list (0-based). */
    public int index() {
      return index;
    }

    public boolean disabled() {
      return disabled;
    }

    /** Whether netsift could compile the filter or some of its alternatives (else it never matches). */
    public boolean usable() {
      return filter != null;
    }

    /** Background as 0xRRGGBB (each 16-bit component's high byte, as Wireshark shows it). */
    public int background() {
      return rgb(background16);
    }

    /** Foreground as 0xRRGGBB. */
    public int foreground() {
      return rgb(foreground16);
    }

    /** {@code #rrggbb} of the background. */
    public String backgroundHex() {
      return String.format(Locale.ROOT, "#%06x", background());
    }

    /** {@code #rrggbb} of the foreground. */
    public String foregroundHex() {
      return String.format(Locale.ROOT, "#%06x", foreground());
    }

    /** The ANSI 24-bit escape that starts a line in this rule's colors (tshark {@code --color}). */
    public String ansiStart() {
      int fg = foreground();
      int bg = background();
      return "\u001b[38;2;" + (fg >> 16) + ";" + ((fg >> 8) & 0xff) + ";" + (fg & 0xff) + "m"
          + "\u001b[48;2;" + (bg >> 16) + ";" + ((bg >> 8) & 0xff) + ";" + (bg & 0xff) + "m";
    }

    boolean matches(Dissection d) {
      if (disabled || filter == null) {
        return false;
      }
      for (Filter f : filter) {
        if (f.matches(d)) {
          return true;
        }
      }
      return false;
    }

    private static int rgb(int[] c) {
      return ((c[0] >> 8) << 16) | ((c[1] >> 8) << 8) | (c[2] >> 8);
    }
  }

  /** The ANSI sequence that ends a colored line (clear to end of line, reset). */
  public static final String ANSI_END = "\u001b[K";
  public static final String ANSI_RESET = "\u001b[0m";

  // Wireshark 4.0's default rules (its data/colorfilters), in their order.
  private static final String DEFAULTS = String.join("\n",
      "@Bad TCP@tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack@[4718,10030,11796][63479,34695,34695]",
      "@HSRP State Change@hsrp.state != 8 && hsrp.state != 16@[4718,10030,11796][65535,64764,40092]",
      "@Spanning Tree Topology  Change@stp.type == 0x80@[4718,10030,11796][65535,64764,40092]",
      "@OSPF State Change@ospf.msg != 1@[4718,10030,11796][65535,64764,40092]",
      "@ICMP errors@icmp.type in { 3..5, 11 } || icmpv6.type in { 1..4 }@[4718,10030,11796][47031,63479,29812]",
      "@ARP@arp@[64250,61680,55255][4718,10030,11796]",
      "@ICMP@icmp || icmpv6@[64764,57568,65535][4718,10030,11796]",
      "@TCP RST@tcp.flags.reset eq 1@[42148,0,0][65535,64764,40092]",
      "@SCTP ABORT@sctp.chunk_type eq ABORT@[42148,0,0][65535,64764,40092]",
      "@TTL low or unexpected@(ip.dst != 224.0.0.0/4 && ip.ttl < 5 && !pim && !ospf) || (ip.dst == 224.0.0.0/24 && ip.dst != 224.0.0.251 && ip.ttl != 1 && !(vrrp || carp))@[42148,0,0][60652,61680,60395]",
      "@Checksum Errors@eth.fcs.status==\"Bad\" || ip.checksum.status==\"Bad\" || tcp.checksum.status==\"Bad\" || udp.checksum.status==\"Bad\" || sctp.checksum.status==\"Bad\" || mstp.checksum.status==\"Bad\" || cdp.checksum.status==\"Bad\" || edp.checksum.status==\"Bad\" || wlan.fcs.status==\"Bad\" || stt.checksum.status==\"Bad\"@[4718,10030,11796][63479,34695,34695]",
      "@SMB@smb || nbss || nbns || netbios@[65278,65535,53456][4718,10030,11796]",
      "@HTTP@http || tcp.port == 80 || http2@[58596,65535,51143][4718,10030,11796]",
      "@DCERPC@dcerpc@[51199,38706,65533][4718,10030,11796]",
      "@Routing@hsrp || eigrp || ospf || bgp || cdp || vrrp || carp || gvrp || igmp || ismp@[65534,62325,54808][4718,10030,11796]",
      "@TCP SYN/FIN@tcp.flags & 0x02 || tcp.flags.fin == 1@[41026,41026,41026][4718,10030,11796]",
      "@TCP@tcp@[59345,58980,65535][4718,10030,11796]",
      "@UDP@udp@[56026,61166,65535][4718,10030,11796]",
      "@Broadcast@eth[0] & 1@[65535,65535,65535][47802,48573,46774]",
      "@System Event@systemd_journal || sysdig@[59110,59110,59110][11565,28527,39578]");

  private static volatile ColoringRules defaults;

  private final List<Rule> rules;
  private final List<String> skipped;

  private ColoringRules(List<Rule> rules, List<String> skipped) {
    this.rules = Collections.unmodifiableList(rules);
    this.skipped = Collections.unmodifiableList(skipped);
  }

  /** Wireshark's default rules (rules naming protocols netsift lacks are kept but never match). */
  public static ColoringRules defaults() {
    ColoringRules d = defaults;
    if (d == null) {
      d = parse(DEFAULTS, w -> { });
      defaults = d;
    }
    return d;
  }

  /**
   * Parses a {@code colorfilters} text. Rules whose filter does not compile are kept and
   * reported once through {@code warnings} (never an error).
   *
   * @throws IllegalArgumentException for a line that is not a rule (with its line number)
   */
  public static ColoringRules parse(String text, Consumer<String> warnings) {
    List<Rule> out = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> partly = new ArrayList<>();
    String[] lines = text.split("\r?\n");
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean disabled = line.startsWith("!");
      String body = disabled ? line.substring(1) : line;
      int nameEnd = body.startsWith("@") ? body.indexOf('@', 1) : -1;
      int colors = body.lastIndexOf("@[");
      if (nameEnd < 0 || colors <= nameEnd) {
        throw new IllegalArgumentException("colorfilters line " + (n + 1) + ": expected @name@filter@[r,g,b][r,g,b]");
      }
      String name = body.substring(1, nameEnd);
      String filterText = body.substring(nameEnd + 1, colors);
      String tail = body.substring(colors + 1);
      int split = tail.indexOf("][");
      if (split < 0 || !tail.endsWith("]")) {
        throw new IllegalArgumentException("colorfilters line " + (n + 1) + ": expected two colors [r,g,b][r,g,b]");
      }
      int[] bg = color(tail.substring(1, split), n + 1);
      int[] fg = color(tail.substring(split + 2, tail.length() - 1), n + 1);
      List<Filter> parts = compile(filterText);
      if (parts == null) {
        skipped.add(name);
      } else if (parts.size() != 1 || !parts.get(0).expression().equals(filterText)) {
        partly.add(name);
      }
      out.add(new Rule(out.size(), name, filterText, bg, fg, disabled, parts));
    }
    if (!skipped.isEmpty() || !partly.isEmpty()) {
      warnings.accept("coloring rules naming fields netsift does not know yet: "
          + (skipped.isEmpty() ? "" : "skipped " + String.join(", ", skipped))
          + (skipped.isEmpty() || partly.isEmpty() ? "" : "; ")
          + (partly.isEmpty() ? "" : "applied without the unknown alternatives " + String.join(", ", partly)));
    }
    return new ColoringRules(out, skipped);
  }

  /**
   * The rule's filter compiled, or, when it names something netsift does not know, its top-level
   * {@code ||} alternatives that do compile (an unknown protocol is never present in a netsift
   * dissection, so dropping an alternative that needs it loses no match netsift could make);
   * null when nothing compiles.
   */
  private static List<Filter> compile(String text) {
    try {
      return List.of(Filter.compile(text));
    } catch (FilterException | RuntimeException e) {
      // fall through to the alternatives
    }
    List<Filter> parts = new ArrayList<>();
    for (String alt : alternatives(text)) {
      try {
        parts.add(Filter.compile(alt));
      } catch (FilterException | RuntimeException e) {
        // this alternative names an unknown field
      }
    }
    return parts.isEmpty() ? null : parts;
  }

  /** Splits at {@code ||} / {@code or} outside parentheses, braces and quotes. */
  static List<String> alternatives(String text) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == '(' || c == '{' || c == '[') {
        depth++;
      } else if (c == ')' || c == '}' || c == ']') {
        depth--;
      } else if (depth == 0 && c == '|' && i + 1 < text.length() && text.charAt(i + 1) == '|') {
        out.add(text.substring(start, i).strip());
        start = i + 2;
        i++;
      } else if (depth == 0 && (c == 'o' || c == 'O') && i > 0 && text.charAt(i - 1) == ' '
          && text.regionMatches(true, i, "or ", 0, 3)) {
        out.add(text.substring(start, i).strip());
        start = i + 2;
        i++;
      }
    }
    out.add(text.substring(start).strip());
    return out;
  }

  private static int[] color(String s, int line) {
    String[] p = s.split(",");
    if (p.length != 3) {
      throw new IllegalArgumentException("colorfilters line " + line + ": a color needs three components: [" + s + "]");
    }
    int[] c = new int[3];
    for (int i = 0; i < 3; i++) {
      try {
        c[i] = Integer.parseInt(p[i].strip());
      } catch (NumberFormatException e) {
        c[i] = -1;
      }
      if (c[i] < 0 || c[i] > 65535) {
        throw new IllegalArgumentException("colorfilters line " + line + ": component '" + p[i] + "' is not 0..65535");
      }
    }
    return c;
  }

  /** The rules in order. */
  public List<Rule> rules() {
    return rules;
  }

  /** Names of the rules kept but skipped because their filter does not compile. */
  public List<String> skipped() {
    return skipped;
  }

  /** The first enabled rule matching the frame, or null. */
  public Rule match(Dissection d) {
    for (Rule r : rules) {
      if (r.matches(d)) {
        return r;
      }
    }
    return null;
  }

  /** The rules in the {@code colorfilters} format (every rule, skipped ones too). */
  public String write() {
    StringBuilder sb = new StringBuilder("# This file was written by netsift (Wireshark colorfilters format)\n");
    for (Rule r : rules) {
      if (r.disabled) {
        sb.append('!');
      }
      sb.append('@').append(r.name).append('@').append(r.filterText).append('@');
      triple(sb, r.background16);
      triple(sb, r.foreground16);
      sb.append('\n');
    }
    return sb.toString();
  }

  private static void triple(StringBuilder sb, int[] c) {
    sb.append('[').append(c[0]).append(',').append(c[1]).append(',').append(c[2]).append(']');
  }
}

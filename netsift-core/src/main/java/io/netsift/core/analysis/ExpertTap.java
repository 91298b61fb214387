package io.netsift.core.analysis;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Walk;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldVisitor;
import io.netsift.core.filter.Filter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -z expert[,error|,warn|,note|,chat|,comment][,filter]}: the expert notes of every
 * packet (those the first pass records and those the field walkers raise), counted per
 * severity, group, protocol and message, as tshark's expert tap prints them.
 */
public final class ExpertTap implements Tap {
  private static final String[] LEVELS = {"Errors", "Warns", "Notes", "Chats", "Comments"};
  private static final String[] SEVERITIES = {"Error", "Warning", "Note", "Chat", "Comment"};

  /** One line of the report. */
  public static final class Entry {
    public final String severity;
    public final String group;
    public final String protocol;
    public final String summary;
    public long frequency;

    Entry(String severity, String group, String protocol, String summary) {
      this.severity = severity;
      this.group = group;
      this.protocol = protocol;
      this.summary = summary;
    }
  }

  private final int lowest;
  private final String filterText;
  private final Filter filter;
  private final List<Map<String, Entry>> bySeverity = new ArrayList<>();
  private final Walk walk = new Walk();
  private final Collector collector = new Collector();
  private boolean tree;

  /** {@code lowest} is the least severe level shown (0 error .. 4 comment). */
  ExpertTap(int lowest, String filter) {
    this.lowest = lowest;
    this.filterText = filter;
    this.filter = StatsText.filter(filter);
    for (int i = 0; i < LEVELS.length; i++) {
      bySeverity.add(new LinkedHashMap<>());
    }
  }

  /** Parses the text after {@code expert}. */
  static ExpertTap parse(String rest) {
    int lowest = 4;
    String filter = null;
    if (!rest.isEmpty()) {
      if (rest.charAt(0) != ',') {
        throw new IllegalArgumentException("invalid \"-z expert[,error|,warn|,note|,chat|,comment][,filter]\" argument");
      }
      String r = rest.substring(1);
      String[] words = {"error", "warn", "note", "chat", "comment"};
      for (int i = 0; i < words.length; i++) {
        if (r.equals(words[i]) || r.startsWith(words[i] + ",")) {
          lowest = i;
          r = r.length() > words[i].length() ? r.substring(words[i].length() + 1) : "";
          break;
        }
      }
      filter = r.isEmpty() ? null : r;
    }
    return new ExpertTap(lowest, filter);
  }

  public String filter() {
    return filterText;
  }

  /**
   * Says that tshark would build protocol trees for this read (a display filter, {@code -V},
   * {@code -T fields|json|ek}, another tap that {@link Tap#needsTree needs one}): notes Wireshark
   * adds only then ({@link Expert#treeOnly}) are counted too. A filter of the tap's own has the
   * same effect; a plain {@code -z expert} does not.
   */
  public ExpertTap withTree(boolean tree) {
    this.tree = tree;
    return this;
  }

  @Override
  public boolean needsTree() {
    return filter != null;
  }

  @Override
  public void packet(Dissection d, boolean displayed) {
    if (!StatsText.passes(filter, d)) {
      return;
    }
    String previous = "";
    for (int i = 0; i < d.layerCount(); i++) {
      String name = d.dissector(i).shortName();
      // A zero-length layer without a name (_ws.malformed) reports under the protocol that
      // was being dissected, as tshark's current protocol is when the exception is caught.
      collector.protocol = name.isEmpty() ? previous : name;
      if (!name.isEmpty()) {
        previous = name;
      }
      walk.layer(d, i, collector, false);
      if (d.dissector(i).quotesErrorPackets()) {
        // The datagram an ICMP error quotes is dissected, but tshark's taps do not see its
        // layers (an error packet reaches only taps that ask for them; the expert tap does not).
        break;
      }
    }
  }

  /** Entries of one severity level (0 error .. 4 comment) in first-seen order. */
  public List<Entry> entries(int level) {
    return new ArrayList<>(bySeverity.get(level).values());
  }

  private void add(Expert e, String message, String protocol) {
    if (e.treeOnly() && !tree && !needsTree() || e.treelessOnly() && (tree || needsTree())) {
      return;
    }
    int level = SEVERITIES.length - 1 - e.severity().ordinal();
    if (level > lowest) {
      return;
    }
    String group = e.group();
    String key = group + "\u0000" + protocol + "\u0000" + message;
    bySeverity.get(level).computeIfAbsent(key, k -> new Entry(SEVERITIES[level], group, protocol, message)).frequency++;
  }

  @Override
  public void report(StringBuilder out) {
    for (int level = 0; level < LEVELS.length; level++) {
      Map<String, Entry> items = bySeverity.get(level);
      if (items.isEmpty()) {
        continue;
      }
      long total = 0;
      for (Entry e : items.values()) {
        total += e.frequency;
      }
      out.append('\n').append(LEVELS[level]).append(" (").append(total).append(")\n");
      out.append("=============\n");
      out.append("   Frequency      Group           Protocol  Summary\n");
      for (Entry e : items.values()) {
        // tshark's "%12d %10s %18s  %s": groups of 9 letters (Malformed, Undecoded) take one space less.
        StatsText.right(out, Long.toString(e.frequency), 12).append(' ');
        StatsText.right(out, e.group, 10).append(' ');
        StatsText.right(out, e.protocol, 18).append("  ");
        out.append(e.summary).append('\n');
      }
    }
  }

  /** Picks the expert notes out of a layer's fields. */
  private final class Collector implements FieldVisitor, Walk.ExpertSink {
    String protocol;

    @Override
    public void number(Field f, int offset, int length, long value) {}

    @Override
    public void bytes(Field f, int offset, int length) {}

    @Override
    public void object(Field f, int offset, int length, Object value) {}

    @Override
    public boolean wants(Field f) {
      // Only the notes matter: the _ws.expert line text is not built for this visitor.
      return f != Walk.EXPERT;
    }

    @Override
    public void expert(Expert e, String text) {
      String m = String.valueOf(text);
      // Wireshark formats expert text into a label buffer of 240 bytes (ITEM_LABEL_LENGTH).
      add(e, m.length() > 239 ? m.substring(0, 239) : m, e.protocol() != null ? e.protocol() : protocol);
    }
  }
}

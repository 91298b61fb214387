package io.netsift.core;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.field.FieldValue;
import io.netsift.core.field.ValueCollector;
import io.netsift.core.dissect.Walk;
import io.netsift.core.output.SummaryFormat;
import io.netsift.core.output.TimeFormat;
import io.netsift.core.output.TreeFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One dissected packet, pyshark-shaped: layers by name ({@code packet.layer("ip")}), field
 * values by Wireshark name ({@code packet.get("ip.src")}), the tshark summary and the
 * {@code -V} tree. It owns a copy of its bytes and layer table, so it stays valid after the
 * capture moves on; field values are read from the bytes when asked for.
 */
public final class Packet {
  private final Dissection d;
  private final Summary summary;
  private List<Layer> layers;

  Packet(Dissection snapshot, Summary summary) {
    this.d = snapshot;
    this.summary = summary;
  }

  /** Builds a packet from a dissection (copied) with its summary columns. */
  static Packet of(Dissection live, SummaryFormat format) {
    Summary s = summaryOf(live, format);
    return new Packet(live.copy(), s);
  }

  /** A packet holding only its summary (pyshark's only_summaries). */
  static Packet summaryOnly(Dissection live, SummaryFormat format) {
    return new Packet(null, summaryOf(live, format));
  }

  static Summary summaryOf(Dissection live, SummaryFormat format) {
    Columns c = format.columns(live);
    String line = format.line(c);
    return new Summary(c.number, c.time, c.source, c.destination, c.protocol, c.length, c.info(), line);
  }

  private Dissection d() {
    if (d == null) {
      throw new IllegalStateException("this capture keeps only summaries (onlySummaries())");
    }
    return d;
  }

  /** Frame number, 1-based, as tshark counts. */
  public long number() {
    return summary.number();
  }

  /** Capture time of the packet. */
  public Instant sniffTime() {
    long ns = d().timestampNanos();
    return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
  }

  /** Length on the wire. */
  public long length() {
    return summary.length();
  }

  /** Bytes captured. */
  public int capturedLength() {
    return d().capturedLength();
  }

  public int interfaceId() {
    return d().interfaceId();
  }

  /** Link type of the interface the packet came from. */
  public int linkType() {
    return d().linkType();
  }

  /** The layers after the frame pseudo-layer, outermost first (frame first if you ask {@link #layer}). */
  public List<Layer> layers() {
    if (layers == null) {
      List<Layer> out = new ArrayList<>();
      Dissection x = d();
      for (int i = 1; i < x.layerCount(); i++) {
        out.add(new Layer(x, i));
      }
      layers = Collections.unmodifiableList(out);
    }
    return layers;
  }

  /** The innermost layer (pyshark's highest_layer), e.g. {@code dns}. */
  public Layer highestLayer() {
    List<Layer> l = layers();
    for (int i = l.size() - 1; i >= 0; i--) {
      if (!l.get(i).name().startsWith("_ws.")) {
        return l.get(i);
      }
    }
    return layer("frame");
  }

  /** The outermost transport layer (tcp, udp, sctp), or null. */
  public Layer transportLayer() {
    for (Layer l : layers()) {
      String n = l.name();
      if (n.equals("tcp") || n.equals("udp") || n.equals("sctp") || n.equals("dccp")) {
        return l;
      }
    }
    return null;
  }

  /** The outermost layer of a protocol ({@code "ip"}, or {@code "frame"}), or null. */
  public Layer layer(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    Dissection x = d();
    if (n.equals("frame")) {
      return new Layer(x, 0);
    }
    for (Layer l : layers()) {
      if (l.name().equals(n)) {
        return l;
      }
    }
    return null;
  }

  /** Every layer of a protocol, outermost first (tunnels and ICMP errors have several). */
  public List<Layer> layers(String name) {
    List<Layer> out = new ArrayList<>();
    for (Layer l : layers()) {
      if (l.name().equals(name)) {
        out.add(l);
      }
    }
    return out;
  }

  /** Whether the packet has a layer of this protocol. */
  public boolean has(String protocol) {
    return protocol.equals("frame") || layer(protocol) != null;
  }

  /** All occurrences of a field ({@code ip.addr}) across layers, typed. */
  public List<FieldValue> values(String field) {
    Dissection x = d();
    ValueCollector c = new ValueCollector(f -> f.name().equals(field), x.data(), x.frameStart());
    new Walk().all(x, c);
    return c.values();
  }

  /** The first occurrence of a field as tshark's {@code -T fields} prints it, or null. */
  public String get(String field) {
    List<FieldValue> v = values(field);
    return v.isEmpty() ? null : v.get(0).text();
  }

  /** Every occurrence of a field as text. */
  public List<String> getAll(String field) {
    List<String> out = new ArrayList<>();
    for (FieldValue v : values(field)) {
      out.add(v.text());
    }
    return out;
  }

  /** The summary columns. */
  public Summary summary() {
    return summary;
  }

  /** A copy of the frame's bytes. */
  public byte[] rawBytes() {
    Dissection x = d();
    return java.util.Arrays.copyOfRange(x.data(), x.frameStart(), x.frameStart() + x.capturedLength());
  }

  /**
   * The first of Wireshark's default coloring rules that matches this packet (its name and
   * colors), or null when none does; {@code ColoringRules.parse(...).match(p.dissection())}
   * applies other rules.
   */
  public io.netsift.core.analysis.ColoringRules.Rule color() {
    return io.netsift.core.analysis.ColoringRules.defaults().match(d());
  }

  /** The detail tree, as {@code tshark -V} prints it. */
  public String prettyPrint() {
    return new TreeFormat().format(d());
  }

  /** The layer table behind this packet (for outputs and filters). */
  public Dissection dissection() {
    return d();
  }

  @Override
  public String toString() {
    return summary.line();
  }

  /** Summary time format used by the API (tshark's default, relative). */
  static final TimeFormat DEFAULT_TIME = TimeFormat.RELATIVE;
}

package io.netsift.core.analysis;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Walk;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldVisitor;
import io.netsift.core.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code -z io,phs[,filter]}: the protocol hierarchy, as tshark counts it. Each frame's
 * protocols, outermost first, form a path in a tree; every node counts the frames that
 * reached it and their lengths on the wire. The frame is no level of its own unless the filter
 * reads a frame field (then tshark's frame item is real). Layers that show no tree in tshark
 * ({@code ethertype}) are not part of the path, and a frame whose payload was reassembled
 * from several TCP segments ends its path with tshark's {@code tcp.segments} item.
 */
public final class ProtocolHierarchy implements Tap {
  /** One node of the hierarchy: a protocol at one position, its counts and children. */
  public static final class Node {
    private final String name;
    private long frames;
    private long bytes;
    private final List<Node> children = new ArrayList<>();

    Node(String name) {
      this.name = name;
    }

    public String name() {
      return name;
    }

    public long frames() {
      return frames;
    }

    public long bytes() {
      return bytes;
    }

    /** The children in the order tshark lists them (first seen first). */
    public List<Node> children() {
      return children;
    }

    Node child(String n) {
      for (Node c : children) {
        if (c.name.equals(n)) {
          return c;
        }
      }
      Node c = new Node(n);
      children.add(c);
      return c;
    }
  }

  private final String filterText;
  private final Filter filter;
  private final Node root = new Node("");
  /** The fields the filter reads: protocols that add their item only when referenced show then. */
  private final Set<String> referenced;

  /** {@code filter} may be null for every frame. */
  public ProtocolHierarchy(String filter) {
    this.filterText = filter;
    this.filter = StatsText.filter(filter);
    this.referenced = this.filter == null ? Set.of() : Set.copyOf(this.filter.fields());
  }

  /** Whether the filter reads protocol {@code name} or one of its fields. */
  private boolean references(String name) {
    for (String f : referenced) {
      if (f.equals(name) || f.startsWith(name) && f.length() > name.length() && f.charAt(name.length()) == '.') {
        return true;
      }
    }
    return false;
  }

  /** Parses the text after {@code io,phs}: empty or {@code ,FILTER}. */
  static ProtocolHierarchy parse(String rest) {
    if (rest.isEmpty()) {
      return new ProtocolHierarchy(null);
    }
    if (rest.charAt(0) != ',') {
      throw new IllegalArgumentException("invalid \"-z io,phs[,filter]\" argument");
    }
    return new ProtocolHierarchy(rest.substring(1));
  }

  /**
   * Protocols tshark dissects inside another protocol's subtree (certificate structures under
   * TLS): they appear in frame.protocols but are not top-level items, so not in the hierarchy.
   */
  private static final java.util.Set<String> NESTED = java.util.Set.of("x509ce", "x509sat", "x509af", "x509if",
      "pkix1explicit", "pkix1implicit", "pkcs-1", "logotypecertextn", "ns_cert_exts");

  @Override
  public boolean needsTree() {
    return true;
  }

  @Override
  public void packet(Dissection d, boolean displayed) {
    if (!StatsText.passes(filter, d)) {
      return;
    }
    long len = d.originalLength();
    int n = d.layerCount();
    int[] order = new int[n];
    int count = 0;
    boolean afterIcmp = false;
    boolean innerTransport = false;
    boolean innerUdp = false;
    Dissector nester = null;
    for (int i = 0; i < n; i++) {
      String name = d.dissector(i).name();
      if (nester != null && d.dissector(i) != nester) {
        continue;
      }
      nester = d.dissector(i).nestsLaterLayers(d, i) ? d.dissector(i) : null;
      if (d.dissector(i).itemOnlyWhenReferenced() && !references(name) || d.dissector(i).hiddenInTree(d, i) || NESTED.contains(name)
          || d.dissector(i).insideEarlierLayer(d, i)) {
        continue;
      }
      if (afterIcmp) {
        // tshark shows the packet quoted by an ICMP error, and echo data, inside the ICMP tree;
        // only the quoted datagram's payload comes back to the top level: whatever a quoted UDP
        // header hands on (DNS, Kerberos, data), and a quoted TCP segment's data alone.
        boolean payload = innerUdp || innerTransport && name.equals("data");
        innerUdp |= !innerTransport && name.equals("udp");
        innerTransport |= name.equals("udp") || name.equals("tcp");
        if (!payload) {
          continue;
        }
      }
      afterIcmp |= d.dissector(i).quotesErrorPackets();
      order[count++] = i;
    }
    // tshark adds its "[n Reassembled TCP Segments]" item after the layers dissected from the
    // reassembled bytes, and dissects a completed PDU before the new PDUs that start in the
    // same segment.
    int firstRe = -1;
    int lastRe = -1;
    boolean reassembled = false;
    for (int k = 0; k < d.sourceCount(); k++) {
      reassembled |= d.sourceName(k).equals("Reassembled TCP");
    }
    boolean afterTcp = false;
    for (int k = 0; k < count && reassembled; k++) {
      // Bytes outside the frame above TCP: the reassembled PDU or a body decoded from it.
      if (afterTcp && !d.inFrame(d.start(order[k]))) {
        firstRe = firstRe < 0 ? k : firstRe;
        lastRe = k;
      }
      afterTcp |= d.dissector(order[k]).name().equals("tcp");
    }
    Node at = root;
    if (d.comment() != null) {
      // tshark's "Packet comments" item comes first in the tree, before the frame's layers.
      at = count(at.child("pkt_comment"), len);
    }
    if (firstRe < 0) {
      for (int k = 0; k < count; k++) {
        at = layer(at, d, order[k], len);
      }
      return;
    }
    int runStart = firstRe;
    while (runStart > 0 && !d.dissector(order[runStart - 1]).name().equals("tcp")
        && !d.dissector(order[runStart - 1]).name().equals(d.dissector(order[firstRe]).name())) {
      runStart--;
    }
    boolean newPduFirst = runStart > 0 && d.dissector(order[runStart - 1]).name().equals(d.dissector(order[firstRe]).name())
        && !d.dissector(order[runStart - 1]).name().equals("tcp");
    if (newPduFirst) {
      // [.. tcp, X (new PDU in the frame) .., X (completed PDU) ..]: the completed one comes first.
      int newStart = runStart - 1;
      while (newStart > 0 && !d.dissector(order[newStart - 1]).name().equals("tcp")) {
        newStart--;
      }
      for (int k = 0; k < newStart; k++) {
        at = layer(at, d, order[k], len);
      }
      for (int k = firstRe; k <= lastRe; k++) {
        at = layer(at, d, order[k], len);
      }
      at = count(at.child("tcp.segments"), len);
      for (int k = newStart; k < firstRe; k++) {
        at = layer(at, d, order[k], len);
      }
      for (int k = lastRe + 1; k < count; k++) {
        at = layer(at, d, order[k], len);
      }
      return;
    }
    for (int k = 0; k < count; k++) {
      at = layer(at, d, order[k], len);
      if (k == lastRe) {
        at = count(at.child("tcp.segments"), len);
      }
    }
  }

  /** Counts the protocol items at the top of one layer's tree (MySQL: one per packet). */
  private static final class ItemCounter implements FieldVisitor {
    private final Walk walk = new Walk();
    private Field protocol;
    private int depth;
    private int items;

    int count(Dissection d, int i) {
      protocol = d.dissector(i).protocolField();
      depth = 0;
      items = 0;
      walk.layer(d, i, this, true);
      return items;
    }

    @Override
    public void number(Field f, int offset, int length, long value) {
    }

    @Override
    public void bytes(Field f, int offset, int length) {
    }

    @Override
    public void object(Field f, int offset, int length, Object value) {
      if (depth == 0 && f == protocol) {
        items++;
      }
    }

    @Override
    public void enter() {
      depth++;
    }

    @Override
    public void exit() {
      depth--;
    }

    @Override
    public boolean wants(Field f) {
      return f == protocol;
    }
  }

  private final ItemCounter items = new ItemCounter();

  /**
   * Counts layer {@code i} below {@code at}: once per protocol item it shows in the tree, then
   * the items its protocol adds at the top level.
   */
  private Node layer(Node at, Dissection d, int i, long len) {
    String name = d.dissector(i).name();
    Node n = count(at.child(name), len);
    for (int k = d.dissector(i).severalProtocolItems() ? items.count(d, i) : 1; k > 1; k--) {
      n = count(n.child(name), len);
    }
    for (String item : d.dissector(i).topLevelItems(d, i)) {
      n = count(n.child(item), len);
    }
    return n;
  }

  private static Node count(Node n, long len) {
    n.frames++;
    n.bytes += len;
    return n;
  }

  /** The top-level protocols (the link layers). */
  public List<Node> roots() {
    return root.children;
  }

  @Override
  public void report(StringBuilder out) {
    out.append('\n');
    out.append("===================================================================\n");
    out.append("Protocol Hierarchy Statistics\n");
    out.append("Filter: ").append(filterText == null ? "" : filterText).append("\n\n");
    draw(out, root.children, 0);
    out.append("===================================================================\n");
  }

  private static void draw(StringBuilder out, List<Node> nodes, int indent) {
    for (Node n : nodes) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < indent; i++) {
        if (i > 15) {
          line.append("...");
          break;
        }
        line.append("  ");
      }
      line.append(n.name);
      // tshark builds the label in an 80-byte buffer.
      if (line.length() > 79) {
        line.setLength(79);
      }
      StatsText.left(out, line.toString(), 40);
      out.append(" frames:").append(n.frames).append(" bytes:").append(n.bytes).append('\n');
      draw(out, n.children, indent + 1);
    }
  }
}

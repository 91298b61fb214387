package io.netsift.core.analysis;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.filter.Filter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -z io,phs[,filter]}: the protocol hierarchy, as tshark counts it. Each frame's
 * protocols, outermost first, form a path in a tree; every node counts the frames that
 * reached it and their lengths on the wire. Layers that show no tree in tshark
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

  /** {@code filter} may be null for every frame. */
  public ProtocolHierarchy(String filter) {
    this.filterText = filter;
    this.filter = StatsText.filter(filter);
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

  @Override
  public void packet(Dissection d, boolean displayed) {
    if (!StatsText.passes(filter, d)) {
      return;
    }
    long len = d.originalLength();
    Node at = root;
    for (int i = 0; i < d.layerCount(); i++) {
      Dissector p = d.dissector(i);
      if (i == 0 && p.name().equals("frame") || p.hiddenInTree()) {
        continue;
      }
      at = count(at.child(p.name()), len);
    }
    for (int k = 0; k < d.sourceCount(); k++) {
      if (d.sourceName(k).equals("Reassembled TCP")) {
        at = count(at.child("tcp.segments"), len);
        break;
      }
    }
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

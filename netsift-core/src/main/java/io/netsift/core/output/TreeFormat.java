package io.netsift.core.output;

import io.netsift.core.dissect.Dissection;
import java.util.List;

/** The {@code tshark -V} detail tree: one line per visible node, four spaces per level. */
public final class TreeFormat {
  /** The tree of one frame, each line ending in a newline. */
  public String format(Dissection d) {
    StringBuilder sb = new StringBuilder(2048);
    for (NodeBuilder.Node root : NodeBuilder.build(d)) {
      sb.append(root.line()).append('\n');
      children(sb, root.children, 1);
    }
    return sb.toString();
  }

  private static void children(StringBuilder sb, List<NodeBuilder.Node> nodes, int depth) {
    for (NodeBuilder.Node n : nodes) {
      if (n.hidden()) {
        continue;
      }
      for (int i = 0; i < depth; i++) {
        sb.append("    ");
      }
      sb.append(n.line()).append('\n');
      children(sb, n.children, depth + 1);
    }
  }
}

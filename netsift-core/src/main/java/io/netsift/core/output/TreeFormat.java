package io.netsift.core.output;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.field.FieldType;
import java.util.List;

/** The {@code tshark -V} detail tree: one line per visible node, four spaces per level. */
public final class TreeFormat {
  /** The tree of one frame, each line ending in a newline. */
  public String format(Dissection d) {
    StringBuilder sb = new StringBuilder(2048);
    for (NodeBuilder.Node root : NodeBuilder.build(d)) {
      sb.append(root.line()).append('\n');
      dataBytes(d, root, sb);
      children(d, sb, root.children, 1);
    }
    return sb.toString();
  }

  private static void children(Dissection d, StringBuilder sb, List<NodeBuilder.Node> nodes, int depth) {
    for (NodeBuilder.Node n : nodes) {
      if (n.hidden()) {
        continue;
      }
      for (int i = 0; i < depth; i++) {
        sb.append("    ");
      }
      sb.append(n.line()).append('\n');
      dataBytes(d, n, sb);
      children(d, sb, n.children, depth + 1);
    }
  }

  /**
   * tshark's text output dumps the bytes of a "data" protocol item right under its line, after
   * a blank line and before its fields ("Data (31 bytes)", "", "0000  6e 65 ...").
   */
  private static void dataBytes(Dissection d, NodeBuilder.Node n, StringBuilder sb) {
    if (n.value != null && n.value.field().type() == FieldType.PROTOCOL && n.value.field().name().equals("data") && n.value.length() > 0) {
      sb.append('\n');
      byte[] bytes = n.value.bytes();
      HexDump.append(bytes, 0, bytes.length, sb);
    }
  }
}

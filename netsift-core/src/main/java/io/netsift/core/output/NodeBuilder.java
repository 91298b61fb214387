package io.netsift.core.output;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Walk;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import io.netsift.core.field.FieldValue;
import io.netsift.core.field.FieldVisitor;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the detail tree of a frame as nodes (field value or text, and children), the shape
 * that {@code -V}, JSON and the REST API's packet view print. Hidden fields are kept with a
 * flag so each output decides.
 */
public final class NodeBuilder implements FieldVisitor {
  /** One tree node: a field occurrence (value non-null) or a text line (value null). */
  public static final class Node {
    public final FieldValue value;
    public final String text;
    public final boolean generated;
    public final List<Node> children = new ArrayList<>();

    Node(FieldValue value, String text, boolean generated) {
      this.value = value;
      this.text = text;
      int brackets = value == null ? 0 : value.field().brackets();
      this.generated = brackets == 0 ? generated : brackets > 0;
    }

    /** The line -V prints for this node. */
    public String line() {
      String s = value == null ? text : value.showname();
      return generated ? "[" + s + "]" : s;
    }

    public boolean hidden() {
      return value != null && value.field().isHidden();
    }
  }

  private final Dissection d;
  private final List<Node> roots = new ArrayList<>();
  private final List<List<Node>> stack = new ArrayList<>();
  /** Per depth: whether its nodes are inside an expert note (tshark shows them all bracketed). */
  private final List<Boolean> scopes = new ArrayList<>();
  private Node last;

  private NodeBuilder(Dissection d) {
    this.d = d;
    stack.add(roots);
    scopes.add(false);
  }

  /** The tree of every layer of {@code d}; one root per layer (hand-off layers left out). */
  public static List<Node> build(Dissection d) {
    NodeBuilder b = new NodeBuilder(d);
    Walk w = new Walk();
    for (int i = 0; i < d.layerCount(); i++) {
      if (d.dissector(i).hiddenInTree(d, i)) {
        continue;
      }
      w.layer(d, i, b, true);
    }
    return b.roots;
  }

  private void add(Node n) {
    stack.get(stack.size() - 1).add(n);
    last = n;
  }

  /** Whether a node at the current depth is generated whatever its length (an expert note's items). */
  private boolean generatedScope() {
    return scopes.get(scopes.size() - 1);
  }

  private FieldValue fv(Field f, int off, int len, long num, Object o) {
    return new FieldValue(f, d.data(), d.frameStart(), off, len, num, o);
  }

  @Override
  public void number(Field f, int offset, int length, long value) {
    add(new Node(fv(f, offset, length, value, null), null,
        generatedScope() || length == 0 && f.type() != FieldType.PROTOCOL));
  }

  @Override
  public void bytes(Field f, int offset, int length) {
    add(new Node(fv(f, offset, length, Long.MIN_VALUE, null), null, generatedScope()));
  }

  @Override
  public void object(Field f, int offset, int length, Object value) {
    if (f == null) {
      add(new Node(null, String.valueOf(value),
          generatedScope() || value instanceof io.netsift.core.field.GeneratedText));
    } else {
      boolean gen = generatedScope() || f == Walk.EXPERT
          || length == 0 && f.type() != FieldType.PROTOCOL && f.type() != FieldType.NONE;
      add(new Node(fv(f, offset, length, 0, value), null, gen));
    }
  }

  @Override
  public void enter() {
    stack.add(last == null ? new ArrayList<>() : last.children);
    scopes.add(generatedScope() || last != null && last.value != null && last.value.field() == Walk.EXPERT);
  }

  @Override
  public void exit() {
    stack.remove(stack.size() - 1);
    scopes.remove(scopes.size() - 1);
  }
}

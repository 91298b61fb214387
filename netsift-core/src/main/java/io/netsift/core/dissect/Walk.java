package io.netsift.core.dissect;

import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import io.netsift.core.field.FieldVisitor;

/**
 * Reports the fields of a dissected frame to a visitor: each layer's protocol item, its
 * walker's fields and its expert notes, in tree order. The single place where every output
 * and the filter engine get field values from.
 */
public final class Walk {
  /** {@code _ws.expert}: the expert-info subtree tshark attaches to a layer. */
  public static final Field EXPERT = Field.of("_ws.expert", "Expert Info", FieldType.PROTOCOL);
  /** Hidden: tshark's tree shows the message as the note kind's own line instead. */
  public static final Field EXPERT_MESSAGE = Field.string("_ws.expert.message", "Message").hidden();
  public static final Field EXPERT_SEVERITY = Field.u32("_ws.expert.severity", "Severity level")
      .base(io.netsift.core.field.Base.NONE).labels(Expert::severityName);
  public static final Field EXPERT_GROUP = Field.u32("_ws.expert.group", "Group")
      .base(io.netsift.core.field.Base.NONE).labels(Expert::groupName);

  private final Tree tree = new Tree();

  /** A visitor that also wants each expert note as its kind and text ({@code -z expert}). */
  public interface ExpertSink {
    void expert(Expert e, String text);
  }

  /** Reports layer {@code i}: its protocol field, then its fields, then its expert notes. */
  public void layer(Dissection d, int i, FieldVisitor v, boolean withProtocolItem) {
    tree.reset(d, i, v);
    Dissector p = d.dissector(i);
    // A layer of a visible protocol that tshark leaves without a tree (the Ethernet header
    // FabricPath replaces) has no protocol item either: -e eth skips it.
    withProtocolItem &= p.hiddenInTree() || !p.hiddenInTree(d, i);
    if (withProtocolItem) {
      // The label is text work; a visitor that does not want the protocol item skips it.
      Field pf = p.protocolField();
      v.object(pf, d.start(i), d.end(i) - d.start(i), v.wants(pf) ? p.label(tree) : null);
      tree.reset(d, i, v);
      v.enter();
    }
    Anchored anchored = Anchored.of(d, i, v);
    if (anchored != null) {
      tree.reset(d, i, anchored);
    }
    tree.inProtocolItem(withProtocolItem);
    p.fields(tree);
    forward(d, i, v);
    experts(d, i, v, anchored);
    if (withProtocolItem) {
      v.exit();
    }
  }

  /**
   * Passes a layer's fields on and puts each note whose kind has an {@link Expert#anchor} right
   * under that item, the first time the layer reports it.
   */
  private static final class Anchored implements FieldVisitor, ExpertSink {
    private final FieldVisitor v;
    private final Dissection d;
    private final int layer;
    /** Per note of the frame: whether it was placed under its item. */
    final boolean[] placed;

    private Anchored(FieldVisitor v, Dissection d, int layer) {
      this.v = v;
      this.d = d;
      this.layer = layer;
      this.placed = new boolean[d.expertCount()];
    }

    /** A wrapper when layer {@code i} has an anchored note, else null. */
    static Anchored of(Dissection d, int i, FieldVisitor v) {
      for (int k = 0; k < d.expertCount(); k++) {
        if (d.expertLayer(k) == i && d.expertKind(k).anchor() != null) {
          return new Anchored(v, d, i);
        }
      }
      return null;
    }

    private void after(Field f) {
      for (int k = 0; k < placed.length; k++) {
        if (!placed[k] && d.expertLayer(k) == layer && d.expertKind(k).anchor() == f) {
          placed[k] = true;
          v.enter();
          Walk.expert(v, d.expertKind(k), d.expertOffset(k), d.expertLength(k), d.expertText(k));
          v.exit();
        }
      }
    }

    @Override
    public void number(Field f, int offset, int length, long value) {
      v.number(f, offset, length, value);
      after(f);
    }

    @Override
    public void bytes(Field f, int offset, int length) {
      v.bytes(f, offset, length);
      after(f);
    }

    @Override
    public void object(Field f, int offset, int length, Object value) {
      v.object(f, offset, length, value);
      if (f != null) {
        after(f);
      }
    }

    @Override
    public void enter() {
      v.enter();
    }

    @Override
    public void exit() {
      v.exit();
    }

    @Override
    public boolean wants(Field f) {
      return v.wants(f);
    }

    @Override
    public boolean wantsAny(Field[] fields) {
      return v.wantsAny(fields);
    }

    /** Notes a walker reports inside its fields reach the visitor's sink as before. */
    @Override
    public void expert(Expert e, String text) {
      if (v instanceof ExpertSink sink) {
        sink.expert(e, text);
      }
    }
  }

  /** Reports only the {@link Dissector#leadingFields} of layer {@code i}. */
  public void leading(Dissection d, int i, FieldVisitor v) {
    tree.reset(d, i, v);
    d.dissector(i).leading(tree);
  }

  /**
   * Reports the forward-pointing fields a first pass recorded for layer {@code i} (the first
   * layer of its protocol in the frame), as a second pass shows them.
   */
  public static void forward(Dissection d, int i, FieldVisitor v) {
    if (d.forward == null) {
      return;
    }
    Dissector p = d.dissector(i);
    if (d.find(p, 0) != i) {
      return;
    }
    for (ForwardFields.Entry e : d.forward) {
      if (e.owner == p) {
        v.number(e.field, d.start(i), 0, e.value);
      }
    }
  }

  /** Reports every layer of the frame in order. */
  public void all(Dissection d, FieldVisitor v) {
    for (int i = 0; i < d.layerCount(); i++) {
      layer(d, i, v, true);
    }
  }

  private static void experts(Dissection d, int i, FieldVisitor v, Anchored anchored) {
    for (int k = 0; k < d.expertCount(); k++) {
      if (d.expertLayer(k) != i || anchored != null && anchored.placed[k]) {
        continue;
      }
      Expert e = d.expertKind(k);
      expert(v, e, d.expertOffset(k), d.expertLength(k), d.expertText(k));
    }
  }

  /**
   * Emits one expert note as tshark's tree has it: the {@code _ws.expert} item with the
   * kind's own (FT_NONE) field, the message, severity and group below it.
   */
  static void expert(FieldVisitor v, Expert e, int offset, int length, String text) {
    if (v instanceof ExpertSink sink) {
      sink.expert(e, text);
    }
    if (e.treelessOnly()) {
      return; // tshark raises it only without a tree: no item, no field, no filter match
    }
    v.object(EXPERT, offset, length, v.wants(EXPERT) ? e.line(text) : null);
    v.enter();
    v.object(e.field(), offset, length, text); // a text-less item: the tree shows the message
    v.object(EXPERT_MESSAGE, offset, 0, text);
    v.number(EXPERT_SEVERITY, offset, 0, e.severity().code());
    v.number(EXPERT_GROUP, offset, 0, e.groupCode());
    v.exit();
  }

  /** The tree this walk uses; for column code that reads a layer's bytes. */
  public Tree tree(Dissection d, int i) {
    return tree.reset(d, i, null);
  }

  /** Fills the summary columns from every layer, outermost first. */
  public void columns(Dissection d, Columns c) {
    c.reset();
    c.number = d.number();
    c.length = d.originalLength();
    int last = d.layerCount() - 1;
    for (int i = 0; i < d.layerCount(); i++) {
      Dissector p = d.dissector(i);
      if (c.allFrozen) {
        String source = c.source;
        String destination = c.destination;
        String protocol = c.protocol;
        String info = c.info();
        int fenced = c.fenced.length();
        p.columns(tree.reset(d, i, null), c);
        if (c.allFrozen) {
          c.source = source;
          c.destination = destination;
          c.protocol = protocol;
          c.setInfo(info);
          c.fenced.setLength(fenced);
        }
      } else if (c.frozen) {
        String protocol = c.protocol;
        String info = c.info();
        p.columns(tree.reset(d, i, null), c);
        c.protocol = protocol;
        c.setInfo(info);
      } else {
        p.columns(tree.reset(d, i, null), c);
      }
      if (p.quotesErrorPackets()) {
        // The datagram an ICMP error quotes is dissected, but, as in tshark, its layers may
        // not touch the summary columns.
        last = i;
        break;
      }
    }
    for (int i = last; i >= 0; i--) {
      d.dissector(i).columnsAfter(tree.reset(d, i, null), c);
    }
    if (c.fenced.length() > 0) {
      c.info.insert(0, c.fenced);
    }
    c.limitInfo();
  }
}

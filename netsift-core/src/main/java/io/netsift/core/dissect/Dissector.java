package io.netsift.core.dissect;

import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * One protocol: a first-pass {@link #dissect} that records the layer and says what follows,
 * a {@link #fields} walker that reports every field in tree order on demand, and
 * {@link #columns} that fills the summary columns. Fields are declared as {@code static final
 * Field} constants of the subclass and registered from there, in declaration order.
 *
 * <p>Contract: {@link #dissect} never throws on malformed bytes: it checks lengths, calls
 * {@link Dissection#malformed} and returns null. {@link #fields} reads only through its
 * {@link Tree}, whose reads are bounds-checked, so it cannot fail either.
 */
public abstract class Dissector {
  private final String name;
  private final String longName;
  private final String columnName;
  private final Field protocolField;
  int id = -1;

  /**
   * @param name filter name ({@code ip})
   * @param longName Wireshark's protocol name ({@code Internet Protocol Version 4})
   * @param columnName Protocol column text ({@code IPv4})
   */
  protected Dissector(String name, String longName, String columnName) {
    this.name = name;
    this.longName = longName;
    this.columnName = columnName;
    this.protocolField = Field.of(name, longName, FieldType.PROTOCOL);
  }

  /**
   * Dissects layer {@code layer} of {@code d} (its bounds are {@code d.start(layer)} to
   * {@code d.end(layer)}), shrinking the layer's end if the protocol says it is shorter,
   * setting the payload range with {@link Dissection#payload}, and returning the dissector
   * for the payload, or null when nothing follows (a remaining payload then becomes data).
   */
  public abstract Dissector dissect(Dissection d, int layer);

  /** Reports the layer's fields, in tree order, through {@code t}. */
  public abstract void fields(Tree t);

  /**
   * The fields {@link #fields} always reports first, from fixed header bytes and nothing
   * else, each with every occurrence it has in the layer (TCP's and UDP's ports); null when
   * there are none. A reader that needs only these does not walk the whole layer: the filter
   * {@code tcp.port == 80} compares their bytes and {@code -T fields -e tcp.srcport} stops there.
   */
  public LeadingFields leadingLayout() {
    return null;
  }

  /** The {@link #leadingLayout}'s fields. */
  public final java.util.Set<Field> leadingFields() {
    LeadingFields l = leadingLayout();
    return l == null ? java.util.Set.of() : l.fields();
  }

  /** Reports exactly the {@link #leadingFields}, as the start of {@link #fields} does. */
  public final void leading(Tree t) {
    LeadingFields l = leadingLayout();
    if (l != null) {
      l.report(t);
    }
  }

  /** Sets the summary columns this layer contributes (Protocol, Source, Destination, Info). */
  public void columns(Tree t, Columns c) {
    c.protocol = columnName;
  }

  /**
   * Adjusts the summary columns after every layer above this one has set them (innermost
   * first): a tunnel that decorates its payload's columns, such as GTP's "GTP &lt;ICMP&gt;".
   */
  public void columnsAfter(Tree t, Columns c) {}

  /**
   * The text of the layer's line in the detail tree ({@code Internet Protocol Version 4, Src:
   * 10.0.0.1, Dst: 10.0.0.2}); the long name unless the protocol adds a summary.
   */
  public String label(Tree t) {
    return longName;
  }

  /** Whether the layer is a hand-off that tshark lists in frame.protocols but shows no tree for. */
  public boolean hiddenInTree() {
    return false;
  }

  /**
   * Whether layer {@code layer} of {@code d} is such a layer: every layer of a hand-off
   * protocol ({@link #hiddenInTree()}), or one whose protocol gave the frame to another before
   * adding its tree (an Ethernet header that FabricPath replaces).
   */
  public boolean hiddenInTree(Dissection d, int layer) {
    return hiddenInTree();
  }

  /**
   * Whether tshark adds this protocol's tree item only when the tree is shown or a filter reads
   * one of its fields (frame, NFLOG): {@code -z io,phs} then counts it only under such a filter.
   */
  public boolean itemOnlyWhenReferenced() {
    return false;
  }

  /**
   * Whether tshark shows layer {@code layer} of {@code d} inside an earlier layer's tree rather
   * than as an item of its own at the top (a certificate's timestamp list, "tls", inside TLS's
   * handshake): {@code -z io,phs}, which counts top-level items only, leaves it out.
   */
  public boolean insideEarlierLayer(Dissection d, int layer) {
    return false;
  }

  /**
   * Whether tshark shows the undissected payload that follows layer {@code layer} (the "data"
   * layer) inside this layer's tree rather than as an item of its own: HTTP's body without a
   * Content-Type, ZigBee's encrypted payloads. The data layer is then left out of {@code io,phs}.
   */
  public boolean dataInsideTree(Dissection d, int layer) {
    return false;
  }

  /**
   * Whether tshark dissects what layer {@code layer} of {@code d} hands on inside that layer's
   * own tree (a SIP message body, the parts of a mail) rather than at the top: {@code -z io,phs}
   * then leaves out the layers that follow, up to the next layer of the same protocol.
   */
  public boolean nestsLaterLayers(Dissection d, int layer) {
    return false;
  }

  /**
   * Whether frame.protocols lists a layer of this protocol: false for the interface dissectors
   * that DCE/RPC calls itself (tshark shows the endpoint mapper's tree, and its frame.protocols
   * still ends in dcerpc).
   */
  public boolean listedInProtocols() {
    return true;
  }

  /**
   * Whether frame.protocols lists layer {@code layer} of {@code d}: {@link #listedInProtocols()}
   * unless the protocol decides per layer (an ONC RPC program's NULL procedure is in tshark's
   * tree but not in frame.protocols; MQTT's second packet in a segment shows in the tree and in
   * {@code io,phs}, not in frame.protocols).
   */
  public boolean listedInProtocols(Dissection d, int layer) {
    return listedInProtocols();
  }

  /** Whether the payload of a layer of this protocol may become a "data" layer. */
  public boolean payloadBecomesData() {
    return true;
  }

  /**
   * Whether this protocol, though reached through a transport port, carries link or network
   * layers again (VXLAN, GTP-U, Teredo...): {@link Protocols#lowerLayersOnly} must keep it.
   */
  public boolean carriesLowerLayers() {
    return false;
  }

  /**
   * Whether the layers after one of this protocol may be the copy of a datagram that an error
   * message quotes (ICMP, ICMPv6). tshark keeps that copy out of the summary columns, the taps
   * and conversation state; every such check asks this instead of naming the protocols.
   */
  public boolean quotesErrorPackets() {
    return false;
  }

  /**
   * Whether a layer of this protocol may show as several protocol items in the tree, one per
   * PDU ({@link Tree#nextProtocolItem}), while frame.protocols lists it once: the protocol
   * hierarchy then walks the layer to count them.
   */
  public boolean severalProtocolItems() {
    return false;
  }

  /** No items outside the protocol's own tree item. */
  protected static final String[] NO_TOP_LEVEL_ITEMS = new String[0];

  /**
   * The fields of layer {@code layer} that tshark adds at the top of the tree, after the
   * protocol's own item rather than inside it (FTP's generated working directory): the
   * protocol hierarchy counts each as a level of its own, in this order.
   */
  public String[] topLevelItems(Dissection d, int layer) {
    return NO_TOP_LEVEL_ITEMS;
  }

  public final String name() {
    return name;
  }

  public final String longName() {
    return longName;
  }

  public final String columnName() {
    return columnName;
  }

  /**
   * Wireshark's short protocol name, which its expert tap prints as the note's protocol
   * ({@code -z expert}); the Protocol column text unless the two differ ("mDNS" and "MDNS").
   */
  public String shortName() {
    return columnName;
  }

  /** The FT_PROTOCOL field named after the protocol ({@code ip}). */
  public final Field protocolField() {
    return protocolField;
  }

  /** Registry index of this dissector, assigned by {@link Protocols}. */
  public final int id() {
    return id;
  }

  /** Every field of this protocol: the protocol field, then the static constants in order. */
  public List<Field> declaredFields() {
    List<Field> out = new ArrayList<>();
    out.add(protocolField);
    for (Class<?> c = getClass(); c != Dissector.class; c = c.getSuperclass()) {
      for (java.lang.reflect.Field jf : c.getDeclaredFields()) {
        boolean isField = jf.getType() == Field.class;
        if (Modifier.isStatic(jf.getModifiers()) && (isField || jf.getType() == Expert.class)) {
          try {
            jf.setAccessible(true);
            Object o = jf.get(null);
            Field f = o instanceof Expert ? ((Expert) o).field() : (Field) o;
            if (f != null && !out.contains(f)) {
              out.add(f);
            }
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return name;
  }
}

package io.netsift.core.field;

import java.util.Map;
import java.util.function.LongFunction;

/**
 * One field, declared once: its Wireshark filter name ({@code ip.src}), label, type, display
 * base, bitmask and value labels. Dissectors declare their fields as constants; the
 * {@link FieldRegistry} collects them for the filter compiler, the outputs and {@code netsift
 * fields}. Fields are configured with the chained setters while their dissector's class
 * initialises and are never changed after registration.
 */
public final class Field {
  private final String name;
  private final String label;
  private final FieldType type;
  private final String protocol;
  private Base base;
  private long bitmask;
  private int shift;
  private int bitWidth;
  private String blurb = "";
  private LongFunction<String> valueLabels;
  private String trueLabel = "True";
  private String falseLabel = "False";
  private String unit = "";
  private boolean hidden;
  /** Tree brackets: 0 by the item's length (no bytes: generated), 1 always, -1 never. */
  private int brackets;
  private LongFunction<String> shown;
  private int scale = 1;
  private boolean noBits;
  private TreeLine line;

  /** A tree line made from an item's bytes ("UDP payload (57 bytes)", "TCP Option - MSS: ..."). */
  @FunctionalInterface
  public interface TreeLine {
    /** The whole line for the {@code length} bytes at {@code offset} of {@code data}. */
    String line(byte[] data, int offset, int length);
  }
  int id = -1;

  private Field(String name, String label, FieldType type) {
    this.name = name;
    this.label = label;
    this.type = type;
    int dot = name.indexOf('.');
    this.protocol = dot < 0 ? name : name.substring(0, dot);
    this.base = type.isInteger() ? Base.DEC : Base.NONE;
  }

  /** Declares a field; the protocol is the filter name up to the first dot. */
  public static Field of(String name, String label, FieldType type) {
    return new Field(name, label, type);
  }

  // Shorthands for the common types.
  public static Field u8(String name, String label) { return of(name, label, FieldType.UINT8); }
  public static Field u16(String name, String label) { return of(name, label, FieldType.UINT16); }
  public static Field u24(String name, String label) { return of(name, label, FieldType.UINT24); }
  public static Field u32(String name, String label) { return of(name, label, FieldType.UINT32); }
  public static Field u64(String name, String label) { return of(name, label, FieldType.UINT64); }
  public static Field bool(String name, String label) { return of(name, label, FieldType.BOOLEAN); }
  public static Field ipv4(String name, String label) { return of(name, label, FieldType.IPv4); }
  public static Field ipv6(String name, String label) { return of(name, label, FieldType.IPv6); }
  public static Field ether(String name, String label) { return of(name, label, FieldType.ETHER); }
  public static Field bytes(String name, String label) { return of(name, label, FieldType.BYTES); }
  public static Field string(String name, String label) { return of(name, label, FieldType.STRING); }
  public static Field none(String name, String label) { return of(name, label, FieldType.NONE); }
  public static Field frameNum(String name, String label) { return of(name, label, FieldType.FRAMENUM); }

  public Field base(Base b) { this.base = b; return this; }
  public Field hex() { return base(Base.HEX); }
  public Field decHex() { return base(Base.DEC_HEX); }
  public Field hexDec() { return base(Base.HEX_DEC); }
  public Field blurb(String b) { this.blurb = b; return this; }
  public Field unit(String u) { this.unit = u; return this; }
  /** A hidden field (PROTO_ITEM_SET_HIDDEN): filterable and in -T fields, not in trees. */
  public Field hidden() { this.hidden = true; return this; }
  public boolean isHidden() { return hidden; }
  /** Shown in brackets in trees even when it covers bytes (tshark's generated items). */
  public Field generated() { this.brackets = 1; return this; }
  /** Never in brackets in trees, though it covers no bytes (the frame's own items). */
  public Field plain() { this.brackets = -1; return this; }
  /** 1: always bracketed in trees, -1: never, 0: when it covers no bytes. */
  public int brackets() { return brackets; }
  /** The tree shows a value as this text ("99 bytes (792 bits)") instead of the usual one. */
  public Field shown(LongFunction<String> text) { this.shown = text; return this; }
  /**
   * A bitmask field whose value is its bits times {@code k} (IPv4's and TCP's header length in
   * bytes from 32-bit words): the tree shows the bits and "20 bytes (5)".
   */
  public Field scaled(int k) { this.scale = k; return this; }
  public int scale() { return scale; }
  /** A bitmask field the tree shows without its bit picture (tshark's "Flags: 0x018 (PSH, ACK)"). */
  public Field withoutBits() { this.noBits = true; return this; }
  public boolean bitsShown() { return !noBits; }
  /** A bytes or protocol item whose whole tree line is made from its bytes. */
  public Field line(TreeLine text) { this.line = text; return this; }
  /** The tree line of the bytes under {@link #line}, or null. */
  public String lineOf(byte[] data, int offset, int length) {
    return line == null ? null : line.line(data, offset, length);
  }
  /** The tree's text of a value under {@link #shown}, or null. */
  public String shownValue(long value) { return shown == null ? null : shown.apply(value); }

  /** Sets the bitmask within a container of {@code containerBits} bits (8, 16, 24, 32). */
  public Field mask(long mask, int containerBits) {
    this.bitmask = mask;
    this.shift = mask == 0 ? 0 : Long.numberOfTrailingZeros(mask);
    this.bitWidth = containerBits;
    return this;
  }

  /** Labels for values (Wireshark's value_string), shown as "Label (n)". */
  public Field labels(Map<Long, String> labels) {
    this.valueLabels = labels::get;
    return this;
  }

  public Field labels(LongFunction<String> labels) {
    this.valueLabels = labels;
    return this;
  }

  /** Labels for a boolean's two states (Wireshark's true_false_string). */
  public Field states(String whenTrue, String whenFalse) {
    this.trueLabel = whenTrue;
    this.falseLabel = whenFalse;
    return this;
  }

  public String name() { return name; }
  public String label() { return label; }
  public FieldType type() { return type; }
  public String protocol() { return protocol; }
  public Base base() { return base; }
  public long bitmask() { return bitmask; }
  public int shift() { return shift; }
  /** Bits of the container a bitmask field sits in (0 when the field has no bitmask). */
  public int bitWidth() { return bitWidth; }
  public String blurb() { return blurb; }
  public String unit() { return unit; }
  public String trueLabel() { return trueLabel; }
  public String falseLabel() { return falseLabel; }
  /** Registry index, assigned when the field is registered. */
  public int id() { return id; }

  /** Label of a value, or null when the field has none for it. */
  public String valueLabel(long value) {
    return valueLabels == null ? null : valueLabels.apply(value);
  }

  public boolean hasValueLabels() {
    return valueLabels != null;
  }

  /** Applies the bitmask (and shift) to a container value read from the packet. */
  public long extract(long container) {
    if (bitmask == 0) {
      return container;
    }
    long v = (container & bitmask) >>> shift;
    return type == FieldType.BOOLEAN ? (v != 0 ? 1 : 0) : v;
  }

  @Override
  public String toString() {
    return name;
  }
}

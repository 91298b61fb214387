package io.netsift.core.dissect;

import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;

/**
 * An expert-info kind, like Wireshark's {@code ei_register_info}: a field name (so filters
 * such as {@code ip.bogus_header_length} work), a severity, a group and a default message.
 * Dissectors declare them as constants and attach them with {@link Dissection#expert}.
 */
public final class Expert {
  /** Severities in Wireshark's order, with the words tshark prints. */
  public enum Severity {
    COMMENT("Comment", 0x00100000), CHAT("Chat", 0x00200000), NOTE("Note", 0x00400000),
    WARNING("Warning", 0x00600000), ERROR("Error", 0x00800000);

    private final String label;
    private final int code;

    Severity(String label, int code) {
      this.label = label;
      this.code = code;
    }

    public String label() {
      return label;
    }

    /** Wireshark's PI_* severity value, which {@code _ws.expert.severity} shows. */
    public int code() {
      return code;
    }
  }

  /** Wireshark's expert groups (PI_* group values) by the names dissectors use. */
  private static final java.util.Map<String, Integer> GROUPS = java.util.Map.ofEntries(
      java.util.Map.entry("Checksum", 0x01000000), java.util.Map.entry("Sequence", 0x02000000),
      java.util.Map.entry("Response", 0x03000000), java.util.Map.entry("Request", 0x04000000),
      java.util.Map.entry("Undecoded", 0x05000000), java.util.Map.entry("Reassemble", 0x06000000),
      java.util.Map.entry("Malformed", 0x07000000), java.util.Map.entry("Debug", 0x08000000),
      java.util.Map.entry("Protocol", 0x09000000), java.util.Map.entry("Security", 0x0a000000),
      java.util.Map.entry("Comment", 0x0b000000), java.util.Map.entry("Decryption", 0x0c000000),
      java.util.Map.entry("Assumption", 0x0d000000), java.util.Map.entry("Deprecated", 0x0e000000));

  private final Field field;
  private final Severity severity;
  private final String group;
  private final String message;
  private final String protocol;
  private final boolean treeOnly;
  private final boolean treelessOnly;
  private Field anchor;

  public Expert(String name, Severity severity, String group, String message) {
    this(Field.of(name, message, FieldType.NONE), severity, group, message, null, false, false);
  }

  private Expert(Field field, Severity severity, String group, String message, String protocol, boolean treeOnly,
      boolean treelessOnly) {
    this.field = field;
    this.severity = severity;
    this.group = group;
    this.message = message;
    this.protocol = protocol;
    this.treeOnly = treeOnly;
    this.treelessOnly = treelessOnly;
  }

  /**
   * The same kind, which Wireshark raises only while it builds a protocol tree (TCP's "4 NOP in
   * a row"): a plain {@code tshark -q -z expert} does not count it, with a display filter it does.
   */
  public Expert onlyWithTree() {
    return new Expert(field, severity, group, message, protocol, true, false).under(anchor);
  }

  /**
   * The same kind, which Wireshark raises only while it builds no protocol tree: MySQL's "FIXME -
   * dissector is incomplete" on a SHOW FIELDS column, whose Default value tshark reads only into
   * a tree. tshark 4.0 on zeek's mysql.pcap counts it in a plain {@code -q -z expert}, but not
   * with {@code -V}, {@code -T fields -e _ws.expert.message}, {@code -T json}, {@code -Y
   * _ws.expert} (no frame matches), {@code -z expert,FILTER} or a tree-needing tap beside it
   * ({@code -z io,phs}). So the note is never a tree item, field or filter match; only a
   * tree-less expert tap counts it. The same holds for DNS's unknown type past a record that
   * overruns the packet (without a tree DNS reads on where adding an item would have thrown
   * first) and SDP's invalid line when SAP hands it its own header.
   */
  public Expert onlyWithoutTree() {
    return new Expert(field, severity, group, message, protocol, false, true).under(anchor);
  }

  /** Whether Wireshark raises this note only while building no protocol tree. */
  public boolean treelessOnly() {
    return treelessOnly;
  }

  /**
   * Places the note under {@code item} in trees (tshark hangs TCP's SYN note on the SYN flag):
   * where the layer reports that item, the note follows as its child, else it goes at the
   * layer's end. The item must be a leaf (no children of its own). Returns this kind.
   */
  public Expert under(Field item) {
    this.anchor = item;
    return this;
  }

  /** The item the note hangs under, or null (the layer's end). */
  public Field anchor() {
    return anchor;
  }

  /** Whether Wireshark raises this note only while building a protocol tree. */
  public boolean treeOnly() {
    return treeOnly;
  }

  /**
   * The same kind (same field) raised while Wireshark's current protocol is {@code shortName}
   * rather than the layer's own: Ethernet's trailer note comes from the Ethertype hand-off.
   * Only {@code -z expert} shows the difference.
   */
  public Expert inProtocol(String shortName) {
    return new Expert(field, severity, group, message, shortName, treeOnly, treelessOnly).under(anchor);
  }

  /** The protocol {@code -z expert} names, or null for the layer's own. */
  public String protocol() {
    return protocol;
  }

  /** The filterable field of this expert kind (FT_NONE). */
  public Field field() {
    return field;
  }

  public Severity severity() {
    return severity;
  }

  /** Wireshark's group name, e.g. "Malformed", "Sequence", "Protocol". */
  public String group() {
    return group;
  }

  public String message() {
    return message;
  }

  /** Wireshark's PI_* group value, which {@code _ws.expert.group} shows (0 when unknown). */
  public int groupCode() {
    return GROUPS.getOrDefault(group, 0);
  }

  /** The severity word of a {@code _ws.expert.severity} value, or null. */
  public static String severityName(long code) {
    for (Severity s : Severity.values()) {
      if (s.code == code) {
        return s.label;
      }
    }
    return null;
  }

  /** The group word of a {@code _ws.expert.group} value, or null. */
  public static String groupName(long code) {
    for (java.util.Map.Entry<String, Integer> e : GROUPS.entrySet()) {
      if (e.getValue() == code) {
        return e.getKey();
      }
    }
    return null;
  }

  /** The {@code _ws.expert} line: "Expert Info (Chat/Sequence): message". */
  public String line(String text) {
    return "Expert Info (" + severity.label() + "/" + group + "): " + text;
  }
}

package io.netsift.core.field;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One occurrence of a field in a packet: where it is (offset, length within the frame) and
 * its value, typed (numbers as long, addresses as bytes) with the texts tshark shows: the
 * {@code -T fields} value and the tree line ({@link #showname()}).
 */
public final class FieldValue {
  private final Field field;
  private final byte[] frame;
  private final int offset;
  private final int length;
  private final long number;
  private final Object object;
  private final int frameStart;

  /** A value seen by a visitor; {@code frame} is the frame's byte array (not copied: pass a snapshot's). */
  public FieldValue(Field field, byte[] frame, int frameStart, int offset, int length, long number, Object object) {
    this.field = field;
    this.frame = frame;
    this.frameStart = frameStart;
    this.offset = offset;
    this.length = length;
    this.number = number;
    this.object = object;
  }

  public Field field() {
    return field;
  }

  public String name() {
    return field.name();
  }

  /** Offset of the field's bytes from the start of the frame. */
  public int offset() {
    return offset - frameStart;
  }

  public int length() {
    return length;
  }

  /** The bytes the field covers. */
  public byte[] bytes() {
    return Arrays.copyOfRange(frame, offset, offset + length);
  }

  /** The value as tshark's {@code -T fields} prints it. */
  public String text() {
    if (object == null && field.type() == FieldType.PROTOCOL) {
      return Addresses.hex(frame, offset, length);
    }
    if (object != null || field.type() == FieldType.NONE || field.type() == FieldType.PROTOCOL) {
      return FieldFormat.value(field, object);
    }
    if (field.type().isBytesValued() || number == Long.MIN_VALUE) {
      return FieldFormat.value(field, frame, offset, length);
    }
    return FieldFormat.value(field, number);
  }

  /** The whole tree line, as {@code tshark -V} shows it. */
  public String showname() {
    if (field.type() == FieldType.NONE) {
      return object != null ? String.valueOf(object) : field.label();
    }
    if ("".equals(object) && field.type() == FieldType.STRING) {
      // A string item whose value is empty but whose tree text is formatted (YMSG's
      // "key:value" content lines): the field's line gives that text.
      String shown = field.lineOf(frame, offset, length);
      if (shown != null) {
        return shown;
      }
    }
    if (object != null) {
      if (field.type() == FieldType.PROTOCOL) {
        return String.valueOf(object);
      }
      if (object instanceof ShownNumber n) {
        return field.label() + ": " + n.shown();
      }
      return field.label() + ": " + resolved(FieldFormat.value(field, object));
    }
    String line = field.lineOf(frame, offset, length);
    if (line != null) {
      return line;
    }
    if (field.type().isBytesValued() || number == Long.MIN_VALUE) {
      // A protocol item with no text of its own shows its name ("TCP Option - SACK permitted").
      return field.type() == FieldType.PROTOCOL ? field.label()
          : field.label() + ": " + resolved(FieldFormat.value(field, frame, offset, length));
    }
    return FieldFormat.showname(field, number);
  }

  /**
   * An EUI-64 address as tshark's tree shows it: followed by its resolved name, which without
   * name resolution is the address again ("00:0d:6f:00:00:0d:c5:58 (00:0d:6f:00:00:0d:c5:58)").
   */
  private String resolved(String value) {
    return field.type() == FieldType.EUI64 && !value.isEmpty() ? value + " (" + value + ")" : value;
  }

  /** Numeric value (integers, booleans as 0/1, times in nanoseconds). */
  public long asLong() {
    if (object instanceof Number) {
      return ((Number) object).longValue();
    }
    return number;
  }

  public boolean asBoolean() {
    return asLong() != 0;
  }

  /** The computed object value, or null for numeric and byte-valued fields. */
  public Object object() {
    return object;
  }

  /** The address of an IPv4/IPv6 field. */
  public InetAddress asInetAddress() {
    try {
      return InetAddress.getByAddress(bytes());
    } catch (UnknownHostException e) {
      throw new IllegalStateException(field.name() + " is not an address", e);
    }
  }

  @Override
  public String toString() {
    return text();
  }
}

package io.netsift.core.field;

/**
 * Value types of fields, named and numbered as Wireshark's {@code ftenum} so that
 * {@code netsift fields} prints the same type column as {@code tshark -G fields}.
 */
public enum FieldType {
  NONE(0), PROTOCOL(0), BOOLEAN(0), CHAR(1),
  UINT8(1), UINT16(2), UINT24(3), UINT32(4), UINT40(5), UINT48(6), UINT56(7), UINT64(8),
  INT8(1), INT16(2), INT24(3), INT32(4), INT40(5), INT48(6), INT56(7), INT64(8),
  FLOAT(4), DOUBLE(8), ABSOLUTE_TIME(0), RELATIVE_TIME(0),
  STRING(0), STRINGZ(0), UINT_STRING(0), ETHER(6), BYTES(0), UINT_BYTES(0),
  IPv4(4), IPv6(16), FRAMENUM(4), GUID(16), OID(0), EUI64(8);

  private final int width;

  FieldType(int width) {
    this.width = width;
  }

  /** Size in bytes of integer types (hex digits are twice this), 0 when variable. */
  public int width() {
    return width;
  }

  /** The name {@code tshark -G fields} prints, e.g. {@code FT_UINT16}. */
  public String tsharkName() {
    return "FT_" + name();
  }

  public boolean isUnsigned() {
    return ordinal() >= UINT8.ordinal() && ordinal() <= UINT64.ordinal() || this == FRAMENUM || this == CHAR;
  }

  public boolean isSigned() {
    return ordinal() >= INT8.ordinal() && ordinal() <= INT64.ordinal();
  }

  public boolean isInteger() {
    return isUnsigned() || isSigned();
  }

  /** Types whose value is the raw bytes of the field in the frame. */
  public boolean isBytesValued() {
    return this == ETHER || this == BYTES || this == UINT_BYTES || this == IPv4 || this == IPv6
        || this == GUID || this == OID || this == EUI64;
  }
}

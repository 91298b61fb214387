package io.netsift.core.filter;

import io.netsift.core.field.FieldType;

/**
 * What each field type can do in a filter, after Wireshark 4.0's {@code ftypes}: which
 * operators it takes, which types it compares with, how its values are held at run time
 * ({@link Rep}) and the names error messages use ({@code Unsigned integer (2 bytes)}).
 */
final class Ftypes {
  private Ftypes() {}

  /**
   * How values of a type are held in {@link Values} and compared. Strings and byte strings are
   * both byte ranges, but order differently: strings as strcmp does, byte strings (and
   * protocols, addresses) shorter-first, then byte by byte, as Wireshark's ftypes do.
   */
  enum Rep { NONE, UINT, SINT, BOOL, FLOAT, TIME, IPV4, IPV6, BYTES, STRING }

  /** Whether values of this representation are byte ranges. */
  static boolean isByteRange(Rep r) {
    return r == Rep.BYTES || r == Rep.STRING || r == Rep.IPV6;
  }

  static Rep rep(FieldType t) {
    switch (t) {
      case NONE: return Rep.NONE;
      case BOOLEAN: return Rep.BOOL;
      case FLOAT: case DOUBLE: return Rep.FLOAT;
      case ABSOLUTE_TIME: case RELATIVE_TIME: return Rep.TIME;
      case IPv4: return Rep.IPV4;
      case IPv6: return Rep.IPV6;
      case STRING: case STRINGZ: case UINT_STRING:
        return Rep.STRING;
      case PROTOCOL: case ETHER: case BYTES: case UINT_BYTES: case GUID: case OID: case EUI64:
        return Rep.BYTES;
      default:
        return t.isSigned() ? Rep.SINT : Rep.UINT;
    }
  }

  /** The name {@code tshark -G ftypes} gives the type, used in error messages. */
  static String pretty(FieldType t) {
    switch (t) {
      case NONE: return "Label";
      case PROTOCOL: return "Protocol";
      case BOOLEAN: return "Boolean";
      case CHAR: return "Character (1 byte)";
      case FLOAT: return "Floating point (single-precision)";
      case DOUBLE: return "Floating point (double-precision)";
      case ABSOLUTE_TIME: return "Date and time";
      case RELATIVE_TIME: return "Time offset";
      case STRING: case STRINGZ: case UINT_STRING: return "Character string";
      case ETHER: return "Ethernet or other MAC address";
      case BYTES: case UINT_BYTES: return "Byte sequence";
      case IPv4: return "IPv4 address";
      case IPv6: return "IPv6 address";
      case FRAMENUM: return "Frame number";
      case GUID: return "Globally Unique Identifier";
      case OID: return "ASN.1 object identifier";
      case EUI64: return "EUI64 address";
      default:
        int w = t.width();
        return (t.isSigned() ? "Signed" : "Unsigned") + " integer (" + w + (w == 1 ? " byte)" : " bytes)");
    }
  }

  static boolean isString(FieldType t) {
    return t == FieldType.STRING || t == FieldType.STRINGZ || t == FieldType.UINT_STRING;
  }

  /** Integer-like types (Wireshark's val_to_uinteger family): integers, chars, frame numbers. */
  static boolean isInteger(FieldType t) {
    return t.isInteger() || t == FieldType.CHAR || t == FieldType.FRAMENUM;
  }

  static boolean isNumeric(FieldType t) {
    return isInteger(t) || t == FieldType.FLOAT || t == FieldType.DOUBLE || t == FieldType.RELATIVE_TIME
        || t == FieldType.ABSOLUTE_TIME;
  }

  /** Wireshark's is_bytes_type: values that already are byte strings. */
  static boolean isBytesType(FieldType t) {
    switch (t) {
      case ETHER: case BYTES: case UINT_BYTES: case IPv6: case GUID: case OID:
        return true;
      default:
        return false;
    }
  }

  private static boolean bytesGroup(FieldType t) {
    switch (t) {
      case ETHER: case BYTES: case UINT_BYTES: case GUID: case OID: case EUI64:
        return true;
      default:
        return false;
    }
  }

  static boolean canEq(FieldType t) {
    return t != FieldType.NONE;
  }

  static boolean canOrder(FieldType t) {
    return t != FieldType.NONE && t != FieldType.GUID && t != FieldType.OID;
  }

  static boolean canContains(FieldType t) {
    return isString(t) || t == FieldType.PROTOCOL || bytesGroup(t) && t != FieldType.GUID && t != FieldType.EUI64;
  }

  static boolean canMatches(FieldType t) {
    return isString(t) || t == FieldType.PROTOCOL || t == FieldType.BYTES || t == FieldType.UINT_BYTES;
  }

  static boolean canSlice(FieldType t) {
    return isString(t) || t == FieldType.PROTOCOL || bytesGroup(t) || t == FieldType.IPv4 || t == FieldType.IPv6;
  }

  /** Wireshark's compatible_ftypes: may a value of {@code a} be compared with one of {@code b}? */
  static boolean compatible(FieldType a, FieldType b) {
    switch (a) {
      case NONE: case BOOLEAN: case PROTOCOL: case ABSOLUTE_TIME: case RELATIVE_TIME: case IPv4: case IPv6:
        return a == b;
      case FLOAT: case DOUBLE:
        return b == FieldType.FLOAT || b == FieldType.DOUBLE;
      case STRING: case STRINGZ: case UINT_STRING:
        return isString(b);
      default:
        if (bytesGroup(a)) {
          return bytesGroup(b);
        }
        return isInteger(b) || b == FieldType.BOOLEAN;
    }
  }

  /** Largest value of an unsigned type. */
  static long maxUnsigned(FieldType t) {
    int w = t == FieldType.FRAMENUM ? 4 : t.width();
    return w >= 8 ? -1L : (1L << (8 * w)) - 1;
  }

  static long maxSigned(FieldType t) {
    int w = t.width();
    return w >= 8 ? Long.MAX_VALUE : (1L << (8 * w - 1)) - 1;
  }

  static long minSigned(FieldType t) {
    int w = t.width();
    return w >= 8 ? Long.MIN_VALUE : -(1L << (8 * w - 1));
  }

  /** The FT_ name Wireshark uses in a few messages ({@code FT_UINT8}). */
  static String ftName(FieldType t) {
    return t.tsharkName();
  }
}

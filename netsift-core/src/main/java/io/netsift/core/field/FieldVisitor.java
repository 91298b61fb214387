package io.netsift.core.field;

/**
 * Receives the fields of a layer in tree order, as a dissector's field walker produces them.
 * Offsets are absolute indexes into the frame's byte array; nothing is allocated per numeric
 * or byte-valued field. Trees, JSON, {@code -T fields} and the filter engine are all visitors.
 */
public interface FieldVisitor {
  /** A field with an integer-like value (integers, booleans, chars, frame numbers, times in ns). */
  void number(Field f, int offset, int length, long value);

  /** A field whose value is the bytes {@code [offset, offset+length)} of the frame. */
  void bytes(Field f, int offset, int length);

  /** A field with a computed value (String, Double, byte[]), or a text-only node when f is null. */
  void object(Field f, int offset, int length, Object value);

  /** The last field reported becomes the parent of the following ones until {@link #exit()}. */
  default void enter() {}

  default void exit() {}

  /**
   * Whether the visitor wants fields of this protocol subtree at all; walkers may skip work
   * (option parsing, for instance) when a visitor says no.
   */
  default boolean wants(Field f) {
    return true;
  }

  /**
   * Whether the visitor wants any of {@code fields}: a walker skips a run of fields when it
   * says no (IPv4's header fields before the addresses, for {@code -e ip.src}). Visitors that
   * answer for the same array many times may remember the answer.
   */
  default boolean wantsAny(Field[] fields) {
    for (Field f : fields) {
      if (wants(f)) {
        return true;
      }
    }
    return false;
  }
}

package io.netsift.core.field;

/**
 * A number whose tree text is not the number alone and depends on the packet (tshark's
 * {@code Interface id: 0 (lo)}): passed as a field's object value, it is its number to filters,
 * {@code -T fields} and JSON, and its text in the detail tree.
 */
public final class ShownNumber extends Number {
  private static final long serialVersionUID = 1L;
  private final long value;
  private final String shown;

  public ShownNumber(long value, String shown) {
    this.value = value;
    this.shown = shown;
  }

  /** The text the tree shows after the field's label. */
  public String shown() {
    return shown;
  }

  @Override
  public int intValue() {
    return (int) value;
  }

  @Override
  public long longValue() {
    return value;
  }

  @Override
  public float floatValue() {
    return value;
  }

  @Override
  public double doubleValue() {
    return value;
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}

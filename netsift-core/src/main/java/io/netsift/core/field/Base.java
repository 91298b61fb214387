package io.netsift.core.field;

/**
 * Display base of a field, as Wireshark's {@code field_display_e}: integer bases and the
 * display variants of absolute times.
 */
public enum Base {
  NONE("BASE_NONE"), DEC("BASE_DEC"), HEX("BASE_HEX"), OCT("BASE_OCT"), DEC_HEX("BASE_DEC_HEX"),
  HEX_DEC("BASE_HEX_DEC"), CUSTOM("BASE_CUSTOM"),
  TIME_LOCAL("ABSOLUTE_TIME_LOCAL"), TIME_UTC("ABSOLUTE_TIME_UTC"), TIME_UNIX("ABSOLUTE_TIME_UNIX");

  private final String tsharkName;

  Base(String tsharkName) {
    this.tsharkName = tsharkName;
  }

  /** The name {@code tshark -G fields} prints, e.g. {@code BASE_HEX}. */
  public String tsharkName() {
    return tsharkName;
  }
}

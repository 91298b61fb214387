package io.netsift.core.filter;

/**
 * A display filter that does not compile. The message uses tshark 4.0's wording where tshark
 * has one ({@code "X" was unexpected in this context.}); {@link #column()} and
 * {@link #length()} say which characters of {@link #filter()} are at fault (0-based), so a CLI
 * can underline them ({@link #pointer()}) and a web page can highlight them. Errors that
 * tshark reports without a location ({@code Unexpected end of filter expression.}) point just
 * past the end of the filter with length 0.
 */
public final class FilterException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String filter;
  private final int column;
  private final int length;
  private final boolean located;

  FilterException(String message, String filter, int column, int length, boolean located) {
    super(message);
    this.filter = filter;
    this.column = Math.max(0, Math.min(column, filter.length()));
    this.length = Math.max(0, length);
    this.located = located;
  }

  static FilterException at(String message, String filter, int column, int length) {
    return new FilterException(message, filter, column, length, true);
  }

  /** An error with no particular place in the filter (tshark prints no caret line for these). */
  static FilterException unlocated(String message, String filter) {
    return new FilterException(message, filter, filter.length(), 0, false);
  }

  /** The filter text that failed. */
  public String filter() {
    return filter;
  }

  /** 0-based column of the first offending character. */
  public int column() {
    return column;
  }

  /** Number of offending characters (0 when the error has no location). */
  public int length() {
    return length;
  }

  /** Whether the error points at characters of the filter (tshark then prints a caret line). */
  public boolean hasLocation() {
    return located;
  }

  /**
   * The error as tshark prints it: the message, then (when located) the filter and a caret line
   * under the offending characters, each indented by four spaces.
   */
  public String pointer() {
    StringBuilder sb = new StringBuilder(getMessage());
    if (located) {
      sb.append("\n    ").append(filter).append("\n    ");
      for (int i = 0; i < column; i++) {
        sb.append(' ');
      }
      sb.append('^');
      for (int i = 1; i < length; i++) {
        sb.append('~');
      }
    }
    return sb.toString();
  }
}

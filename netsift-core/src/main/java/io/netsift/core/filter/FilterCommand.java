package io.netsift.core.filter;

/**
 * What {@code netsift filter --check} and {@code netsift filter --explain} print: a static
 * entry point that returns the text and the exit status, so the CLI only prints. A bad filter
 * gives tshark's message with the filter and a caret line under the error, and status 2.
 */
public final class FilterCommand {
  private FilterCommand() {}

  /** The text to print and the process exit status. */
  public record Result(int exitCode, String output) {}

  /** Validates a filter: status 0 and "Filter is valid.", or 2 and the error with its caret line. */
  public static Result check(String expression) {
    try {
      Filter f = Filter.compile(expression);
      return new Result(0, "Filter is valid. Fields read: "
          + (f.fields().isEmpty() ? "none" : String.join(", ", f.fields())) + "\n");
    } catch (FilterException e) {
      return new Result(2, e.pointer() + "\n");
    }
  }

  /** Prints the compiled plan of a filter (like Wireshark's dftest), or the error. */
  public static Result explain(String expression) {
    try {
      return new Result(0, Filter.compile(expression).explain());
    } catch (FilterException e) {
      return new Result(2, e.pointer() + "\n");
    }
  }
}

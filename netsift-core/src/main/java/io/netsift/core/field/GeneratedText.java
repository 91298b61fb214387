package io.netsift.core.field;

/**
 * A text-only tree item that tshark marks generated ({@code [Timestamps]}): passed as the
 * value of {@link FieldVisitor#object} with no field, it reads as its text everywhere and
 * the detail tree puts it in brackets.
 */
public record GeneratedText(String text) {
  @Override
  public String toString() {
    return text;
  }
}

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
    COMMENT("Comment"), CHAT("Chat"), NOTE("Note"), WARNING("Warning"), ERROR("Error");

    private final String label;

    Severity(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final Field field;
  private final Severity severity;
  private final String group;
  private final String message;

  public Expert(String name, Severity severity, String group, String message) {
    this.field = Field.of(name, message, FieldType.NONE);
    this.severity = severity;
    this.group = group;
    this.message = message;
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
}

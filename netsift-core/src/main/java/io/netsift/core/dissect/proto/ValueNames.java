package io.netsift.core.dissect.proto;

import java.util.HashMap;
import java.util.Map;

/**
 * Wireshark value_string tables kept as compact text ({@code "1=ICMP|2=IGMP|..."}, copied from
 * {@code tshark -G values}) and parsed once into a map, so large label tables stay readable
 * diffs instead of hundreds of {@code put} lines.
 */
final class ValueNames {
  private ValueNames() {}

  /** Parses {@code n=label} entries separated by {@code |}; line breaks between entries are ignored. */
  static Map<Long, String> parse(String table) {
    Map<Long, String> m = new HashMap<>();
    for (String entry : table.split("\\|")) {
      String e = entry.strip();
      int eq = e.indexOf('=');
      if (eq > 0) {
        m.putIfAbsent(Long.decode(e.substring(0, eq)), e.substring(eq + 1));
      }
    }
    return m;
  }
}

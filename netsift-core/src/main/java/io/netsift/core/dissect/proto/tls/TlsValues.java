package io.netsift.core.dissect.proto.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * tshark 4.0's value strings of the TLS fields (cipher suites, extension types, groups, ...),
 * loaded from {@code tls-values.tsv}, which {@code scripts/tls/make-tls-values.sh} makes from
 * {@code tshark -G values}.
 */
public final class TlsValues {
  private static final Map<String, Map<Long, String>> TABLES = load();

  private TlsValues() {}

  private static Map<String, Map<Long, String>> load() {
    Map<String, Map<Long, String>> out = new HashMap<>();
    try (InputStream in = TlsValues.class.getResourceAsStream("tls-values.tsv")) {
      if (in == null) {
        return out;
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        String[] f = line.split("\t", 3);
        if (f.length == 3) {
          out.computeIfAbsent(f[0], k -> new HashMap<>()).put(Long.decode(f[1]), f[2]); // later declarations win
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("tls-values.tsv: " + e.getMessage(), e);
    }
    return out;
  }

  /** The labels of field {@code name} (null for unknown values). */
  public static LongFunction<String> of(String name) {
    Map<Long, String> m = TABLES.getOrDefault(name, Map.of());
    return m::get;
  }

  /** As {@link #of} with RFC 8701 GREASE values ({@code 0x?a?a}) named "Reserved (GREASE)". */
  public static LongFunction<String> withGrease(String name) {
    Map<Long, String> m = TABLES.getOrDefault(name, Map.of());
    return v -> {
      String s = m.get(v);
      return s == null && isGrease(v) ? "Reserved (GREASE)" : s;
    };
  }

  /** RFC 8701 GREASE: both bytes equal and of the form 0x?A. */
  public static boolean isGrease(long v) {
    return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
  }
}

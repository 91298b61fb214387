package io.netsift.core.dns;

import java.util.Optional;

/** Shared parsing for the open enums' generic names ({@code TYPE65280}, {@code CLASS4}). */
final class Codes {
  private Codes() {}

  /** Parses {@code PREFIXnnn} with nnn in 0..65535, already upper-cased. */
  static Optional<Integer> parseGeneric(String upper, String prefix) {
    if (!upper.startsWith(prefix) || upper.length() == prefix.length() || upper.length() > prefix.length() + 5) {
      return Optional.empty();
    }
    int v = 0;
    for (int i = prefix.length(); i < upper.length(); i++) {
      char c = upper.charAt(i);
      if (c < '0' || c > '9') {
        return Optional.empty();
      }
      v = v * 10 + (c - '0');
    }
    return v <= 0xffff ? Optional.of(v) : Optional.empty();
  }
}

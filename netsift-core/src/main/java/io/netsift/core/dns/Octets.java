package io.netsift.core.dns;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An immutable run of octets from a DNS message (TXT strings, keys, digests, option data),
 * with value equality, so the records that hold them can be Java records.
 */
public final class Octets {
  /** No octets. */
  public static final Octets EMPTY = new Octets(new byte[0]);

  private final byte[] bytes;

  private Octets(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}. */
  public static Octets of(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
  }

  /** A copy of {@code length} bytes at {@code offset}. */
  public static Octets of(byte[] bytes, int offset, int length) {
    return length == 0 ? EMPTY : new Octets(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /** The UTF-8 bytes of {@code text}. */
  public static Octets utf8(String text) {
    return of(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses hex digits (no separators); throws {@link IllegalArgumentException} on bad input. */
  public static Octets fromHex(String hex) {
    return new Octets(HexFormat.of().parseHex(hex));
  }

  /** The number of octets. */
  public int length() {
    return bytes.length;
  }

  /** The octet at {@code i}, 0..255. */
  public int get(int i) {
    return bytes[i] & 0xff;
  }

  /** A copy of the octets. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** Lower-case hex, no separators. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** Standard base64 with padding (the presentation form of keys and signatures). */
  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** The octets decoded as UTF-8 (malformed sequences become U+FFFD). */
  public String utf8() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** One char per octet, lossless. */
  public String latin1() {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  byte[] raw() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Octets x && Arrays.equals(x.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}

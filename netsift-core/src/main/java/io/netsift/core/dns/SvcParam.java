package io.netsift.core.dns;

/**
 * One SvcParam of an SVCB or HTTPS record (RFC 9460 §2.2): SvcParamKey and its value, left
 * raw; {@link #keyName()} gives the presentation name ({@code alpn}, {@code port}, ... or
 * {@code keyNNNNN}, RFC 9460 §2.1).
 */
public record SvcParam(int key, Octets value) {
  public static final int MANDATORY = 0;
  public static final int ALPN = 1;
  public static final int NO_DEFAULT_ALPN = 2;
  public static final int PORT = 3;
  public static final int IPV4HINT = 4;
  public static final int ECH = 5;
  public static final int IPV6HINT = 6;

  public SvcParam {
    if (key < 0 || key > 0xffff) {
      throw new IllegalArgumentException("SvcParamKey out of range: " + key);
    }
  }

  /** The key's presentation name. */
  public String keyName() {
    return keyName(key);
  }

  /** The presentation name of a SvcParamKey. */
  public static String keyName(int key) {
    return switch (key) {
      case MANDATORY -> "mandatory";
      case ALPN -> "alpn";
      case NO_DEFAULT_ALPN -> "no-default-alpn";
      case PORT -> "port";
      case IPV4HINT -> "ipv4hint";
      case ECH -> "ech";
      case IPV6HINT -> "ipv6hint";
      case 7 -> "dohpath";
      case 8 -> "ohttp";
      default -> "key" + key;
    };
  }
}

package io.netsift.core.dns;

/**
 * One EDNS0 option in an OPT record (RFC 6891 §6.1.2): OPTION-CODE and its data, left raw;
 * {@link #name()} gives the IANA "DNS EDNS0 Option Codes" mnemonic where there is one.
 */
public record EdnsOption(int code, Octets data) {
  /** RFC 5001. */
  public static final int NSID = 3;
  /** RFC 7871. */
  public static final int CLIENT_SUBNET = 8;
  /** RFC 7314. */
  public static final int EXPIRE = 9;
  /** RFC 7873. */
  public static final int COOKIE = 10;
  /** RFC 7828. */
  public static final int TCP_KEEPALIVE = 11;
  /** RFC 7830. */
  public static final int PADDING = 12;
  /** RFC 8914 Extended DNS Error. */
  public static final int EDE = 15;

  public EdnsOption {
    if (code < 0 || code > 0xffff) {
      throw new IllegalArgumentException("EDNS option code out of range: " + code);
    }
    if (data.length() > 0xffff) {
      throw new IllegalArgumentException("EDNS option data longer than 65535");
    }
  }

  /** The option's mnemonic, as dig prints it, or {@code OPTnnn}. */
  public String name() {
    return switch (code) {
      case 1 -> "LLQ";
      case 2 -> "UL";
      case NSID -> "NSID";
      case 5 -> "DAU";
      case 6 -> "DHU";
      case 7 -> "N3U";
      case CLIENT_SUBNET -> "CLIENT-SUBNET";
      case EXPIRE -> "EXPIRE";
      case COOKIE -> "COOKIE";
      case TCP_KEEPALIVE -> "TCP-KEEPALIVE";
      case PADDING -> "PADDING";
      case 13 -> "CHAIN";
      case 14 -> "KEY-TAG";
      case EDE -> "EDE";
      default -> "OPT" + code;
    };
  }
}

package io.netsift.core.dissect.proto;

/**
 * The values of Wireshark's {@code *.checksum.status} fields (its {@code proto_checksum_vals}),
 * shared by the transport and ICMP dissectors.
 */
final class Checksums {
  static final int BAD = 0;
  static final int GOOD = 1;
  static final int UNVERIFIED = 2;
  static final int NOT_PRESENT = 3;
  static final int ILLEGAL = 4;

  private static final String[] NAMES = {"Bad", "Good", "Unverified", "Not present", "Illegal"};

  private Checksums() {}

  /** The label tshark shows for a status, or null. */
  static String statusName(long status) {
    return status >= 0 && status < NAMES.length ? NAMES[(int) status] : null;
  }
}

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

  /** A checksum nobody verified, as tshark's tree shows it: "0xfe88 [unverified]". */
  static String unverifiedText(long checksum) {
    return String.format("0x%04x [unverified]", checksum);
  }

  /** A UDP checksum: unverified, or "0x0000 [zero-value ignored]" when the sender left it out. */
  static String udpText(long checksum) {
    return checksum == 0 ? "0x0000 [zero-value ignored]" : unverifiedText(checksum);
  }

  /** The label tshark shows for a status, or null. */
  static String statusName(long status) {
    return status >= 0 && status < NAMES.length ? NAMES[(int) status] : null;
  }
}

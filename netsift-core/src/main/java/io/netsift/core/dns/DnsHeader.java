package io.netsift.core.dns;

/**
 * The fixed 12-byte message header (RFC 1035 §4.1.1, flags updated by RFC 4035 §3.2 and
 * RFC 6895 §2):
 *
 * <pre>
 *   0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |                      ID                       |
 * |QR|   Opcode  |AA|TC|RD|RA| Z|AD|CD|   RCODE   |
 * |                    QDCOUNT                    |
 * |                    ANCOUNT                    |
 * |                    NSCOUNT                    |
 * |                    ARCOUNT                    |
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * </pre>
 *
 * The flags word is kept whole; the accessors pick it apart. Counts are as read from the wire
 * (a decoded message may hold fewer entries if it was damaged); the encoder writes the real
 * list sizes instead.
 */
public record DnsHeader(int id, int flags, int qdCount, int anCount, int nsCount, int arCount) {
  /** Query (0) or response (1). */
  public static final int QR = 0x8000;
  /** Authoritative answer. */
  public static final int AA = 0x0400;
  /** Truncated: the message did not fit the transport (RFC 1035 §4.1.1). */
  public static final int TC = 0x0200;
  /** Recursion desired. */
  public static final int RD = 0x0100;
  /** Recursion available. */
  public static final int RA = 0x0080;
  /** Reserved, must be zero. */
  public static final int Z = 0x0040;
  /** Authentic data (RFC 4035 §3.2.3). */
  public static final int AD = 0x0020;
  /** Checking disabled (RFC 4035 §3.2.2). */
  public static final int CD = 0x0010;

  /** Byte length of the header. */
  public static final int LENGTH = 12;

  public DnsHeader {
    check("id", id);
    check("flags", flags);
    check("qdCount", qdCount);
    check("anCount", anCount);
    check("nsCount", nsCount);
    check("arCount", arCount);
  }

  private static void check(String what, int v) {
    if (v < 0 || v > 0xffff) {
      throw new IllegalArgumentException(what + " out of range 0..65535: " + v);
    }
  }

  /** A flags word from its parts; {@code bits} is an OR of QR, AA, TC, RD, RA, Z, AD, CD. */
  public static int flags(DnsOpcode opcode, DnsRcode rcode, int bits) {
    return (bits & 0x87f0) | (opcode.value() << 11) | (rcode.value() & 0xf);
  }

  /** Whether this is a response (QR set). */
  public boolean isResponse() {
    return (flags & QR) != 0;
  }

  /** The OPCODE field. */
  public DnsOpcode opcode() {
    return DnsOpcode.valueOf((flags >> 11) & 0xf);
  }

  /** AA. */
  public boolean authoritative() {
    return (flags & AA) != 0;
  }

  /** TC. */
  public boolean truncated() {
    return (flags & TC) != 0;
  }

  /** RD. */
  public boolean recursionDesired() {
    return (flags & RD) != 0;
  }

  /** RA. */
  public boolean recursionAvailable() {
    return (flags & RA) != 0;
  }

  /** The reserved Z bit. */
  public boolean z() {
    return (flags & Z) != 0;
  }

  /** AD. */
  public boolean authenticData() {
    return (flags & AD) != 0;
  }

  /** CD. */
  public boolean checkingDisabled() {
    return (flags & CD) != 0;
  }

  /** The header's 4-bit RCODE (see {@link DnsMessage#rcode()} for the EDNS-extended one). */
  public DnsRcode rcode() {
    return DnsRcode.valueOf(flags & 0xf);
  }

  /** This header with another id. */
  public DnsHeader withId(int newId) {
    return new DnsHeader(newId, flags, qdCount, anCount, nsCount, arCount);
  }

  /** This header with another flags word. */
  public DnsHeader withFlags(int newFlags) {
    return new DnsHeader(id, newFlags, qdCount, anCount, nsCount, arCount);
  }
}

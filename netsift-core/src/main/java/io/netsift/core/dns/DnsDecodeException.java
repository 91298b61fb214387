package io.netsift.core.dns;

/**
 * A message that could not be decoded, saying which of two things went wrong (as netty's
 * codec-dns does): {@link Kind#TRUNCATED} — the bytes ended before the message did, so more
 * data (a TCP retry, a bigger snaplen) could fix it — or {@link Kind#CORRUPT} — the bytes
 * contradict themselves (a compression loop, a pointer past the end, an rdata length that
 * does not fit its type). {@link #offset()} is the byte, relative to the message start, where
 * the problem was found, and {@link #partial()} the part decoded before it, for dissectors
 * that show what they can and flag the rest.
 */
public final class DnsDecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of damage. */
  public enum Kind {
    /** Not enough bytes. */
    TRUNCATED,
    /** Bytes that no valid message has. */
    CORRUPT
  }

  /**
   * Which rule the bytes broke, finer than {@link Kind}: dissectors show a looping name
   * differently from a pointer past the end.
   */
  public enum Reason {
    /** The bytes ended too soon ({@link Kind#TRUNCATED}). */
    SHORT,
    /** A compression pointer leads back to a target already visited (RFC 1035 §4.1.4). */
    POINTER_LOOP,
    /** A compression pointer points at or past the end of the message. */
    POINTER_OUT_OF_RANGE,
    /** A label type other than 0x00 and 0xC0 (RFC 6891 §5). */
    LABEL_TYPE,
    /** A name longer than 255 octets, or more pointers than any name can need. */
    NAME_TOO_LONG,
    /** RDATA that does not fit its type. */
    RDATA
  }

  private final Kind kind;
  private final Reason reason;
  private final int offset;
  private final String detail;
  private final transient DnsMessage partial;

  DnsDecodeException(Kind kind, int offset, String detail, DnsMessage partial) {
    this(kind, kind == Kind.TRUNCATED ? Reason.SHORT : Reason.RDATA, offset, detail, partial);
  }

  DnsDecodeException(Kind kind, Reason reason, int offset, String detail, DnsMessage partial) {
    super((kind == Kind.TRUNCATED ? "truncated DNS message: " : "corrupt DNS message: ") + detail);
    this.detail = detail;
    this.kind = kind;
    this.reason = reason;
    this.offset = offset;
    this.partial = partial;
  }

  /** TRUNCATED or CORRUPT. */
  public Kind kind() {
    return kind;
  }

  /** The rule the bytes broke. */
  public Reason reason() {
    return reason;
  }

  /** Whether the bytes simply ended too soon. */
  public boolean isTruncated() {
    return kind == Kind.TRUNCATED;
  }

  /** Offset of the damage, relative to the message start. */
  public int offset() {
    return offset;
  }

  /**
   * The header and every complete question and record before the damage, in a message whose
   * header still carries the declared counts; null if even the header was incomplete.
   */
  public DnsMessage partial() {
    return partial;
  }

  DnsDecodeException withPartial(DnsMessage p) {
    return new DnsDecodeException(kind, reason, offset, detail, p);
  }
}

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

  private final Kind kind;
  private final int offset;
  private final String detail;
  private final transient DnsMessage partial;

  DnsDecodeException(Kind kind, int offset, String detail, DnsMessage partial) {
    super((kind == Kind.TRUNCATED ? "truncated DNS message: " : "corrupt DNS message: ") + detail);
    this.detail = detail;
    this.kind = kind;
    this.offset = offset;
    this.partial = partial;
  }

  /** TRUNCATED or CORRUPT. */
  public Kind kind() {
    return kind;
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
    return new DnsDecodeException(kind, offset, detail, p);
  }
}

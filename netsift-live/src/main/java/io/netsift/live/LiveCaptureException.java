package io.netsift.live;

/**
 * A live capture that could not start or went wrong, with a message meant for the person at the
 * keyboard (what happened and what to do) and a {@link Kind} a program can act on — the CLI maps
 * bad filters and unknown interfaces to exit code 2. Unchecked, so it passes through streams and
 * iterators of packets.
 */
public final class LiveCaptureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** libpcap is not installed (or could not be bound). */
    LIBPCAP_MISSING,
    /** The process may not open a packet socket. */
    PERMISSION,
    /** No such capture interface. */
    NO_SUCH_INTERFACE,
    /** libpcap rejected the BPF capture filter. */
    BAD_FILTER,
    /** Anything else libpcap reported. */
    FAILED
  }

  private final Kind kind;

  public LiveCaptureException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public LiveCaptureException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}

package io.netsift.net.rfc;

import java.io.IOException;

/** The server answered, but not with the RFC: a non-200 status, or a redirect we will not follow. */
public final class RfcFetchException extends IOException {
  private static final long serialVersionUID = 1L;
  private final int status;

  RfcFetchException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status, or 0 when the problem was not a status (redirect loop, downgrade). */
  public int status() {
    return status;
  }
}

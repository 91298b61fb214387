package io.netsift.net.dns;

import java.io.IOException;
import java.util.List;

/**
 * No server gave a usable answer within the timeouts and retries: every attempt timed out, was
 * refused, or returned something that was not a response to our query. {@link #attempts()}
 * says what happened to each try, in dig's words.
 */
public final class DnsNoResponseException extends IOException {
  private static final long serialVersionUID = 1L;
  private final List<String> attempts;

  DnsNoResponseException(List<String> attempts) {
    super("no servers could be reached");
    this.attempts = List.copyOf(attempts);
  }

  /** One line per failed attempt. */
  public List<String> attempts() {
    return attempts;
  }
}

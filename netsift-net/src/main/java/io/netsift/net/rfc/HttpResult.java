package io.netsift.net.rfc;

/**
 * One HTTP response as a fetcher saw it, before any redirect is followed.
 *
 * @param location the Location header, or null
 */
public record HttpResult(int status, String reason, String location, byte[] body) {
  /** Whether the status is a redirect that carries a Location (RFC 9110 §15.4). */
  public boolean isRedirect() {
    return location != null && (status == 301 || status == 302 || status == 303 || status == 307 || status == 308);
  }
}

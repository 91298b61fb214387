package io.netsift.net.rfc;

import java.io.IOException;
import java.net.URI;

/**
 * One GET with one HTTP stack, redirects not followed: {@link RfcFetcher} follows them itself,
 * so every stack obeys the same redirect rules and limit.
 */
public interface HttpFetcher {
  /** Sends GET {@code uri} and returns the status and the whole (de-chunked) body. */
  HttpResult get(URI uri) throws IOException;
}

package io.netsift.net.rfc;

import java.util.Locale;

/** The three HTTP stacks {@code netsift rfc} can download with. */
public enum HttpStack {
  /** {@code java.net.http.HttpClient} (JDK 11+). */
  HTTPCLIENT,
  /** {@code java.net.HttpURLConnection}, the JDK's original client. */
  URLCONNECTION,
  /** Our own HTTP/1.1 over a plain {@code Socket} or an {@code SSLSocket}: {@link SocketHttpClient}. */
  SOCKET;

  /** The lower-case name used on the command line. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

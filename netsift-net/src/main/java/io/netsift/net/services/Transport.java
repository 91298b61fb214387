package io.netsift.net.services;

import java.util.Locale;

/** The transport a port number belongs to. */
public enum Transport {
  TCP,
  UDP;

  /** "tcp" or "udp", as /etc/services writes them. */
  public String lower() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package io.netsift.net.services;

import java.util.List;

/** One row of the service table: IANA service name, port and transport, other names, and what it is. */
public record ServiceEntry(String name, int port, Transport transport, List<String> aliases, String description) {
  public ServiceEntry {
    aliases = List.copyOf(aliases);
  }

  /** {@code 53/udp}. */
  public String portSlashTransport() {
    return port + "/" + transport.lower();
  }
}

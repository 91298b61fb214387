package io.netsift.core.dissect.proto.http;

import io.netsift.core.dissect.Protocols;

/**
 * Simple Service Discovery Protocol (UPnP): HTTP messages over UDP port 1900. tshark dissects
 * them with the HTTP dissector under the protocol name "ssdp", so the fields are HTTP's.
 */
public final class SsdpDissector extends HttpDissector {
  public SsdpDissector() {
    super("ssdp", "Simple Service Discovery Protocol", "SSDP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, 1900, this);
  }
}

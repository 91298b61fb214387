package io.netsift.core.dissect.proto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * The UDP and TCP ports tshark 4.0 gives to a port dissector ({@code tshark-udp-ports.txt} and
 * {@code tshark-tcp-ports.txt}, made by {@code scripts/golden/make-tshark-ports.sh} from
 * {@code tshark -G decodes}). tshark tries its heuristic dissectors only when neither port of a
 * datagram or stream has one, so the heuristics netsift shares with tshark (DNS over UDP,
 * DCE/RPC over TCP) stay off these ports even where netsift has no dissector for them.
 */
public final class TsharkPorts {
  private TsharkPorts() {}

  private static final BitSet UDP = load("tshark-udp-ports.txt");
  private static final BitSet TCP = load("tshark-tcp-ports.txt");

  /** Whether tshark has a port dissector for UDP port {@code port}. */
  public static boolean udp(int port) {
    return UDP.get(port);
  }

  /** Whether either port of TCP layer {@code tcp} of {@code d} has a tshark port dissector. */
  static boolean tcp(io.netsift.core.dissect.Dissection d, int tcp) {
    return TCP.get(Transport.srcPort(d, tcp)) || TCP.get(Transport.dstPort(d, tcp));
  }

  private static BitSet load(String name) {
    BitSet ports = new BitSet(65536);
    try (InputStream in = TsharkPorts.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank()) {
          ports.set(Integer.parseInt(line.strip()));
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException(name + ": " + e.getMessage(), e);
    }
    return ports;
  }
}

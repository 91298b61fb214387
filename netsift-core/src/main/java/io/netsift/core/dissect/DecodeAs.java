package io.netsift.core.dissect;

import java.util.Locale;

/**
 * tshark's {@code -d} and {@code -o} arguments, parsed into a registry: {@code
 * tcp.port==8080,http} sends TCP port 8080 to the HTTP dissector ({@code tcp.port==8080-8090,http}
 * a range), {@code udp.port}, {@code ip.proto} and {@code ethertype} work alike; {@code
 * name:value} sets a preference ({@code tcp.desegment_tcp_streams:FALSE}).
 */
public final class DecodeAs {
  private DecodeAs() {}

  /**
   * Applies one {@code -d} rule.
   *
   * @throws IllegalArgumentException naming what is wrong (table, number or protocol)
   */
  public static Protocols apply(Protocols p, String rule) {
    int eq = rule.indexOf("==");
    int comma = rule.lastIndexOf(',');
    if (eq <= 0 || comma < eq + 2) {
      throw new IllegalArgumentException("-d: \"" + rule + "\" is not LAYER==VALUE,PROTOCOL (for example tcp.port==8080,http)");
    }
    String selector = rule.substring(0, eq).trim().toLowerCase(Locale.ROOT);
    String value = rule.substring(eq + 2, comma).trim();
    String protocol = rule.substring(comma + 1).trim().toLowerCase(Locale.ROOT);
    Protocols.Table table;
    int max;
    switch (selector) {
      case "tcp.port": table = Protocols.Table.TCP_PORT; max = 65535; break;
      case "udp.port": table = Protocols.Table.UDP_PORT; max = 65535; break;
      case "ip.proto": table = Protocols.Table.IP_PROTO; max = 255; break;
      case "ethertype": table = Protocols.Table.ETHERTYPE; max = 65535; break;
      default:
        throw new IllegalArgumentException("-d: unsupported layer type \"" + selector
            + "\" (use tcp.port, udp.port, ip.proto or ethertype)");
    }
    if (p.byName(protocol) == null) {
      throw new IllegalArgumentException("-d: unknown protocol \"" + protocol + "\" (netsift fields lists the protocols)");
    }
    int dash = value.indexOf('-', 1);
    int from = number(value.substring(0, dash < 0 ? value.length() : dash), max, rule);
    int to = dash < 0 ? from : number(value.substring(dash + 1), max, rule);
    if (to < from || to - from > 65535) {
      throw new IllegalArgumentException("-d: bad range \"" + value + "\" in \"" + rule + "\"");
    }
    Protocols out = p;
    for (int k = from; k <= to; k++) {
      out = out.withDecodeAs(table, k, protocol);
    }
    return out;
  }

  /** Applies one {@code -o name:value} preference. */
  public static Protocols preference(Protocols p, String option) {
    int colon = option.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("-o: \"" + option + "\" is not NAME:VALUE (for example tcp.desegment_tcp_streams:FALSE)");
    }
    return p.withPreference(option.substring(0, colon).trim(), option.substring(colon + 1).trim());
  }

  private static int number(String s, int max, String rule) {
    try {
      String t = s.trim();
      int v = t.startsWith("0x") || t.startsWith("0X") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
      if (v < 0 || v > max) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-d: \"" + s + "\" is not a number from 0 to " + max + " in \"" + rule + "\"");
    }
  }
}

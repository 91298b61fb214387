package io.netsift.net.services;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The well-known service table: IANA service names for the common TCP and UDP ports, looked
 * up both ways. The one table serves {@code netsift ports} and port-name resolution
 * ({@link #portName}, what tshark's {@code -N t} does); numeric output stays the default
 * elsewhere, as in tshark. The data is the bundled {@code services.tsv}, so results do not
 * depend on the machine's /etc/services.
 */
public final class ServiceTable {
  private static final ServiceTable STANDARD = load();

  private final List<ServiceEntry> entries;
  private final Map<Long, ServiceEntry> byPortTransport = new HashMap<>();
  private final Map<String, List<ServiceEntry>> byName = new HashMap<>();

  ServiceTable(List<ServiceEntry> entries) {
    List<ServiceEntry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingInt(ServiceEntry::port).thenComparing(ServiceEntry::transport));
    this.entries = List.copyOf(sorted);
    for (ServiceEntry e : this.entries) {
      byPortTransport.put(key(e.port(), e.transport()), e);
      byName.computeIfAbsent(e.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(e);
      for (String a : e.aliases()) {
        byName.computeIfAbsent(a.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(e);
      }
    }
  }

  /** The bundled table. */
  public static ServiceTable standard() {
    return STANDARD;
  }

  private static long key(int port, Transport t) {
    return (long) port << 2 | t.ordinal();
  }

  private static ServiceTable load() {
    List<ServiceEntry> list = new ArrayList<>();
    try (InputStream in = ServiceTable.class.getResourceAsStream("services.tsv")) {
      if (in == null) {
        throw new IllegalStateException("services.tsv missing from the netsift-net jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        String[] portProto = f[1].split("/");
        int port = Integer.parseInt(portProto[0]);
        List<String> aliases = f[2].equals("-") ? List.of() : Arrays.asList(f[2].split(","));
        for (String t : portProto[1].split(",")) {
          list.add(new ServiceEntry(f[0], port, Transport.valueOf(t.toUpperCase(Locale.ROOT)), aliases, f[3]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ServiceTable(list);
  }

  /** Every entry, by port then transport. */
  public List<ServiceEntry> all() {
    return entries;
  }

  /** The entry for a port on a transport. */
  public Optional<ServiceEntry> lookup(int port, Transport transport) {
    return Optional.ofNullable(byPortTransport.get(key(port, transport)));
  }

  /** The service name for a port, as {@code -N t} shows it; empty when the table has none. */
  public Optional<String> portName(int port, Transport transport) {
    return lookup(port, transport).map(ServiceEntry::name);
  }

  /** The port as tshark prints it with {@code -N t}: the name if known, else the number. */
  public String resolve(int port, Transport transport) {
    return portName(port, transport).orElse(Integer.toString(port));
  }

  /** Entries for a port number on any transport. */
  public List<ServiceEntry> byPort(int port) {
    List<ServiceEntry> out = new ArrayList<>();
    for (Transport t : Transport.values()) {
      lookup(port, t).ifPresent(out::add);
    }
    return out;
  }

  /** Entries whose name or alias is {@code name}, ignoring case. */
  public List<ServiceEntry> byName(String name) {
    return List.copyOf(byName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
  }

  /**
   * What {@code netsift ports QUERY} shows: a number ({@code 53}) or number/transport
   * ({@code 53/udp}) finds by port; otherwise an exact name or alias; failing that, every entry
   * whose name, alias or description contains the query.
   */
  public List<ServiceEntry> search(String query) {
    String q = query.trim().toLowerCase(Locale.ROOT);
    int slash = q.indexOf('/');
    String number = slash >= 0 ? q.substring(0, slash) : q;
    if (!number.isEmpty() && number.chars().allMatch(Character::isDigit)) {
      if (number.length() > 5 || Integer.parseInt(number) > 65535) {
        throw new IllegalArgumentException("port " + number + " outside 0..65535");
      }
      int port = Integer.parseInt(number);
      if (slash < 0) {
        return byPort(port);
      }
      Transport t = transport(q.substring(slash + 1));
      return lookup(port, t).map(List::of).orElse(List.of());
    }
    List<ServiceEntry> exact = byName(slash >= 0 ? q.substring(0, slash) : q);
    if (slash >= 0) {
      Transport t = transport(q.substring(slash + 1));
      exact = exact.stream().filter(e -> e.transport() == t).toList();
    }
    if (!exact.isEmpty()) {
      return exact;
    }
    List<ServiceEntry> out = new ArrayList<>();
    for (ServiceEntry e : entries) {
      if (e.name().contains(q) || e.description().toLowerCase(Locale.ROOT).contains(q)
          || e.aliases().stream().anyMatch(a -> a.contains(q))) {
        out.add(e);
      }
    }
    return out;
  }

  private static Transport transport(String s) {
    try {
      return Transport.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown transport \"" + s + "\" (tcp or udp)");
    }
  }
}

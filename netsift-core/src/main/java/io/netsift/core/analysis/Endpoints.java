package io.netsift.core.analysis;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.filter.Filter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -z endpoints,eth|ip|ipv6|tcp|udp[,filter]}: traffic per address (and port), as
 * tshark's endpoint table prints it: packets and bytes in total, sent (Tx) and received (Rx).
 * Rows are ordered by total packets, most first, ties in order of first appearance (a
 * packet's source before its destination).
 */
public final class Endpoints implements Tap {
  /** One row of the table. */
  public static final class Endpoint {
    public final String address;
    public final int port;
    public long txFrames;
    public long txBytes;
    public long rxFrames;
    public long rxBytes;

    Endpoint(String address, int port) {
      this.address = address;
      this.port = port;
    }
  }

  private final TrafficKind kind;
  private final String filterText;
  private final Filter filter;
  private final Map<String, Endpoint> byKey = new HashMap<>();
  private final List<Endpoint> rows = new ArrayList<>();

  Endpoints(TrafficKind kind, String filter) {
    this.kind = kind;
    this.filterText = filter;
    this.filter = StatsText.filter(filter);
  }

  /** {@code type} is eth, ip, ipv6, tcp or udp; {@code filter} may be null. */
  public static Endpoints of(String type, String filter) {
    return new Endpoints(TrafficKind.of(type, "endpoints"), filter);
  }

  @Override
  public boolean needsTree() {
    return filter != null;
  }

  @Override
  public void packet(Dissection d, boolean displayed) {
    if (!StatsText.passes(filter, d)) {
      return;
    }
    long len = d.originalLength();
    kind.each(d, (src, sp, dst, dp, stream) -> {
      Endpoint s = endpoint(src, sp);
      s.txFrames++;
      s.txBytes += len;
      Endpoint r = endpoint(dst, dp);
      r.rxFrames++;
      r.rxBytes += len;
    });
  }

  private Endpoint endpoint(String address, int port) {
    return byKey.computeIfAbsent(address + "/" + port, k -> {
      Endpoint e = new Endpoint(address, port);
      rows.add(e);
      return e;
    });
  }

  /** The rows in tshark's order. */
  public List<Endpoint> endpoints() {
    List<Endpoint> sorted = new ArrayList<>(rows);
    sorted.sort((x, y) -> Long.compare(y.txFrames + y.rxFrames, x.txFrames + x.rxFrames));
    return Collections.unmodifiableList(sorted);
  }

  @Override
  public void report(StringBuilder out) {
    String bar = "================================================================================\n";
    out.append(bar);
    out.append(kind.title).append(" Endpoints\n");
    out.append("Filter:").append(filterText == null ? "<No Filter>" : filterText).append('\n');
    out.append("                       |  ").append(kind.ports ? "Port  ||  " : "")
        .append("Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n");
    for (Endpoint e : endpoints()) {
      StatsText.left(out, e.address, 20).append("      ");
      if (kind.ports) {
        StatsText.right(out, Integer.toString(e.port), 5).append("     ");
      }
      StatsText.right(out, Long.toString(e.txFrames + e.rxFrames), 6).append("     ");
      StatsText.right(out, Long.toString(e.txBytes + e.rxBytes), 9).append("     ");
      StatsText.right(out, Long.toString(e.txFrames), 6).append("       ");
      StatsText.right(out, Long.toString(e.txBytes), 9).append("      ");
      StatsText.right(out, Long.toString(e.rxFrames), 6).append("       ");
      StatsText.right(out, Long.toString(e.rxBytes), 9).append("   \n");
    }
    out.append(bar);
  }
}

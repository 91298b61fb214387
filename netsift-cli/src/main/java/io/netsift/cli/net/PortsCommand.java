package io.netsift.cli.net;

import io.netsift.net.services.ServiceEntry;
import io.netsift.net.services.ServiceTable;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code netsift ports [NAME|NUMBER[/tcp|udp]]}: the well-known service table
 * ({@link ServiceTable}), all of it or what matches.
 */
@Command(name = "ports", mixinStandardHelpOptions = true,
    description = {"The well-known TCP/UDP service table (IANA names), searched by port number or by name."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:entries printed", "1:nothing matched", "2:usage error"})
public final class PortsCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "NAME|NUMBER",
      description = "A port (53, 53/udp) or a service name or alias (domain, dns, https/tcp); other text "
          + "searches names and descriptions.")
  String query;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ServiceTable t = ServiceTable.standard();
    List<ServiceEntry> rows;
    try {
      rows = query == null ? t.all() : t.search(query);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (rows.isEmpty()) {
      spec.commandLine().getErr().println("netsift ports: no service matches \"" + query + "\"");
      return 1;
    }
    String fmt = "%-12s%-16s%-22s%s";
    out.println(String.format(fmt, "PORT", "SERVICE", "ALIASES", "DESCRIPTION").stripTrailing());
    for (ServiceEntry e : rows) {
      out.println(String.format(fmt, e.portSlashTransport(), e.name(),
          e.aliases().isEmpty() ? "-" : String.join(",", e.aliases()), e.description()));
    }
    out.flush();
    return 0;
  }
}

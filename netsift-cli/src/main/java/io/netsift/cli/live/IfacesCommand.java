package io.netsift.cli.live;

import io.netsift.live.CaptureInterface;
import io.netsift.live.Interfaces;
import io.netsift.live.LiveCaptureException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code netsift ifaces}: the interfaces libpcap can capture on, numbered as {@code tshark -D}
 * numbers them (the numbers work with {@code capture -i}); {@code -v} adds what {@code ip addr}
 * shows — flags, MTU, hardware address, every IPv4/IPv6 address with its prefix length.
 */
@Command(name = "ifaces", sortOptions = false,
    description = "List the interfaces live capture can use, numbered as tshark -D numbers them.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:libpcap missing or failing"})
public final class IfacesCommand implements Callable<Integer> {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = {"-v", "--verbose"}, description = "Also show flags, MTU, MAC and addresses, like ip addr.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      print(out, Interfaces.list(), verbose);
      out.flush();
      return 0;
    } catch (LiveCaptureException e) {
      spec.commandLine().getErr().println("netsift: " + e.getMessage());
      return CaptureCommand.exitCode(e);
    }
  }

  /** Prints the list ({@code tshark -D}) or the verbose form. */
  static void print(PrintWriter out, List<CaptureInterface> all, boolean verbose) {
    for (CaptureInterface i : all) {
      if (!verbose) {
        out.println(i.listLine());
        continue;
      }
      StringBuilder sb = new StringBuilder();
      sb.append(i.number()).append(": ").append(i.name());
      if (i.description() != null) {
        sb.append(" (").append(i.description()).append(')');
      }
      sb.append(": <").append(String.join(",", i.flags())).append('>');
      if (i.mtu() > 0) {
        sb.append(" mtu ").append(i.mtu());
      }
      if (!i.connection().equals("unknown") && !i.connection().equals("not applicable")) {
        sb.append(" status ").append(i.connection());
      }
      out.println(sb);
      if (i.macText() != null) {
        out.println("    link/" + (i.linkKind() != null ? i.linkKind() : "hw") + " " + i.macText());
      }
      for (CaptureInterface.Address a : i.addresses()) {
        String line = "    " + (a.ipv6() ? "inet6 " : "inet ") + a;
        if (a.broadcast() != null) {
          line += " brd " + a.broadcast().getHostAddress();
        }
        out.println(line);
      }
    }
  }
}

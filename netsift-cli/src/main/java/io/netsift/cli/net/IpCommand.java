package io.netsift.cli.net;

import io.netsift.net.ip.IpCalculator;
import io.netsift.net.ip.IpDescription;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code netsift ip ADDR[/PREFIX] ...}: the address calculator
 * ({@link io.netsift.net.ip.IpCalculator}) as aligned {@code label: value} lines, one block
 * per argument; {@code --space} prints the sizes of the IPv4 and IPv6 address spaces.
 */
@Command(name = "ip", mixinStandardHelpOptions = true,
    description = {"Describe IPv4/IPv6 addresses and CIDR blocks: forms, class, special-purpose blocks, "
        + "reverse name; network, masks, broadcast, host range and counts with a /PREFIX."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "2:usage error (including an address that does not parse)"})
public final class IpCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "ADDR[/PREFIX]",
      description = "An IPv4 or IPv6 address, optionally with /PREFIX (or an IPv4 /NETMASK).")
  List<String> addresses = new ArrayList<>();

  @Option(names = "--space", description = "Print the sizes of the IPv4 and IPv6 address spaces.")
  boolean space;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine cl = spec.commandLine();
    if (addresses.isEmpty() && !space) {
      throw new CommandLine.ParameterException(cl, "Missing ADDR[/PREFIX] (or --space)");
    }
    List<IpDescription> all = new ArrayList<>();
    for (String a : addresses) {
      try {
        all.add(IpCalculator.describe(a));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cl, e.getMessage());
      }
    }
    PrintWriter out = cl.getOut();
    if (space) {
      IpCalculator.addressSpace().forEach(out::println);
    }
    for (int i = 0; i < all.size(); i++) {
      if (i > 0 || space) {
        out.println();
      }
      List<Map.Entry<String, String>> fields = all.get(i).fields();
      int width = fields.stream().mapToInt(f -> f.getKey().length()).max().orElse(0) + 1;
      for (Map.Entry<String, String> f : fields) {
        out.println(String.format("%-" + (width + 1) + "s%s", f.getKey() + ":", f.getValue()));
      }
    }
    out.flush();
    return 0;
  }
}

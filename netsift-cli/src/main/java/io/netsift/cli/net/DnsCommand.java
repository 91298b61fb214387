package io.netsift.cli.net;

import io.netsift.core.dns.DnsClass;
import io.netsift.core.dns.DnsName;
import io.netsift.core.dns.DnsQuestion;
import io.netsift.core.dns.DnsRdata;
import io.netsift.core.dns.DnsRecord;
import io.netsift.core.dns.DnsRecordType;
import io.netsift.core.dns.Edns;
import io.netsift.net.dns.DigFormatter;
import io.netsift.net.dns.DnsClient;
import io.netsift.net.dns.DnsExchange;
import io.netsift.net.dns.DnsNoResponseException;
import io.netsift.net.dns.ResolvConf;
import io.netsift.net.dns.ServerSpec;
import io.netsift.net.ip.IpAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code netsift dns NAME [TYPE ...] [@SERVER[:PORT]]}: dig's job with our own client
 * ({@link DnsClient}) and codec. Exit codes are dig's: 0 when a response arrived whatever its
 * RCODE, 9 when no server replied, 1 for usage errors — so option values are validated here
 * rather than by picocli (whose usage errors exit 2 elsewhere in netsift).
 */
@Command(name = "dns", mixinStandardHelpOptions = true,
    description = {"Look up DNS records with netsift's own resolver client (not the JDK's), printed like dig.",
        "ARGs in any order: NAME, record TYPEs (A AAAA CNAME MX NS PTR SOA SRV TXT CAA HTTPS ANY ...), a class "
            + "(IN, CH), @SERVER[:PORT] (repeatable; default: the nameservers of /etc/resolv.conf)."},
    exitCodeListHeading = "%nExit codes (as dig's):%n",
    exitCodeList = {"0:a response arrived (whatever its status: NXDOMAIN, SERVFAIL, ... are printed)",
        "1:usage error", "9:no server replied"})
public final class DnsCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "ARG", description = "NAME, TYPE, CLASS or @SERVER[:PORT].")
  List<String> args = new ArrayList<>();

  @Option(names = "--tcp", description = "Query over TCP from the start (dig +tcp).")
  boolean tcp;

  @Option(names = "--timeout", paramLabel = "S", arity = "0..1", fallbackValue = "",
      description = "Seconds to wait for each answer (default 5; fractions allowed).")
  String timeout;

  @Option(names = "--retries", paramLabel = "N", arity = "0..1", fallbackValue = "",
      description = "Retries after the first try, over all servers (default 2).")
  String retries;

  @Option(names = "-x", paramLabel = "ADDR", arity = "0..1", fallbackValue = "",
      description = "Reverse lookup: query the PTR name of ADDR (in-addr.arpa / ip6.arpa).")
  String reverse;

  @Option(names = {"-p", "--port"}, paramLabel = "PORT", arity = "0..1", fallbackValue = "",
      description = "Server port when @SERVER gives none (default 53).")
  String port;

  @Option(names = "--no-edns", description = "Send no OPT record (dig +noedns).")
  boolean noEdns;

  @Option(names = "--bufsize", paramLabel = "B", arity = "0..1", fallbackValue = "",
      description = "EDNS UDP payload size to advertise (default 1232).")
  String bufsize;

  @Option(names = "--dnssec", description = "Set the DO bit (dig +dnssec).")
  boolean dnssec;

  @Option(names = "--norecurse", description = "Clear the RD bit (dig +norecurse).")
  boolean norecurse;

  @Option(names = "--short", description = "Print only the answers' data (dig +short).")
  boolean shortOutput;

  @Unmatched List<String> unmatched = new ArrayList<>();

  @Spec CommandSpec spec;

  /** A usage problem: printed by {@link #call} with exit status 1. */
  private static final class Usage extends Exception {
    private static final long serialVersionUID = 1L;

    Usage(String m) {
      super(m);
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Plan plan;
    try {
      plan = plan();
    } catch (Usage e) {
      err.println("netsift dns: " + e.getMessage());
      err.println("Try 'netsift dns --help' for more information.");
      err.flush();
      return 1;
    }
    int status = 0;
    DnsClient client = DnsClient.builder().servers(plan.servers).timeout(plan.timeout).retries(plan.retries)
        .tcp(tcp).edns(plan.edns).recursionDesired(!norecurse)
        .events(line -> {
          if (!shortOutput) {
            out.println(line);
            out.flush();
          }
        }).build();
    if (!shortOutput) {
      out.println();
      List<String> original = spec.commandLine().getParseResult().originalArgs();
      // The parse result holds the whole command line; dig echoes only what follows its name.
      int from = original.indexOf(spec.name()) + 1;
      out.println("; <<>> netsift dns <<>> " + String.join(" ", original.subList(from, original.size())));
    }
    for (DnsRecordType type : plan.types) {
      try {
        DnsExchange x = client.query(DnsQuestion.of(plan.name, type, plan.dnsClass));
        (shortOutput ? DigFormatter.shortForm(x) : DigFormatter.format(x)).forEach(out::println);
      } catch (DnsNoResponseException e) {
        status = 9;
      }
      out.flush();
    }
    return status;
  }

  private record Plan(DnsName name, List<DnsRecordType> types, DnsClass dnsClass, List<InetSocketAddress> servers,
      Duration timeout, int retries, Edns edns) {}

  private Plan plan() throws Usage {
    if (!unmatched.isEmpty()) {
      throw new Usage("unknown option " + unmatched.get(0));
    }
    DnsName name = null;
    List<DnsRecordType> types = new ArrayList<>();
    DnsClass dnsClass = DnsClass.IN;
    List<ServerSpec> specs = new ArrayList<>();
    if (reverse != null) {
      if (reverse.isEmpty()) {
        throw new Usage("-x needs an address");
      }
      try {
        name = DnsName.of(IpAddress.parse(reverse).reverseName());
      } catch (IllegalArgumentException e) {
        throw new Usage("-x: " + e.getMessage());
      }
    }
    for (String a : args) {
      if (a.startsWith("@")) {
        try {
          specs.add(ServerSpec.parse(a));
        } catch (IllegalArgumentException e) {
          throw new Usage(e.getMessage());
        }
        continue;
      }
      Optional<DnsRecordType> t = DnsRecordType.forName(a);
      if (t.isPresent()) {
        types.add(t.get());
        continue;
      }
      Optional<DnsClass> c = DnsClass.forName(a);
      if (c.isPresent()) {
        dnsClass = c.get();
        continue;
      }
      if (name != null) {
        throw new Usage("more than one NAME (\"" + name.toRelativeString() + "\" and \"" + a + "\")"
            + (reverse != null ? "; -x already gives the name" : ""));
      }
      try {
        name = DnsName.of(a);
      } catch (IllegalArgumentException e) {
        throw new Usage("bad name \"" + a + "\": " + e.getMessage());
      }
    }
    if (name == null) {
      throw new Usage("missing NAME (or -x ADDR)");
    }
    if (types.isEmpty()) {
      types.add(reverse != null ? DnsRecordType.PTR : DnsRecordType.A);
    }
    double seconds = number(timeout, "--timeout", 5, 0.001, 3600);
    int tries = (int) number(retries, "--retries", 2, 0, 100);
    int defaultPort = (int) number(port, "--port", 53, 1, 65535);
    int payload = (int) number(bufsize, "--bufsize", 1232, 512, 65535);
    for (String[] o : new String[][] {{retries, "--retries"}, {port, "--port"}, {bufsize, "--bufsize"}}) {
      if (o[0] != null && !isInteger(o[0])) {
        throw new Usage(o[1] + " needs a whole number, not \"" + o[0] + "\"");
      }
    }
    Edns edns = noEdns ? null : Edns.of(payload, dnssec);
    if (noEdns && dnssec) {
      throw new Usage("--dnssec needs EDNS; drop --no-edns");
    }
    Duration t = Duration.ofNanos((long) (seconds * 1e9));
    List<InetSocketAddress> servers = new ArrayList<>();
    try {
      if (specs.isEmpty()) {
        for (InetSocketAddress s : ResolvConf.system().servers()) {
          servers.add(port == null ? s : new InetSocketAddress(s.getAddress(), defaultPort));
        }
      }
      for (ServerSpec s : specs) {
        servers.addAll(s.isLiteral() ? List.of(s.literalAddress(defaultPort)) : resolveServer(s, defaultPort, t));
      }
    } catch (IOException e) {
      throw new Usage("cannot read /etc/resolv.conf: " + e.getMessage());
    }
    return new Plan(name, types, dnsClass, servers, t, tries, edns);
  }

  private static boolean isInteger(String s) {
    return s == null || s.matches("\\d{1,9}");
  }

  private static double number(String v, String option, double dflt, double min, double max) throws Usage {
    if (v == null) {
      return dflt;
    }
    if (v.isEmpty()) {
      throw new Usage(option + " needs a value");
    }
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new Usage(option + " needs a number, not \"" + v + "\"");
    }
    if (!(d >= min && d <= max)) {
      throw new Usage(option + " must be between " + fmt(min) + " and " + fmt(max) + ", not " + v);
    }
    return d;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** A server given by name: looked up with our own client against resolv.conf's servers (A, then AAAA). */
  private static List<InetSocketAddress> resolveServer(ServerSpec s, int defaultPort, Duration timeout)
      throws Usage, IOException {
    DnsName host;
    try {
      host = DnsName.of(s.host());
    } catch (IllegalArgumentException e) {
      throw new Usage("bad server name \"" + s.host() + "\"");
    }
    DnsClient c = DnsClient.builder().servers(ResolvConf.system().servers()).timeout(timeout).retries(1).build();
    List<InetSocketAddress> out = new ArrayList<>();
    for (DnsRecordType type : List.of(DnsRecordType.A, DnsRecordType.AAAA)) {
      try {
        for (DnsRecord r : c.query(host, type).response().answers()) {
          byte[] addr = r.rdata() instanceof DnsRdata.A a ? a.address().getAddress()
              : r.rdata() instanceof DnsRdata.Aaaa a6 ? a6.address().getAddress() : null;
          if (addr != null) {
            out.add(new InetSocketAddress(java.net.InetAddress.getByAddress(addr), s.port() > 0 ? s.port() : defaultPort));
          }
        }
      } catch (DnsNoResponseException e) {
        // try the other family, then report
      }
    }
    if (out.isEmpty()) {
      throw new Usage("couldn't get address for '" + s.host() + "'");
    }
    return out;
  }
}

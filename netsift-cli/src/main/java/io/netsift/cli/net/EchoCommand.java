package io.netsift.cli.net;

import io.netsift.net.echo.EchoClient;
import io.netsift.net.echo.EchoServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code netsift echo server|client --tcp|--udp}: the RFC 862 echo pair over
 * {@link EchoServer} and {@link EchoClient}. The server runs until interrupted; the client
 * sends each {@code -m} message, or each line of standard input, and prints what comes back.
 */
@Command(name = "echo", mixinStandardHelpOptions = true,
    description = {"The classic echo socket pair (RFC 862): a TCP or UDP server, or a client that sends lines "
        + "and prints the echoes."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success (server: stopped)", "1:network error", "2:usage error"})
public final class EchoCommand implements Callable<Integer> {
  /** Which half to run. */
  public enum Mode {
    server,
    client
  }

  @Parameters(index = "0", paramLabel = "server|client", description = "Run the server or the client.")
  Mode mode;

  static final class Transport {
    @Option(names = "--tcp", description = "TCP (the default).")
    boolean tcp;

    @Option(names = "--udp", description = "UDP datagrams.")
    boolean udp;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Transport transport;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Server: address to listen on; client: server to reach (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "7007",
      description = "Port (default: ${DEFAULT-VALUE}; RFC 862's port 7 needs root; 0 lets the server pick).")
  int port;

  @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "Client: send TEXT (repeatable) "
      + "instead of reading standard input.")
  List<String> messages = new ArrayList<>();

  @Option(names = "--timeout", paramLabel = "S", defaultValue = "5", description = "Client: seconds to wait for "
      + "each echo (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Option(names = "--retries", paramLabel = "N", defaultValue = "3", description = "UDP client: resends after a "
      + "timeout (default: ${DEFAULT-VALUE}).")
  int retries;

  @Spec CommandSpec spec;

  private boolean udp() {
    return transport != null && transport.udp;
  }

  @Override
  public Integer call() {
    CommandLine cl = spec.commandLine();
    if (port < 0 || port > 65535 || mode == Mode.client && port == 0) {
      throw new CommandLine.ParameterException(cl, "--port must be 1..65535 (0 only for a server)");
    }
    if (timeoutSeconds <= 0 || retries < 0) {
      throw new CommandLine.ParameterException(cl, "--timeout must be positive and --retries 0 or more");
    }
    InetSocketAddress addr;
    try {
      addr = new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (IOException e) {
      throw new CommandLine.ParameterException(cl, "unknown host " + host);
    }
    try {
      return mode == Mode.server ? serve(addr) : client(addr);
    } catch (IOException e) {
      cl.getErr().println("netsift echo: " + e.getMessage()
          + (port < 1024 && mode == Mode.server ? " (ports below 1024 need root)" : ""));
      return 1;
    }
  }

  private int serve(InetSocketAddress addr) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    try (EchoServer s = udp() ? EchoServer.startUdp(addr) : EchoServer.startTcp(addr)) {
      InetSocketAddress a = s.localAddress();
      out.println("echo server listening on " + (udp() ? "udp" : "tcp") + " " + a.getAddress().getHostAddress() + ":"
          + a.getPort() + " (interrupt to stop)");
      out.flush();
      try {
        s.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      out.println("echo server stopped after " + s.connections() + (udp() ? " datagrams" : " connections") + ", "
          + s.bytesEchoed() + " bytes echoed");
      out.flush();
    }
    return 0;
  }

  private int client(InetSocketAddress addr) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Duration timeout = Duration.ofMillis((long) (timeoutSeconds * 1000));
    try (EchoClient c = udp() ? EchoClient.udp(addr, timeout, retries) : EchoClient.tcp(addr, timeout)) {
      if (!messages.isEmpty()) {
        for (String m : messages) {
          out.println(c.echo(m));
        }
      } else {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
          out.println(c.echo(line));
          out.flush();
        }
      }
      out.flush();
    }
    return 0;
  }
}

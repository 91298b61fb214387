package io.netsift.cli.net;

import io.netsift.net.rfc.HttpStack;
import io.netsift.net.rfc.RfcFetcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code netsift rfc NUMBER}: downloads an RFC's text with one of three HTTP stacks
 * ({@link RfcFetcher}) to standard output or a file, byte for byte.
 */
@Command(name = "rfc", mixinStandardHelpOptions = true,
    description = {"Download an RFC's text (BASE-URL + \"rfc\" + N + \".txt\") with java.net.http.HttpClient, "
        + "HttpURLConnection, or netsift's own HTTP/1.1 client over a raw socket."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:downloaded", "1:download failed (HTTP status, network or TLS error)", "2:usage error"})
public final class RfcCommand implements Callable<Integer> {
  @Parameters(paramLabel = "NUMBER", description = "The RFC number, e.g. 791 (RFC791 also accepted).")
  String number;

  @Option(names = "--client", paramLabel = "STACK", defaultValue = "httpclient",
      description = "httpclient, urlconnection or socket (default: ${DEFAULT-VALUE}).",
      converter = StackConverter.class)
  HttpStack client;

  @Option(names = "--base-url", paramLabel = "URL", defaultValue = RfcFetcher.DEFAULT_BASE,
      description = "Where RFCs live (default: ${DEFAULT-VALUE}).")
  String baseUrl;

  @Option(names = "--cacert", paramLabel = "PEM", description = "Also trust the certificate(s) in this PEM file.")
  Path cacert;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
  Path output;

  @Option(names = "--cache", paramLabel = "DIR", description = "Keep downloads in DIR and reuse them.")
  Path cache;

  @Option(names = "--timeout", paramLabel = "S", defaultValue = "30", description = "Seconds per connect/read (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Spec CommandSpec spec;

  /** Accepts the lower-case stack names. */
  static final class StackConverter implements CommandLine.ITypeConverter<HttpStack> {
    @Override
    public HttpStack convert(String v) {
      for (HttpStack s : HttpStack.values()) {
        if (s.cliName().equalsIgnoreCase(v)) {
          return s;
        }
      }
      throw new CommandLine.TypeConversionException("expected httpclient, urlconnection or socket, not '" + v + "'");
    }
  }

  @Override
  public Integer call() {
    CommandLine cl = spec.commandLine();
    int n;
    try {
      n = RfcFetcher.parseNumber(number);
      RfcFetcher.urlFor(baseUrl, n);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cl, e.getMessage());
    }
    if (timeoutSeconds < 1) {
      throw new CommandLine.ParameterException(cl, "--timeout must be at least 1 second");
    }
    try {
      RfcFetcher f = RfcFetcher.create(client, baseUrl, cacert, cache, Duration.ofSeconds(timeoutSeconds));
      RfcFetcher.Result r = f.fetch(n);
      if (output != null) {
        Files.write(output, r.text());
        cl.getErr().println("netsift rfc: RFC " + n + ", " + r.text().length + " bytes, "
            + (r.fromCache() ? "from the cache " + r.source() : "from " + r.source() + " via " + client.cliName())
            + ", written to " + output);
      } else {
        // Raw bytes, not through the PrintWriter, so no charset touches the text.
        System.out.write(r.text(), 0, r.text().length);
        System.out.flush();
      }
      return 0;
    } catch (IOException e) {
      cl.getErr().println("netsift rfc: " + e.getMessage());
      return 1;
    }
  }
}

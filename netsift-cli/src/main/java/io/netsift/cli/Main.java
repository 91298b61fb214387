package io.netsift.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code netsift} command: tshark-style packet reading plus the network tools. Picocli's
 * {@code @file} argument expansion is off, since {@code @} starts DNS servers and raw-byte
 * filter fields.
 */
@Command(
    name = "netsift",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Read, dissect and filter network captures, tshark-style.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:damaged or unreadable capture (after printing the good packets)",
      "2:usage error"
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "-D", description = "List the capture interfaces, as tshark -D (same as netsift ifaces).")
  boolean listInterfaces;

  @Override
  public void run() {
    if (listInterfaces) {
      int code = spec.commandLine().getSubcommands().get("ifaces").execute();
      if (code != 0) {
        throw new CommandLine.ExecutionException(spec.commandLine(), "listing interfaces failed");
      }
      return;
    }
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command, e.g. netsift read FILE");
  }

  /** The subcommands, in the order help lists them. */
  private static final Class<?>[] COMMANDS = {ReadCommand.class, FieldsCommand.class, FilterCheckCommand.class,
      io.netsift.cli.net.IpCommand.class, io.netsift.cli.net.PortsCommand.class, io.netsift.cli.net.DnsCommand.class,
      io.netsift.cli.net.RfcCommand.class, io.netsift.cli.net.EchoCommand.class, io.netsift.cli.live.IfacesCommand.class,
      io.netsift.cli.live.CaptureCommand.class, io.netsift.cli.plot.PlotCommand.class, ServeCommand.class,
      CommandLine.HelpCommand.class};

  /** Builds the command line as {@link #main} runs it, with every subcommand (tests use this too). */
  public static CommandLine commandLine() {
    return commandLine((String) null);
  }

  /**
   * Builds the command line for arguments that start with {@code first}: when it names a
   * subcommand other than help, only that one is built, since picocli reflects over every
   * option of every subcommand it is given, which was half of a small file's start-up.
   */
  static CommandLine commandLine(String first) {
    CommandLine cl = new CommandLine(new Main());
    Class<?> only = null;
    for (Class<?> c : COMMANDS) {
      if (c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(first)) {
        only = c;
      }
    }
    for (Class<?> c : COMMANDS) {
      if (only == null || c == only) {
        cl.addSubcommand(c);
      }
    }
    cl.setExpandAtFiles(false);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((ex, line, parse) -> {
      line.getErr().println("netsift: " + ex.getMessage());
      return 1;
    });
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("netsift: " + ex.getMessage());
      c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
      return 2;
    });
    return cl;
  }

  public static void main(String[] args) {
    int code = commandLine(args.length > 0 ? args[0] : null).execute(args);
    System.exit(code);
  }

  /** Version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"netsift " + (v == null ? "dev" : v)};
    }
  }
}

package io.netsift.cli;

import io.netsift.core.filter.FilterCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netsift filter --check EXPR} validates a display filter (the error points at the
 * column, exit 2); {@code --explain} prints the compiled plan, like Wireshark's dftest.
 */
@Command(name = "filter", mixinStandardHelpOptions = true,
    description = "Check a display filter or explain how it is compiled.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the filter is valid", "2:the filter is invalid (the message points at the column)"})
final class FilterCheckCommand implements Callable<Integer> {
  @Option(names = "--check", description = "Validate the filter (the default).")
  boolean check;

  @Option(names = "--explain", description = "Print the compiled plan (like dftest).")
  boolean explain;

  @Parameters(paramLabel = "EXPR", description = "The display filter, in Wireshark's language.")
  String expression;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    FilterCommand.Result r = explain ? FilterCommand.explain(expression) : FilterCommand.check(expression);
    (r.exitCode() == 0 ? spec.commandLine().getOut() : spec.commandLine().getErr()).print(r.output());
    spec.commandLine().getOut().flush();
    spec.commandLine().getErr().flush();
    return r.exitCode();
  }
}

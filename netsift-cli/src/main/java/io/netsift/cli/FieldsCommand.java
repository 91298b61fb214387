package io.netsift.cli;

import io.netsift.core.field.Field;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.field.FieldType;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code netsift fields [PREFIX]}: the field registry in {@code tshark -G fields} layout —
 * P lines for protocols (P, long name, filter name), F lines for fields (F, label, filter
 * name, type, protocol, base, bitmask, blurb), tab-separated.
 */
@Command(name = "fields", mixinStandardHelpOptions = true,
    description = "List the fields netsift knows, in tshark -G fields layout.")
final class FieldsCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "PREFIX", description = "Only fields whose name starts with PREFIX.")
  String prefix = "";

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    FieldRegistry reg = FieldRegistry.standard();
    for (Field f : reg.all()) {
      if (!f.name().startsWith(prefix)) {
        continue;
      }
      if (f.type() == FieldType.PROTOCOL) {
        out.println("P\t" + f.label() + "\t" + f.name());
      } else {
        out.println("F\t" + f.label() + "\t" + f.name() + "\t" + f.type().tsharkName() + "\t"
            + f.protocol() + "\t" + baseText(f) + "\t0x" + Long.toHexString(f.bitmask()) + "\t" + f.blurb());
      }
    }
    out.flush();
    return 0;
  }

  private static String baseText(Field f) {
    if (f.type() == FieldType.BOOLEAN) {
      return f.bitWidth() > 0 ? Integer.toString(f.bitWidth()) : "BASE_NONE";
    }
    if (f.type() == FieldType.STRING || f.type() == FieldType.STRINGZ) {
      return "";
    }
    return f.base().tsharkName();
  }
}

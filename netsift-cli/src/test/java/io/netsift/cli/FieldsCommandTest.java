package io.netsift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code netsift fields} prints the registry in tshark -G fields layout. */
class FieldsCommandTest {
  @Test
  void framePrefix() {
    Cli r = Cli.run("fields", "frame.");
    assertEquals(0, r.exit);
    boolean found = false;
    for (String line : r.lines()) {
      String[] c = line.split("\t", -1);
      assertEquals("F", c[0], line);
      assertTrue(c[2].startsWith("frame."), line);
      if (c[2].equals("frame.number")) {
        assertEquals("F\tFrame Number\tframe.number\tFT_UINT32\tframe\tBASE_DEC\t0x0\t", line);
        found = true;
      }
    }
    assertTrue(found);
  }

  @Test
  void protocolsArePLines() {
    Cli r = Cli.run("fields", "eth");
    assertTrue(r.out.contains("P\tEthernet II\teth\n"), r.out);
  }
}

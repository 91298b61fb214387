package io.netsift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code netsift serve}: its options, and that bad values are refused before anything starts. */
class ServeCommandTest {
  @Test
  void helpListsTheOptions() {
    Cli c = Cli.run("serve", "--help");
    assertEquals(0, c.exit, c.err);
    for (String o : new String[] {"--bind", "--port", "--data", "--db", "--token", "--max-upload"}) {
      assertTrue(c.out.contains(o), o + " in\n" + c.out);
    }
  }

  @Test
  void badValuesAreRefused() {
    Cli size = Cli.run("serve", "--max-upload", "lots");
    assertNotEquals(0, size.exit);
    assertTrue(size.err.contains("bad size 'lots'"), size.err);
    Cli db = Cli.run("serve", "--port", "0", "--data", System.getProperty("java.io.tmpdir") + "/netsift-serve-test",
        "--db", "jdbc:mysql://x/y");
    assertNotEquals(0, db.exit);
    assertTrue(db.err.contains("unsupported database URL"), db.err);
  }
}

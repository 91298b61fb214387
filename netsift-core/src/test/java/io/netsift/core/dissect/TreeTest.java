package io.netsift.core.dissect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bounds check every dissector's walk relies on. */
class TreeTest {
  @Test
  void lengthsReadFromThePacketNeverWrapIntoRange() {
    Dissection d = CutShortTcp.dissect(CutShortTcp.length());
    int tcp = d.layerCount() - 1;
    Tree t = new Tree().reset(d, tcp, null);
    assertTrue(t.has(0, 20));
    assertFalse(t.has(0, 21));
    assertFalse(t.has(10, -1));
    assertFalse(t.has(-1, 2));
    // A count near Integer.MAX_VALUE (a fuzzed NDR array) once made start + rel + len negative.
    assertFalse(t.has(4, Integer.MAX_VALUE));
    assertFalse(t.has(Integer.MAX_VALUE, Integer.MAX_VALUE));
    assertFalse(t.has(Integer.MAX_VALUE - 2, 8));
  }
}

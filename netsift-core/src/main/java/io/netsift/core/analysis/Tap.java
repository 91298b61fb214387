package io.netsift.core.analysis;

import io.netsift.core.dissect.Dissection;

/**
 * A listener that sees every packet read and reports at the end, as tshark's {@code -z} taps
 * do. tshark's taps see every packet whatever {@code -Y} says, so {@link #packet} is called for
 * all of them, with {@code displayed} telling whether the display filter passed it.
 *
 * <p>The dissection is only valid during the call: a tap copies what it needs.
 */
public interface Tap {
  /** One packet, in capture order. */
  void packet(Dissection d, boolean displayed);

  /** The report, laid out as tshark prints it after the packets (may be empty). */
  void report(StringBuilder out);

  /**
   * Whether tshark builds a protocol tree for every packet while this tap listens: it does for a
   * tap with a filter of its own and for those that read fields ({@code io,phs}, {@code io,stat},
   * {@code follow}), and a tree brings notes Wireshark raises only then ({@code Expert#treeOnly}).
   */
  default boolean needsTree() {
    return false;
  }
}

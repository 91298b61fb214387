package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Tree;

/**
 * Expert notes that only a field walker can find (an option's bad length, a trailer that is
 * not padding), emitted inline under the current tree item exactly as Walk emits the
 * notes a first pass recorded. Candidate for a {@code Tree.expert(...)} helper.
 */
final class TreeExperts {
  private TreeExperts() {}

  /** Emits {@code _ws.expert} with {@code e}'s field, message, severity and group at {@code rel}. */
  static void emit(Tree t, Expert e, int rel, String text) {
    t.expert(e, rel, 0, text);
  }
}

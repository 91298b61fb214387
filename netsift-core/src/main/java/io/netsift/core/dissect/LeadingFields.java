package io.netsift.core.dissect;

import io.netsift.core.field.Field;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fields a layer reports first, each a big-endian integer at fixed bytes of its header
 * (TCP's and UDP's ports), in the order {@link Dissector#fields} reports them. Readers that
 * need only these skip the walk: {@link #report} emits them through a {@link Tree}, and the
 * filter compares {@link #positions} straight against the frame's bytes. Built while the
 * dissector's class initialises, never changed afterwards.
 */
public final class LeadingFields {
  private final List<Field> fields = new ArrayList<>();
  private final List<int[]> at = new ArrayList<>();
  private final Set<Field> set = new LinkedHashSet<>();

  /** Adds {@code f} as the {@code len}-byte unsigned integer at {@code offset} of the layer. */
  public LeadingFields uint(Field f, int offset, int len) {
    if (len < 1 || len > 7) {
      throw new IllegalArgumentException(f.name() + ": " + len + " bytes (1 to 7: a value is never negative, see load)");
    }
    fields.add(f);
    at.add(new int[] {offset, len});
    set.add(f);
    return this;
  }

  /** The fields, each once. */
  public Set<Field> fields() {
    return set;
  }

  /** Reports every leading field, as the start of the layer's walk does. */
  public void report(Tree t) {
    for (int k = 0; k < fields.size(); k++) {
      int[] p = at.get(k);
      t.uint(fields.get(k), p[0], p[1]);
    }
  }

  /**
   * Where {@code f}'s occurrences sit, in report order: for each, its offset and length relative
   * to the layer's first byte and the bytes the layer needs for it to be reported (a report
   * past the layer's end stops the ones after it, as {@link Tree} does); null when {@code f} is
   * not a leading field or carries a bitmask (its value is then not the plain bytes).
   */
  public int[] positions(Field f) {
    if (!set.contains(f) || f.bitmask() != 0) {
      return null;
    }
    int n = 0;
    int need = 0;
    int[] out = new int[3 * fields.size()];
    for (int k = 0; k < fields.size(); k++) {
      int[] p = at.get(k);
      need = Math.max(need, p[0] + p[1]);
      if (fields.get(k) == f) {
        out[n++] = p[0];
        out[n++] = p[1];
        out[n++] = need;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /**
   * Occurrence {@code k} (an index into {@link #positions}, a multiple of 3) of a layer starting
   * at {@code start} and ending at {@code limit}: its value, read big-endian from {@code b}, or -1
   * when the layer is too short for it, which, as in the tree, also ends the occurrences after it.
   */
  public static long load(int[] positions, int k, byte[] b, int start, int limit) {
    if (start + positions[k + 2] > limit) {
      return -1;
    }
    int from = start + positions[k];
    long v = 0;
    for (int j = 0; j < positions[k + 1]; j++) {
      v = v << 8 | (b[from + j] & 0xff);
    }
    return v;
  }
}

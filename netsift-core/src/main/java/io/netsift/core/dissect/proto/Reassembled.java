package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;

/**
 * What a reassembled IP datagram or TCP PDU was made of — the frames, in tshark's order, and
 * how many bytes each gave — and where the result lies (added data source {@code source} of the
 * frame that completed it). IP defragmentation and TCP reassembly attach one to that frame's
 * layer and show it alike.
 */
final class Reassembled {
  final long[] frames;
  final int[] sizes;
  final int source;
  final int length;

  Reassembled(long[] frames, int[] sizes, int source, int length) {
    this.frames = frames;
    this.sizes = sizes;
    this.source = source;
    this.length = length;
  }

  /**
   * Records, for a second pass, that every other contributing frame was completed in this one
   * ({@code tcp.reassembled_in}, {@code ip.reassembled_in}), on its {@code owner} layer.
   */
  void pointBack(Dissection d, Dissector owner, Field in) {
    for (long f : frames) {
      if (f != d.number()) {
        d.pointBack(f, owner, in, d.number());
      }
    }
  }

  /**
   * Reports "[N {@code noun} (X bytes): #1(100), #2(50)]" under the current item of {@code t},
   * with one {@code item} per frame, the count, the length and the data below it. An FT_BYTES
   * {@code items} field ({@code ip.fragments}) carries the data as its value, as in tshark.
   */
  void report(Tree t, String noun, Field items, Field item, Field count, Field lengthField, Field data) {
    int at = t.dissection().sourceStart(source);
    if (items.type() == FieldType.BYTES) {
      t.bytesAt(items, at, length);
    } else {
      StringBuilder sb = new StringBuilder();
      sb.append(frames.length).append(' ').append(noun).append(" (").append(length).append(" bytes): ");
      for (int k = 0; k < frames.length; k++) {
        sb.append(k == 0 ? "" : ", ").append('#').append(frames[k]).append('(').append(sizes[k]).append(')');
      }
      t.generatedObject(items, sb.toString());
    }
    t.enter();
    for (long f : frames) {
      t.generated(item, f);
    }
    t.generated(count, frames.length);
    t.generated(lengthField, length);
    if (data != null) {
      t.bytesAt(data, at, length);
    }
    t.exit();
  }
}

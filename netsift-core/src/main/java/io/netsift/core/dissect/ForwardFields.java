package io.netsift.core.dissect;

import io.netsift.core.field.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fields that point forward to a later frame ({@code tcp.reassembled_in}, {@code
 * http.response_in}, {@code dns.response_in}): a first pass records them on the frames they belong
 * to, and a second pass over the same capture shows them, as {@code tshark -2} does. A dissector
 * records with {@link Dissection#pointBack}; the second engine is built with
 * {@link DissectionEngine#DissectionEngine(Protocols, ForwardFields)}.
 */
public final class ForwardFields {
  /** One recorded field: shown in the first layer of {@code owner} of its frame. */
  static final class Entry {
    final Dissector owner;
    final Field field;
    final long value;

    Entry(Dissector owner, Field field, long value) {
      this.owner = owner;
      this.field = field;
      this.value = value;
    }
  }

  private final Map<Long, List<Entry>> byFrame = new HashMap<>();
  /** Facts a protocol learned late in the first pass (a TLS stream's negotiated version). */
  private final Map<String, Long> facts = new HashMap<>();

  void remember(String name, long key, long value) {
    facts.put(name + "/" + key, value);
  }

  long recall(String name, long key) {
    Long v = facts.get(name + "/" + key);
    return v == null ? -1 : v;
  }

  void add(long frame, Dissector owner, Field field, long value) {
    List<Entry> list = byFrame.computeIfAbsent(frame, k -> new ArrayList<>(2));
    for (Entry e : list) {
      if (e.owner == owner && e.field == field && e.value == value) {
        return;
      }
    }
    list.add(new Entry(owner, field, value));
  }

  List<Entry> of(long frame) {
    return byFrame.get(frame);
  }

  /** Number of frames with at least one forward field. */
  public int frames() {
    return byFrame.size();
  }
}

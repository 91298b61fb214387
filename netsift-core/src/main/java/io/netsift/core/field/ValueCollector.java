package io.netsift.core.field;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A visitor that keeps the occurrences of the fields a predicate selects, as {@link FieldValue}s. */
public final class ValueCollector implements FieldVisitor {
  private final Predicate<Field> wanted;
  private final byte[] frame;
  private final int frameStart;
  private final List<FieldValue> values = new ArrayList<>();

  public ValueCollector(Predicate<Field> wanted, byte[] frame, int frameStart) {
    this.wanted = wanted;
    this.frame = frame;
    this.frameStart = frameStart;
  }

  @Override
  public void number(Field f, int offset, int length, long value) {
    if (wanted.test(f)) {
      values.add(new FieldValue(f, frame, frameStart, offset, length, value, null));
    }
  }

  @Override
  public void bytes(Field f, int offset, int length) {
    if (wanted.test(f)) {
      values.add(new FieldValue(f, frame, frameStart, offset, length, Long.MIN_VALUE, null));
    }
  }

  @Override
  public void object(Field f, int offset, int length, Object value) {
    if (f != null && wanted.test(f)) {
      values.add(new FieldValue(f, frame, frameStart, offset, length, 0, value));
    }
  }

  @Override
  public boolean wants(Field f) {
    return wanted.test(f);
  }

  public List<FieldValue> values() {
    return values;
  }
}

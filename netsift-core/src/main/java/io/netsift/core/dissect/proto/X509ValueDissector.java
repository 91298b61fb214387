package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.dissect.proto.tls.X509Chain;
import io.netsift.core.dissect.proto.tls.X509Fields;
import io.netsift.core.dissect.proto.tls.X509Walker;
import io.netsift.core.field.Field;
import java.util.List;

/**
 * A protocol tshark calls by object identifier for one value inside an X.509 certificate (an
 * attribute value for x509sat, an extension for x509ce, a policy qualifier for pkix1explicit,
 * ...). Each such value is a layer of its own, as tshark lists it in {@code frame.protocols};
 * the TLS layer found them all in its first pass ({@link X509Chain}), and each layer here
 * hands on to the next. The layers set no columns.
 */
abstract class X509ValueDissector extends Dissector {
  private static final int A_KIND = 0;
  private final String[] fieldPrefixes;

  X509ValueDissector(String name, String longName, String columnName, String... fieldPrefixes) {
    super(name, longName, columnName);
    this.fieldPrefixes = fieldPrefixes;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    X509Chain c = chainOf(d, layer);
    d.payload(d.end(layer), d.end(layer));
    if (c == null || c.pending < 0 || c.pending >= c.size()) {
      return null;
    }
    d.annotate(layer, 1);
    d.setAnnotation(layer, A_KIND, c.kind(c.pending));
    return next(d, c);
  }

  /** Steps {@code c} to its next value: sets the payload and returns that value's dissector. */
  static Dissector next(Dissection d, X509Chain c) {
    int k = ++c.pending;
    if (k >= c.size()) {
      c.pending = -1;
      return null;
    }
    d.payload(c.start(k), c.end(k));
    return c.proto(k);
  }

  /** The chain of the nearest TLS or DTLS layer before {@code layer}, or null. */
  static X509Chain chainOf(Dissection d, int layer) {
    for (int i = layer - 1; i > 0; i--) {
      Object a = d.attachment(i);
      if (a instanceof TlsDissector.LayerInfo && ((TlsDissector.LayerInfo) a).chain != null) {
        return ((TlsDissector.LayerInfo) a).chain;
      }
      if (a instanceof DtlsDissector.Info && ((DtlsDissector.Info) a).chain != null) {
        return ((DtlsDissector.Info) a).chain;
      }
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    new X509Walker(t).value((int) t.annotation(A_KIND), t.start(), t.start() + t.length());
  }

  @Override
  public void columns(Tree t, Columns c) {
    // tshark's BER sub-dissectors leave the columns to TLS.
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public List<Field> declaredFields() {
    List<Field> out = super.declaredFields();
    for (Field f : X509Fields.of(fieldPrefixes)) {
      if (!out.contains(f)) {
        out.add(f);
      }
    }
    return out;
  }
}

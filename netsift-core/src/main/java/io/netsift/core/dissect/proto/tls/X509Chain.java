package io.netsift.core.dissect.proto.tls;

import io.netsift.core.dissect.Dissector;
import java.util.Arrays;

/**
 * The values inside the certificates of one TLS layer that tshark hands to another protocol
 * by object identifier (an attribute value to x509sat, an extension to x509ce, ...): each
 * becomes a layer of its own after the TLS layer, in the order tshark lists them in
 * {@code frame.protocols}. Built during the first pass and attached to the TLS layer; the
 * sub-layers step through it with {@link #pending}.
 */
public final class X509Chain {
  int n;
  Dissector[] proto = new Dissector[16];
  int[] start = new int[16];
  int[] end = new int[16];
  int[] kind = new int[16];
  /** Index of the item whose layer is being dissected, -1 when none. */
  public int pending = -1;

  void add(Dissector p, int from, int to, int k) {
    if (n == proto.length) {
      proto = Arrays.copyOf(proto, n * 2);
      start = Arrays.copyOf(start, n * 2);
      end = Arrays.copyOf(end, n * 2);
      kind = Arrays.copyOf(kind, n * 2);
    }
    proto[n] = p;
    start[n] = from;
    end[n] = to;
    kind[n] = k;
    n++;
  }

  public int size() {
    return n;
  }

  public Dissector proto(int i) {
    return proto[i];
  }

  public int start(int i) {
    return start[i];
  }

  public int end(int i) {
    return end[i];
  }

  public int kind(int i) {
    return kind[i];
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Per-capture state that is one value per TCP stream ({@code tcp.stream}), dropped with the
 * stream when TCP forgets it to stay within {@code tcp.state_max_total}: the sessions of TLS,
 * SSH and MySQL, the conversations of FTP and SMTP.
 */
final class PerStream<V> implements Dissection.StreamState {
  private final Map<Long, V> byStream = new HashMap<>();

  /** The value of stream {@code stream}, made on first use. */
  V get(long stream, Supplier<V> make) {
    return byStream.computeIfAbsent(stream, k -> make.get());
  }

  @Override
  public void forgetStreams(long[] streams, int n) {
    Dissection.StreamState.removeAll(byStream, streams, n);
  }

  /** {@code owner}'s values by stream for this pass. */
  static <V> PerStream<V> of(Dissection d, Dissector owner) {
    return d.state(owner, PerStream::new);
  }

  /**
   * {@code owner}'s value for the TCP stream of transport layer {@code transport}; outside TCP
   * (no transport, or UDP through Decode As) a fresh value that nothing keeps.
   */
  static <V> V ofTcp(Dissection d, Dissector owner, int transport, Supplier<V> make) {
    if (transport < 0 || !Transport.isTcp(d, transport)) {
      return make.get();
    }
    PerStream<V> st = of(d, owner);
    return st.get(Transport.stream(d, transport), make);
  }

  /**
   * Like {@link #ofTcp}, but over UDP too: one value per UDP stream, kept apart from the TCP
   * streams' (tshark keeps TLS state per conversation whatever carries it; OpenVPN carries its
   * TLS handshake over UDP). UDP values stay for the pass: TCP's limit does not reach them.
   */
  static <V> V ofConversation(Dissection d, Dissector owner, int transport, Supplier<V> make) {
    if (Transport.isTcp(d, transport)) {
      return ofTcp(d, owner, transport, make);
    }
    if (d.protocols().isStateless()) {
      return make.get(); // a stateless pass numbers no UDP conversations
    }
    long key = conversation(d, transport);
    return key == -1 ? make.get() : PerStream.<V>of(d, owner).get(key, make);
  }

  /** The TCP stream of {@code transport}, a UDP stream as {@code -2 - stream}, or -1. */
  static long conversation(Dissection d, int transport) {
    long stream = Transport.stream(d, transport);
    if (stream < 0) {
      return -1;
    }
    return Transport.isTcp(d, transport) ? stream : -2 - stream;
  }
}

package io.netsift.core.dissect;

/**
 * Implemented by dissectors of protocols carried over TCP whose messages (PDUs) may span
 * segments or share one: HTTP, TLS, DNS over TCP. The TCP dissector asks for the length of the
 * PDU that starts at each message boundary of a direction of a stream and:
 *
 * <ul>
 *   <li>hands each complete PDU to the dissector as a layer of its own (several PDUs in one
 *       segment become several layers, in order);
 *   <li>keeps the bytes of an incomplete PDU and, once a later segment completes it, hands the
 *       reassembled bytes to the dissector on that frame (tshark's one-pass behaviour); the
 *       earlier segments show "[TCP segment of a reassembled PDU]".
 * </ul>
 *
 * <p>{@link #pduLength} must not throw on any bytes; it only reads {@code b[off .. off+avail)}.
 */
public interface StreamPdus {
  /** More bytes are needed before the length of the PDU can be told. */
  int MORE = -1;
  /** The bytes at this offset are not a PDU of this protocol: dissect them as they are. */
  int NOT_MINE = -2;
  /**
   * The bytes are not this protocol and the protocol claims nothing here: no layer at all, not
   * even data (tshark's HTTP on a port-80 stream that never carried HTTP).
   */
  int REJECT = -3;
  /**
   * The bytes are not this protocol, and the rest of the segment is shown as data (tshark's
   * DNP3 refuses a segment that does not start a link frame, and TCP hands it to data).
   */
  int AS_DATA = -4;
  /** The PDU extends to the end of the stream (an HTTP response closed by FIN). */
  int UNTIL_CLOSE = Integer.MAX_VALUE;

  /**
   * The length in bytes of the PDU that starts at {@code b[off]}, given the {@code avail >= 1}
   * bytes available from there; or {@link #MORE}, {@link #NOT_MINE}, {@link #REJECT} or
   * {@link #UNTIL_CLOSE}.
   *
   * @param d the dissection of the current frame (for per-stream state through
   *     {@link Dissection#state}; do not add layers)
   * @param tcpLayer the TCP layer of the current frame in {@code d}
   */
  int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail);

  /**
   * Called when {@link #pduLength} gave {@link #REJECT} for the bytes of a fresh segment, for a
   * protocol whose taps still see them ({@link Dissection#tapOnly(Object)}).
   */
  default void rejected(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
  }

  /**
   * The Info column text the protocol leaves on a frame where one of its PDUs starts but does
   * not end (tshark's dissector has already written it before asking TCP for more bytes): null
   * keeps TCP's Info, {@code ""} clears it; " [TCP segment of a reassembled PDU]" follows either.
   */
  default String partialInfo(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    return null;
  }

  /**
   * Whether a segment that completes a reassembled PDU and then starts one it cannot finish
   * lists the protocol once more for the unfinished start (tshark's TLS, handed the remaining
   * bytes in a second call that asks for more, shows {@code tcp:tls:x509...:tls}); the extra
   * layer covers the unfinished bytes, and the protocol must show no PDU for them.
   */
  default boolean layerForUnfinished() {
    return false;
  }

  /**
   * Whether a segment that only starts or continues a PDU still lists the protocol (an empty
   * layer; TCP's Info and Protocol columns stay): tshark's SSH adds its tree item before it asks
   * TCP for more bytes, so {@code frame.protocols} ends in {@code ssh} there.
   */
  default boolean layerForPartial() {
    return false;
  }

  /**
   * Whether a segment on which TCP calls the protocol although no PDU completes there still
   * lists the protocol (an empty layer; TCP's Info and Protocol columns stay): the segment where
   * a PDU starts, or one that adds to a PDU whose length is still unknown. tshark's TLS adds its
   * tree item before it asks TCP for more bytes; segments inside a PDU of known length are not
   * handed to it, so they show TCP alone.
   */
  default boolean layerWhereCalled() {
    return false;
  }

  /**
   * Whether each PDU becomes a layer of its own (true: HTTP, DNS) or consecutive complete PDUs
   * of one contiguous run of bytes share one layer that the dissector walks itself (false: TLS,
   * whose records tshark shows under one protocol item).
   */
  default boolean splitPdus() {
    return true;
  }
}

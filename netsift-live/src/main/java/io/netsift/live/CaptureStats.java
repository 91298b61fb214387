package io.netsift.live;

/**
 * libpcap's counters for a capture ({@code pcap_stats}), summed over its interfaces. On Linux
 * {@code received} counts every packet that passed the capture filter, including the ones the
 * kernel then {@code dropped} because the ring buffer was full; {@code interfaceDropped} is what
 * the network driver dropped before libpcap saw it.
 *
 * @param captured packets netsift read from libpcap (before any display filter)
 */
public record CaptureStats(long captured, long received, long dropped, long interfaceDropped) {
  /** Adds another interface's counters. */
  CaptureStats plus(CaptureStats o) {
    return new CaptureStats(captured + o.captured, received + o.received, dropped + o.dropped,
        interfaceDropped + o.interfaceDropped);
  }

  /** {@code 1200 packets captured, 0 dropped}. */
  @Override
  public String toString() {
    return captured + (captured == 1 ? " packet" : " packets") + " captured, " + dropped + " dropped";
  }
}

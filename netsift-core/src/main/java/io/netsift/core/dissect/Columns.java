package io.netsift.core.dissect;

/**
 * The summary columns of one packet as tshark prints them (No., Time, Source, Destination,
 * Protocol, Length, Info). Dissectors fill them layer by layer; later layers override earlier
 * ones, as in Wireshark, and Info is rebuilt by the layer that owns it.
 */
public final class Columns {
  public long number;
  public String time = "";
  public String source = "";
  public String destination = "";
  public String protocol = "";
  public long length;
  public final StringBuilder info = new StringBuilder(96);
  /**
   * Text a lower layer put at the start of Info behind tshark's column fence (the TCP analysis
   * markers such as "[TCP Retransmission] "): layers above rebuild Info after it.
   */
  public final StringBuilder fenced = new StringBuilder();

  /** Clears Info and sets it to {@code text}. */
  public void setInfo(String text) {
    info.setLength(0);
    info.append(text);
  }

  public void reset() {
    number = 0;
    time = "";
    source = "";
    destination = "";
    protocol = "";
    length = 0;
    info.setLength(0);
    fenced.setLength(0);
  }

  public String info() {
    return info.toString();
  }
}

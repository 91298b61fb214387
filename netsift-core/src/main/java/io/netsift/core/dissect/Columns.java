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
  /** Set by {@link #freezeProtocolAndInfo()}: later layers may no longer change Protocol and Info. */
  boolean frozen;

  /** Clears Info and sets it to {@code text}. */
  public void setInfo(String text) {
    info.setLength(0);
    info.append(text);
  }

  /**
   * Keeps Protocol and Info as they are for the rest of the packet, while later layers may still
   * set Source and Destination (Wireshark's {@code col_set_writable(..., FALSE)}): a PIM Register
   * shows its tunnelled packet's addresses under its own name.
   */
  public void freezeProtocolAndInfo() {
    frozen = true;
  }

  public void reset() {
    frozen = false;
    number = 0;
    time = "";
    source = "";
    destination = "";
    protocol = "";
    length = 0;
    info.setLength(0);
  }

  public String info() {
    return info.toString();
  }
}

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
  /** Set by {@link #freezeAll()}: later layers may change no column until {@link #thaw()}. */
  boolean allFrozen;
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

  /**
   * Keeps Protocol and Info as they are for the rest of the packet, while later layers may still
   * set Source and Destination (Wireshark's {@code col_set_writable(..., FALSE)}): a PIM Register
   * shows its tunnelled packet's addresses under its own name.
   */
  public void freezeProtocolAndInfo() {
    frozen = true;
  }

  /**
   * Keeps every column (Source and Destination too, and the fenced Info prefix) as it is until
   * a later layer calls {@link #thaw()}: Wireshark's {@code col_set_writable(-1, FALSE)} around
   * a frame that a message carries (an OpenFlow packet-in), restored after it.
   */
  public void freezeAll() {
    allFrozen = true;
  }

  /** Ends {@link #freezeAll()}: the layer calling it and later ones write the columns again. */
  public void thaw() {
    allFrozen = false;
  }

  public void reset() {
    frozen = false;
    allFrozen = false;
    number = 0;
    time = "";
    source = "";
    destination = "";
    protocol = "";
    length = 0;
    info.setLength(0);
    fenced.setLength(0);
  }

  /** tshark's Info column holds at most 4095 bytes of UTF-8 (COL_MAX_INFO_LEN with its NUL). */
  static final int MAX_INFO_BYTES = 4095;

  /** Cuts Info to what tshark's column can hold, never inside a character. */
  void limitInfo() {
    if (info.length() <= MAX_INFO_BYTES / 3) {
      return;
    }
    int bytes = 0;
    for (int i = 0; i < info.length(); i++) {
      char ch = info.charAt(i);
      int n = ch < 0x80 ? 1 : ch < 0x800 ? 2 : Character.isHighSurrogate(ch) ? 4 : Character.isLowSurrogate(ch) ? 0 : 3;
      if (bytes + n > MAX_INFO_BYTES) {
        info.setLength(i);
        return;
      }
      bytes += n;
    }
  }

  public String info() {
    return info.toString();
  }
}

package io.netsift.core;

/**
 * The tshark summary columns of one packet (No., Time, Source, Destination, Protocol,
 * Length, Info); {@link #line()} is the line {@code tshark -r} prints.
 */
public final class Summary {
  private final long number;
  private final String time;
  private final String source;
  private final String destination;
  private final String protocol;
  private final long length;
  private final String info;
  private final String line;

  Summary(long number, String time, String source, String destination, String protocol, long length,
      String info, String line) {
    this.number = number;
    this.time = time;
    this.source = source;
    this.destination = destination;
    this.protocol = protocol;
    this.length = length;
    this.info = info;
    this.line = line;
  }

  public long number() { return number; }
  public String time() { return time; }
  public String source() { return source; }
  public String destination() { return destination; }
  public String protocol() { return protocol; }
  public long length() { return length; }
  public String info() { return info; }

  /** The whole tshark summary line. */
  public String line() {
    return line;
  }

  @Override
  public String toString() {
    return line;
  }
}

package io.netsift.core.analysis;

/**
 * One object a protocol carried, as Wireshark's "Export Objects" lists it: the packet that
 * completed it, the host it came from, its content type, the name the protocol suggests (an
 * HTTP request URI, a mail's subject, a TFTP file name) and its bytes (for HTTP the body the
 * application got: de-chunked and decompressed).
 */
public final class ExportedObject {
  private final long frame;
  private final String hostname;
  private final String contentType;
  private final byte[] suggestedName;
  private final byte[] data;

  ExportedObject(long frame, String hostname, String contentType, byte[] suggestedName, byte[] data) {
    this.frame = frame;
    this.hostname = hostname;
    this.contentType = contentType;
    this.suggestedName = suggestedName;
    this.data = data;
  }

  /** The frame number (1-based) whose dissection produced the object. */
  public long frame() {
    return frame;
  }

  /** The host (HTTP Host header, mail sender), or "" when unknown. */
  public String hostname() {
    return hostname == null ? "" : hostname;
  }

  /** The content type (lower case, parameters dropped), or "" when none was given. */
  public String contentType() {
    return contentType == null ? "" : contentType;
  }

  /**
   * The raw name the protocol suggests (an HTTP request URI, before {@link ExportNames} makes a
   * safe file name of it), or null when there is none.
   */
  public byte[] suggestedName() {
    return suggestedName == null ? null : suggestedName.clone();
  }

  public int size() {
    return data.length;
  }

  /** A copy of the object's bytes. */
  public byte[] data() {
    return data.clone();
  }

  byte[] raw() {
    return data;
  }
}

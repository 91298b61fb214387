package io.netsift.core.dissect.proto.http;

import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import java.util.HashMap;
import java.util.Map;

/**
 * Which layer an HTTP body becomes, as tshark 4.0 decides it: the dissector registered for the
 * Content-Type (its "media_type" table), else a heuristic on the first bytes (PNG, GIF, JPEG
 * signatures), else the generic "media" layer when there is a Content-Type, else "data".
 * Image dissectors refuse bytes without their signature, so the heuristics get a turn.
 */
public final class MediaTypes {
  private MediaTypes() {}

  private static final Map<String, String> TABLE = new HashMap<>();

  static {
    String[] textLines = {"text/plain", "text/html", "text/css", "text/javascript", "text/richtext",
        "text/enriched", "text/parameters", "text/vnd.sun.j2me.app-descriptor",
        "application/x-javascript", "application/x-ns-proxy-autoconfig", "application/vnd.poc.refer-to",
        "application/vnd.drm.message", "application/x-wms-logplaystats", "application/x-rtsp-udp-packetpair"};
    for (String s : textLines) {
      TABLE.put(s, "data-text-lines");
    }
    String[] json = {"application/json", "application/json-rpc", "application/jsonrequest",
        "application/dds-web+json", "application/vnd.oma.lwm2m+json"};
    for (String s : json) {
      TABLE.put(s, "json");
    }
    TABLE.put("image/png", "png");
    TABLE.put("image/gif", "image-gif");
    TABLE.put("image/jpeg", "image-jfif");
    TABLE.put("image/jfif", "image-jfif");
    TABLE.put("image/jpg", "image-jfif");
    TABLE.put("image/pjpeg", "image-jfif");
    TABLE.put("application/octet-stream", "data");
    TABLE.put("application/x-www-form-urlencoded", "urlencoded-form");
    String[] xml = {"text/xml", "application/xml", "image/svg+xml", "application/xhtml+xml",
        "application/soap+xml", "application/atom+xml", "application/rss+xml", "text/xml-external-parsed-entity",
        "application/xml-dtd", "application/xslt+xml", "application/rdf+xml"};
    for (String s : xml) {
      TABLE.put(s, "xml");
    }
  }

  /**
   * The layer tshark's "media_type" table gives a body of type {@code type} (lower case) that
   * is not HTTP's (a mail body, a MIME part): the registered dissector, "mime_multipart" for the
   * multipart types, or null when the table has no entry.
   */
  public static String registered(String type) {
    if (type == null) {
      return null;
    }
    if (MULTIPART.contains(type)) {
      return "mime_multipart";
    }
    String name = TABLE.get(type);
    return name == null || name.equals("-") ? null : name;
  }

  /** The multipart subtypes tshark 4.0 registers its MIME multipart dissector for (RFC 2046 5.1). */
  private static final java.util.Set<String> MULTIPART = java.util.Set.of("multipart/mixed",
      "multipart/related", "multipart/alternative", "multipart/form-data", "multipart/report",
      "multipart/signed", "multipart/encrypted");

  /** The dissector for the body of {@code m} (null: the body becomes "data"). */
  static Dissector select(Protocols p, HttpMessage m, byte[] frame) {
    byte[] b;
    int off;
    int len;
    if (m.decoded != null) {
      b = m.decoded;
      off = 0;
      len = b.length;
    } else {
      b = frame;
      off = m.bodyStart;
      len = m.bodyEnd - m.bodyStart;
    }
    if (len <= 0) {
      // A body that decodes to nothing (a chunked body of only the last chunk) gets no layer.
      return null;
    }
    String ct = m.contentType;
    String name = ct == null ? null : TABLE.get(ct);
    if ("data".equals(name)) {
      return null;
    }
    if (name != null && !name.equals("-") && accepts(name, b, off, len)) {
      Dissector d = p.byName(name);
      if (d != null) {
        return d;
      }
    }
    String heuristic = heuristic(b, off, len);
    if (heuristic != null) {
      Dissector d = p.byName(heuristic);
      if (d != null) {
        return d;
      }
    }
    return ct == null ? null : p.byName("media");
  }

  /** Whether the dissector registered for the Content-Type refuses the body (tshark's "subdissector failed"). */
  static boolean refused(HttpMessage m, byte[] frame) {
    String name = m.contentType == null ? null : TABLE.get(m.contentType);
    if (name == null || name.equals("-") || name.equals("data")) {
      return false;
    }
    if (m.decoded != null ? m.decoded.length == 0 : m.bodyEnd <= m.bodyStart) {
      return false;
    }
    return m.decoded != null ? !accepts(name, m.decoded, 0, m.decoded.length)
        : !accepts(name, frame, m.bodyStart, m.bodyEnd - m.bodyStart);
  }

  private static boolean accepts(String name, byte[] b, int off, int len) {
    switch (name) {
      case "png": return PngDissector.signature(b, off, len);
      case "image-gif": return GifDissector.signature(b, off, len);
      case "image-jfif": return JfifDissector.signature(b, off, len);
      default: return true;
    }
  }

  private static String heuristic(byte[] b, int off, int len) {
    if (PngDissector.signature(b, off, len)) {
      return "png";
    }
    if (GifDissector.signature(b, off, len)) {
      return "image-gif";
    }
    if (JfifDissector.signature(b, off, len)) {
      return "image-jfif";
    }
    return null;
  }
}

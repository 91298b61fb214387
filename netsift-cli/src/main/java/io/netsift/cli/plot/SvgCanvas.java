package io.netsift.cli.plot;

import java.util.Locale;

/**
 * Writes a chart as a small standalone SVG document: plain {@code rect}, {@code line},
 * {@code polyline} and {@code text} elements, no scripts or external references, so it opens in
 * any browser and diffs readably. Each series' polyline carries {@code data-series} with its name.
 */
final class SvgCanvas implements Canvas {
  private final StringBuilder body = new StringBuilder();
  private final int width;
  private final int height;
  private final String title;

  SvgCanvas(int width, int height, String title) {
    this.width = width;
    this.height = height;
    this.title = title;
  }

  private static String n(double v) {
    if (v == Math.rint(v)) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<': sb.append("&lt;"); break;
        case '>': sb.append("&gt;"); break;
        case '&': sb.append("&amp;"); break;
        case '"': sb.append("&quot;"); break;
        default:
          // XML 1.0 forbids most control characters even as references.
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            sb.append('?');
          } else {
            sb.append(c);
          }
      }
    }
    return sb.toString();
  }

  @Override
  public void rect(double x, double y, double w, double h, String fill, String stroke) {
    body.append("  <rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
        .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill == null ? "none" : fill).append('"');
    if (stroke != null) {
      body.append(" stroke=\"").append(stroke).append('"');
    }
    body.append("/>\n");
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, String stroke, double width) {
    body.append("  <line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
        .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
        .append(n(width)).append("\"/>\n");
  }

  @Override
  public void polyline(double[] xs, double[] ys, String stroke, double width, String series) {
    body.append("  <polyline class=\"series\" data-series=\"").append(escape(series)).append("\" fill=\"none\" stroke=\"")
        .append(stroke).append("\" stroke-width=\"").append(n(width)).append("\" points=\"");
    for (int i = 0; i < xs.length; i++) {
      if (i > 0) {
        body.append(' ');
      }
      body.append(n(xs[i])).append(',').append(n(ys[i]));
    }
    body.append("\"/>\n");
  }

  @Override
  public void text(double x, double y, String text, double size, Anchor anchor, String fill) {
    body.append("  <text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
        .append('"');
    if (anchor != Anchor.START) {
      body.append(" text-anchor=\"").append(anchor == Anchor.MIDDLE ? "middle" : "end").append('"');
    }
    if (!"#000000".equals(fill)) {
      body.append(" fill=\"").append(fill).append('"');
    }
    body.append('>').append(escape(text)).append("</text>\n");
  }

  /** The whole document. */
  String document() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
        + "\" viewBox=\"0 0 " + width + " " + height + "\" font-family=\"sans-serif\">\n"
        + "  <title>" + escape(title) + "</title>\n"
        + "  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        + body
        + "</svg>\n";
  }
}

package io.netsift.cli.plot;

/**
 * The few drawing operations a chart needs, so one layout serves both outputs: {@link SvgCanvas}
 * writes them as SVG elements, {@link AwtCanvas} paints them into a PNG. Coordinates are pixels
 * from the top-left corner; colours are {@code #rrggbb}.
 */
interface Canvas {
  /** Text anchors. */
  enum Anchor { START, MIDDLE, END }

  void rect(double x, double y, double w, double h, String fill, String stroke);

  void line(double x1, double y1, double x2, double y2, String stroke, double width);

  /** An open polyline through the points {@code (xs[i], ys[i])}, tagged with a series name. */
  void polyline(double[] xs, double[] ys, String stroke, double width, String series);

  /** Text with its baseline at {@code y}. */
  void text(double x, double y, String text, double size, Anchor anchor, String fill);

  /** A rough text width, for layout (both outputs use a sans-serif font). */
  default double textWidth(String text, double size) {
    return text.length() * size * 0.6;
  }
}

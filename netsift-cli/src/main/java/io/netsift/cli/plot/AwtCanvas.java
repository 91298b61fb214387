package io.netsift.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * Paints a chart into an image with {@code java.awt} (headless: no display is needed), for PNG
 * output. Same operations as {@link SvgCanvas}, so both files show the same chart.
 */
final class AwtCanvas implements Canvas {
  private final BufferedImage image;
  private final Graphics2D g;

  AwtCanvas(int width, int height) {
    image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
  }

  private static Color color(String hex) {
    return new Color(Integer.parseInt(hex.substring(1), 16));
  }

  @Override
  public void rect(double x, double y, double w, double h, String fill, String stroke) {
    Rectangle2D r = new Rectangle2D.Double(x, y, w, h);
    if (fill != null) {
      g.setColor(color(fill));
      g.fill(r);
    }
    if (stroke != null) {
      g.setColor(color(stroke));
      g.setStroke(new BasicStroke(1f));
      g.draw(r);
    }
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, String stroke, double width) {
    g.setColor(color(stroke));
    g.setStroke(new BasicStroke((float) width));
    g.draw(new java.awt.geom.Line2D.Double(x1, y1, x2, y2));
  }

  @Override
  public void polyline(double[] xs, double[] ys, String stroke, double width, String series) {
    if (xs.length == 0) {
      return;
    }
    Path2D p = new Path2D.Double();
    p.moveTo(xs[0], ys[0]);
    for (int i = 1; i < xs.length; i++) {
      p.lineTo(xs[i], ys[i]);
    }
    g.setColor(color(stroke));
    g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(p);
  }

  @Override
  public void text(double x, double y, String text, double size, Anchor anchor, String fill) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(size)));
    g.setColor(color(fill));
    double w = g.getFontMetrics().stringWidth(text);
    double at = anchor == Anchor.START ? x : anchor == Anchor.MIDDLE ? x - w / 2 : x - w;
    g.drawString(text, (float) at, (float) y);
  }

  BufferedImage image() {
    g.dispose();
    return image;
  }
}

package io.netsift.core.dissect.proto.http;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * Compuserve GIF (87a and 89a): the header and logical screen descriptor are decoded.
 *
 * <pre>
 * "GIF89a" | width (2, LE) | height (2, LE) | flags | background | aspect ratio | [color map]
 * </pre>
 */
public final class GifDissector extends BodyDissector {
  public static final Field VERSION = Field.string("image-gif.version", "Version");
  public static final Field SCREEN_WIDTH = Field.u16("image-gif.screen.width", "Screen width");
  public static final Field SCREEN_HEIGHT = Field.u16("image-gif.screen.height", "Screen height");
  public static final Field COLOR_MAP_PRESENT = Field.u8("image-gif.global.color_map.present",
      "Global color map is present").mask(0x80, 8).labels(java.util.Map.of(0L, "False", 1L, "True"));
  public static final Field COLOR_BPP = Field.u8("image-gif.global.color_bpp", "Bits per color minus 1")
      .mask(0x70, 8);
  public static final Field COLOR_MAP_ORDERED = Field.u8("image-gif.global.color_map.ordered",
      "Global color map is ordered").mask(0x08, 8).labels(java.util.Map.of(0L, "False", 1L, "True"));
  public static final Field BPP = Field.u8("image-gif.global.bpp", "Image bits per pixel minus 1").mask(0x07, 8);
  public static final Field BACKGROUND = Field.u8("image-gif.image_background_index", "Background color index");
  public static final Field ASPECT = Field.u8("image-gif.global.pixel_aspect_ratio", "Global pixel aspect ratio");
  public static final Field COLOR_MAP = Field.bytes("image-gif.global.color_map", "Global color map");

  public GifDissector() {
    super("image-gif", "Compuserve GIF", "GIF image");
  }

  static boolean signature(byte[] b, int off, int len) {
    return len >= 6 && b[off] == 'G' && b[off + 1] == 'I' && b[off + 2] == 'F' && b[off + 3] == '8'
        && (b[off + 4] == '7' || b[off + 4] == '9') && b[off + 5] == 'a';
  }

  @Override
  public void fields(Tree t) {
    Body body = new Body(t);
    body.object(VERSION, 0, 6, body.ascii(0, 6));
    if (!body.has(6, 7)) {
      return;
    }
    body.text(6, 7, "Logical Screen Descriptor");
    t.enter();
    body.number(SCREEN_WIDTH, 6, 2, body.u8(6) | body.u8(7) << 8);
    body.number(SCREEN_HEIGHT, 8, 2, body.u8(8) | body.u8(9) << 8);
    int flags = body.u8(10);
    body.number(COLOR_MAP_PRESENT, 10, 1, COLOR_MAP_PRESENT.extract(flags));
    body.number(COLOR_BPP, 10, 1, COLOR_BPP.extract(flags));
    body.number(COLOR_MAP_ORDERED, 10, 1, COLOR_MAP_ORDERED.extract(flags));
    body.number(BPP, 10, 1, BPP.extract(flags));
    body.number(BACKGROUND, 11, 1, body.u8(11));
    body.number(ASPECT, 12, 1, body.u8(12));
    if ((flags & 0x80) != 0) {
      body.bytes(COLOR_MAP, 13, 3 << ((flags & 7) + 1));
    }
    t.exit();
  }

  @Override
  public void columns(Tree t, Columns c) {
    Body body = new Body(t);
    infoSuffix(c, body.ascii(0, 6));
  }
}

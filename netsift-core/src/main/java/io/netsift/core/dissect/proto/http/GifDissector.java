package io.netsift.core.dissect.proto.http;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * Compuserve GIF (<a href="https://www.w3.org/Graphics/GIF/spec-gif89a.txt">87a and 89a</a>): the
 * header and logical screen descriptor, then every extension and image block up to the trailer,
 * as tshark 4.0 lists them.
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
  public static final Field IMAGE_LEFT = Field.u16("image-gif.image.left", "Image left position");
  public static final Field IMAGE_TOP = Field.u16("image-gif.image.top", "Image top position");
  public static final Field IMAGE_WIDTH = Field.u16("image-gif.image.width", "Image width");
  public static final Field IMAGE_HEIGHT = Field.u16("image-gif.image.height", "Image height");
  public static final Field LOCAL_MAP_PRESENT = Field.u8("image-gif.local.color_map.present",
      "Local color map is present").mask(0x80, 8).labels(java.util.Map.of(0L, "False", 1L, "True"));
  public static final Field LOCAL_COLOR_BPP = Field.u8("image-gif.local.color_bpp", "Bits per color minus 1")
      .mask(0x70, 8);
  public static final Field LOCAL_MAP_ORDERED = Field.u8("image-gif.local.color_map.ordered",
      "Local color map is ordered").mask(0x08, 8).labels(java.util.Map.of(0L, "False", 1L, "True"));
  public static final Field LOCAL_COLOR_MAP = Field.bytes("image-gif.local.color_map", "Local color map");
  public static final Field EXTENSION = Field.none("image-gif.extension", "Extension");
  public static final Field EXTENSION_LABEL = Field.u8("image-gif.extension.label", "Extension label").hex()
      .labels(java.util.Map.of(0xf9L, "Graphics Control", 0xfeL, "Comment", 0xffL, "Application", 0x01L, "Plain Text"));
  public static final Field IMAGE = Field.none("image-gif.image", "Image");
  public static final Field CODE_SIZE = Field.u8("image-gif.image.code_size", "LZW minimum code size");
  public static final Field END = Field.none("image-gif.end", "Trailer (End of the GIF stream)");
  public static final Field DATA_BLOCK = Field.bytes("image-gif.data_block", "Data block");
  static final Expert UNKNOWN_BLOCK = new Expert("gif.data_block_type.unknown", Expert.Severity.WARNING, "Protocol",
      "Unknown GIF data block type");

  public GifDissector() {
    super("image-gif", "Compuserve GIF", "GIF image");
  }

  /** tshark's check: at least 20 bytes that start with "GIF87a" or "GIF89a". */
  static boolean signature(byte[] b, int off, int len) {
    return len >= 20 && b[off] == 'G' && b[off + 1] == 'I' && b[off + 2] == 'F' && b[off + 3] == '8'
        && (b[off + 4] == '7' || b[off + 4] == '9') && b[off + 5] == 'a';
  }

  /*
   * After the screen descriptor (and global color map) come blocks until the trailer:
   *   '!' label data-blocks...            an extension (0xf9 graphics control, 0xfe comment, 0xff application)
   *   ',' left top width height flags [local color map] code-size data-blocks...   an image
   *   ';'                                 the trailer, where tshark stops
   *   anything else                       an "unknown block type" note, and on to the next byte
   * Data blocks are a length byte and that many bytes, ending with an empty block.
   * Reads go through Tree: past the captured bytes they give 0 and stop every later emit, and each
   * block advances at least one byte, so the walk ends on any input.
   */
  @Override
  public void fields(Tree t) {
    int len = t.length();
    boolean v89 = t.u8(4) == '9';
    t.object(VERSION, 0, 6, HttpText.of(t.data(), t.start(), t.start() + Math.min(6, len)));
    t.number(SCREEN_WIDTH, 6, 2, t.u16le(6));
    t.number(SCREEN_HEIGHT, 8, 2, t.u16le(8));
    int flags = t.u8(10);
    t.text(10, 1, settings("Global", flags));
    t.enter();
    t.number(COLOR_MAP_PRESENT, 10, 1, COLOR_MAP_PRESENT.extract(flags));
    t.number(COLOR_BPP, 10, 1, COLOR_BPP.extract(flags));
    if (v89) {
      t.number(COLOR_MAP_ORDERED, 10, 1, COLOR_MAP_ORDERED.extract(flags));
    }
    t.number(BPP, 10, 1, BPP.extract(flags));
    t.exit();
    t.number(BACKGROUND, 11, 1, t.u8(11));
    int aspect = t.u8(12);
    if (v89 && aspect != 0) {
      t.number(ASPECT, 12, 1, aspect);
    }
    int p = 13;
    if ((flags & 0x80) != 0) {
      int n = 3 << ((flags & 7) + 1);
      t.bytes(COLOR_MAP, p, n);
      p += n;
    }
    while (p < len && !t.truncated()) {
      int c = t.u8(p);
      if (c == 0x21) {
        int label = t.u8(p + 1);
        String name = EXTENSION_LABEL.valueLabel(label);
        int end = blocksEnd(t, p + 2);
        t.object(EXTENSION, p, Math.min(end, len) - p,
            "Extension: " + (name != null ? name : String.format("<Warning: Unknown extension 0x%02X>", label)));
        t.enter();
        t.number(EXTENSION_LABEL, p + 1, 1, label);
        blocks(t, p + 2);
        t.exit();
        p = end;
      } else if (c == 0x2c) {
        int lf = t.u8(p + 9);
        int q = p + 10;
        if ((lf & 0x80) != 0) {
          q += 3 << ((lf & 7) + 1);
        }
        int end = blocksEnd(t, q + 1);
        t.object(IMAGE, p, Math.min(end, len) - p, null);
        t.enter();
        t.number(IMAGE_LEFT, p + 1, 2, t.u16le(p + 1));
        t.number(IMAGE_TOP, p + 3, 2, t.u16le(p + 3));
        t.number(IMAGE_WIDTH, p + 5, 2, t.u16le(p + 5));
        t.number(IMAGE_HEIGHT, p + 7, 2, t.u16le(p + 7));
        t.text(p + 9, 1, settings("Local", lf));
        t.enter();
        t.number(LOCAL_MAP_PRESENT, p + 9, 1, LOCAL_MAP_PRESENT.extract(lf));
        t.number(LOCAL_COLOR_BPP, p + 9, 1, LOCAL_COLOR_BPP.extract(lf));
        if (v89) {
          t.number(LOCAL_MAP_ORDERED, p + 9, 1, LOCAL_MAP_ORDERED.extract(lf));
        }
        // tshark 4.0 reports the local bits per pixel under the global field's name.
        t.number(BPP, p + 9, 1, BPP.extract(lf));
        t.exit();
        if ((lf & 0x80) != 0) {
          t.bytes(LOCAL_COLOR_MAP, p + 10, q - p - 10);
        }
        t.number(CODE_SIZE, q, 1, t.u8(q));
        blocks(t, q + 1);
        t.exit();
        p = end;
      } else if (c == 0x3b) {
        t.object(END, p, 1, null);
        break;
      } else {
        // tshark 4.0 notes any other byte and reads on from the next one.
        t.expert(UNKNOWN_BLOCK, p, 1, null);
        p++;
      }
    }
  }

  private static String settings(String which, int flags) {
    int color = 1 + ((flags & 0x60) >> 4);
    int bpp = 1 + (flags & 7);
    return which + " settings:" + ((flags & 0x80) != 0 ? " (" + which + " color table present)" : "")
        + " (" + color + " bit" + (color == 1 ? "" : "s") + " per color) (" + bpp + " bit" + (bpp == 1 ? "" : "s")
        + " per pixel)";
  }

  /** Where the data-block sequence at {@code p} ends (after its empty block), reading no further than the body. */
  private static int blocksEnd(Tree t, int p) {
    int len = t.length();
    while (p < len) {
      int n = t.has(p, 1) ? t.u8(p) : 0;
      p += 1 + n;
      if (n == 0) {
        return p;
      }
    }
    return p + 1;
  }

  private static void blocks(Tree t, int p) {
    while (!t.truncated()) {
      int n = t.u8(p);
      if (n == 0) {
        t.object(DATA_BLOCK, p, 1, "<none>");
      } else {
        t.bytes(DATA_BLOCK, p + 1, n);
      }
      p += 1 + n;
      if (n == 0) {
        return;
      }
    }
  }

  @Override
  public String label(Tree t) {
    return longName() + ", Version: " + HttpText.of(t.data(), t.start(), t.start() + Math.min(6, t.length()));
  }

  @Override
  public void columns(Tree t, Columns c) {
    Body body = new Body(t);
    infoSuffix(c, body.ascii(0, 6));
  }
}

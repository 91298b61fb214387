package io.netsift.core.dissect.proto.http;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.util.Map;

/**
 * Portable Network Graphics, <a href="https://www.w3.org/TR/png/">W3C PNG</a>: the signature,
 * then chunks of length, type, data and CRC; the chunks tshark 4.0 decodes (IHDR, bKGD, cHRM,
 * gAMA, pHYs, sRGB, tEXt, tIME) are decoded, the others shown as data.
 *
 * <pre>
 * | length (4) | type (4) | data (length) | CRC (4) |
 * </pre>
 */
public final class PngDissector extends BodyDissector {
  public static final Field SIGNATURE = Field.bytes("png.signature", "PNG Signature");
  public static final Field CHUNK_DATA = Field.none("png.chunk.data", "Data");
  public static final Field CHUNK_TYPE = Field.string("png.chunk.type", "Chunk");
  public static final Field CHUNK_LEN = Field.u32("png.chunk.len", "Len");
  public static final Field CHUNK_CRC = Field.u32("png.chunk.crc", "CRC").hex();
  public static final Field ANCILLARY = Field.bool("png.chunk.flag.ancillary", "Ancillary")
      .mask(0x20000000L, 32).states("This is an ANCILLARY chunk", "This is a CRITICAL chunk");
  public static final Field PRIVATE = Field.bool("png.chunk.flag.private", "Private")
      .mask(0x00200000L, 32).states("This is a PRIVATE chunk", "This is a PUBLIC chunk");
  public static final Field STC = Field.bool("png.chunk.flag.stc", "Safe To Copy")
      .mask(0x00000020L, 32).states("This chunk is SAFE TO COPY", "This chunk is NOT safe to copy");
  public static final Field WIDTH = Field.u32("png.ihdr.width", "Width");
  public static final Field HEIGHT = Field.u32("png.ihdr.height", "Height");
  public static final Field BITDEPTH = Field.u8("png.ihdr.bitdepth", "Bit Depth");
  public static final Field COLOUR_TYPE = Field.u8("png.ihdr.colour_type", "Colour Type")
      .labels(Map.of(0L, "Greyscale", 2L, "Truecolour", 3L, "Indexed-colour", 4L, "Greyscale with alpha",
          6L, "Truecolour with alpha"));
  public static final Field COMPRESSION = Field.u8("png.ihdr.compression_method", "Compression Method")
      .labels(Map.of(0L, "Deflate"));
  public static final Field FILTER = Field.u8("png.ihdr.filter_method", "Filter Method")
      .labels(Map.of(0L, "Adaptive"));
  public static final Field INTERLACE = Field.u8("png.ihdr.interlace_method", "Interlace Method")
      .labels(Map.of(0L, "No interlace", 1L, "Adam7"));

  public static final Field SRGB_INTENT = Field.u8("png.srgb.intent", "Intent")
      .labels(Map.of(0L, "Perceptual", 1L, "Relative colorimetric", 2L, "Saturation", 3L, "Absolute colorimetric"));
  public static final Field TEXT_KEYWORD = Field.string("png.text.keyword", "Keyword");
  public static final Field TEXT_STRING = Field.string("png.text.string", "String");
  public static final Field TIME_YEAR = Field.u16("png.time.year", "Year");
  public static final Field TIME_MONTH = Field.u8("png.time.month", "Month");
  public static final Field TIME_DAY = Field.u8("png.time.day", "Day");
  public static final Field TIME_HOUR = Field.u8("png.time.hour", "Hour");
  public static final Field TIME_MINUTE = Field.u8("png.time.minute", "Minute");
  public static final Field TIME_SECOND = Field.u8("png.time.second", "Second");
  public static final Field PHYS_HORIZ = Field.u32("png.phys.horiz", "Horizontal pixels per unit");
  public static final Field PHYS_VERT = Field.u32("png.phys.vert", "Vertical pixels per unit");
  public static final Field PHYS_UNIT = Field.u8("png.phys.unit", "Unit")
      .labels(Map.of(0L, "Unit is unknown", 1L, "Unit is METRE"));
  public static final Field BKGD_PALETTE = Field.u8("png.bkgd.palette_index", "Palette Index");
  public static final Field BKGD_GREY = Field.u16("png.bkgd.greyscale", "Greyscale").hex();
  public static final Field BKGD_RED = Field.u16("png.bkgd.red", "Red").hex();
  public static final Field BKGD_GREEN = Field.u16("png.bkgd.green", "Green").hex();
  public static final Field BKGD_BLUE = Field.u16("png.bkgd.blue", "Blue").hex();
  public static final Field CHRM_WHITE_X = Field.of("png.chrm.white.x", "White X", FieldType.FLOAT);
  public static final Field CHRM_WHITE_Y = Field.of("png.chrm.white.y", "White Y", FieldType.FLOAT);
  public static final Field CHRM_RED_X = Field.of("png.chrm.red.x", "Red X", FieldType.FLOAT);
  public static final Field CHRM_RED_Y = Field.of("png.chrm.red.y", "Red Y", FieldType.FLOAT);
  public static final Field CHRM_GREEN_X = Field.of("png.chrm.green.x", "Green X", FieldType.FLOAT);
  public static final Field CHRM_GREEN_Y = Field.of("png.chrm.green.y", "Green Y", FieldType.FLOAT);
  public static final Field CHRM_BLUE_X = Field.of("png.chrm.blue.x", "Blue X", FieldType.FLOAT);
  public static final Field CHRM_BLUE_Y = Field.of("png.chrm.blue.y", "Blue Y", FieldType.FLOAT);
  public static final Field GAMMA = Field.of("png.gama.gamma", "Gamma", FieldType.FLOAT);

  private static final Field[] CHRM = {CHRM_WHITE_X, CHRM_WHITE_Y, CHRM_RED_X, CHRM_RED_Y, CHRM_GREEN_X,
      CHRM_GREEN_Y, CHRM_BLUE_X, CHRM_BLUE_Y};

  private static final byte[] MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  public PngDissector() {
    super("png", "Portable Network Graphics", "PNG");
  }

  /** tshark's check: at least 20 bytes that start with the PNG signature. */
  static boolean signature(byte[] b, int off, int len) {
    if (len < 20) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (b[off + i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /** The PNG names of the chunk types tshark knows. */
  static String chunkName(String type) {
    switch (type) {
      case "IHDR": return "Image Header";
      case "bKGD": return "Background colour";
      case "gAMA": return "Image gamma";
      case "iCCP": return "Embedded ICC profile";
      case "cHRM": return "Primary chromaticities and white point";
      case "pHYs": return "Physical pixel dimensions";
      case "tEXt": return "Textual data";
      case "sBIT": return "Significant bits";
      case "sRGB": return "Standard RGB colour space";
      case "tIME": return "Image last-modification time";
      case "IDAT": return "Image data chunk";
      case "IEND": return "Image Trailer";
      default: return "unknown";
    }
  }

  /**
   * Walks the chunks as tshark 4.0 does: IHDR, bKGD, cHRM, gAMA, pHYs, sRGB, tEXt and tIME are
   * decoded, other chunks show their data as one item. A chunk's fields stop at its length (a
   * short chunk shows what fits), and reads past the captured body stop every later emit
   * ({@link Tree}); each chunk advances 12 bytes or more, so the walk ends on any input.
   */
  @Override
  public void fields(Tree t) {
    int len = t.length();
    t.bytes(SIGNATURE, 0, 8);
    long p = 8;
    while (p < len && !t.truncated()) {
      int at = (int) p;
      long clen = t.u32(at);
      String type = HttpText.of(t.data(), t.start() + at + 4, t.start() + Math.min(at + 8, len));
      if (clen >= Integer.MAX_VALUE || at + 12 + clen > len) {
        // tshark stops at a chunk longer than the body, before showing any of it.
        break;
      }
      t.text(at, (int) clen + 12, chunkName(type) + " (" + type + ")");
      t.enter();
      t.number(CHUNK_LEN, at, 4, clen);
      t.object(CHUNK_TYPE, at + 4, 4, type);
      long raw = t.u32(at + 4);
      t.number(ANCILLARY, at + 4, 4, ANCILLARY.extract(raw));
      t.number(PRIVATE, at + 4, 4, PRIVATE.extract(raw));
      t.number(STC, at + 4, 4, STC.extract(raw));
      if (clen >= Integer.MAX_VALUE || at + 12 + clen > len) {
        break;
      }
      int d = at + 8;
      int n = (int) clen;
      // A decoded chunk shorter than its fields ends the walk after the fields that fit, as
      // tshark's read past the chunk does.
      int need = 0;
      switch (type) {
        case "IHDR":
          need = 13;
          put(t, WIDTH, d, n, 0, 4);
          put(t, HEIGHT, d, n, 4, 4);
          put(t, BITDEPTH, d, n, 8, 1);
          put(t, COLOUR_TYPE, d, n, 9, 1);
          put(t, COMPRESSION, d, n, 10, 1);
          put(t, FILTER, d, n, 11, 1);
          put(t, INTERLACE, d, n, 12, 1);
          break;
        case "bKGD":
          if (n == 1) {
            t.uint(BKGD_PALETTE, d, 1);
          } else if (n == 2) {
            t.uint(BKGD_GREY, d, 2);
          } else if (n == 6) {
            t.uint(BKGD_RED, d, 2);
            t.uint(BKGD_GREEN, d + 2, 2);
            t.uint(BKGD_BLUE, d + 4, 2);
          }
          break;
        case "cHRM":
          need = 32;
          for (int k = 0; k < CHRM.length && 4 * k + 4 <= n; k++) {
            t.object(CHRM[k], d + 4 * k, 4, hundredThousandths(t.u32(d + 4 * k)));
          }
          break;
        case "gAMA":
          need = 4;
          if (n >= 4) {
            t.object(GAMMA, d, 4, hundredThousandths(t.u32(d)));
          }
          break;
        case "pHYs":
          need = 9;
          put(t, PHYS_HORIZ, d, n, 0, 4);
          put(t, PHYS_VERT, d, n, 4, 4);
          put(t, PHYS_UNIT, d, n, 8, 1);
          break;
        case "sRGB":
          need = 1;
          if (n >= 1) {
            t.uint(SRGB_INTENT, d, 1);
          }
          break;
        case "tEXt": {
          int z = d + 1;
          while (z < d + n && t.u8(z) != 0) {
            z++;
          }
          if (z < d + n) { // tshark shows nothing for a tEXt chunk without its NUL
            t.object(TEXT_KEYWORD, d, z - d, HttpText.of(t.data(), t.start() + d, t.start() + z));
            t.object(TEXT_STRING, z + 1, d + n - z - 1, HttpText.of(t.data(), t.start() + z + 1, t.start() + d + n));
          }
          break;
        }
        case "tIME":
          need = 7;
          put(t, TIME_YEAR, d, n, 0, 2);
          put(t, TIME_MONTH, d, n, 2, 1);
          put(t, TIME_DAY, d, n, 3, 1);
          put(t, TIME_HOUR, d, n, 4, 1);
          put(t, TIME_MINUTE, d, n, 5, 1);
          put(t, TIME_SECOND, d, n, 6, 1);
          break;
        default:
          if (n > 0) {
            t.object(CHUNK_DATA, d, n, null);
          }
      }
      if (n < need) {
        t.exit();
        break;
      }
      t.uint(CHUNK_CRC, d + n, 4);
      t.exit();
      p = (long) d + n + 4;
    }
  }

  /** Emits a field of a chunk's data when it lies within the chunk's length. */
  private static void put(Tree t, Field f, int d, int n, int off, int size) {
    if (off + size <= n) {
      t.uint(f, d + off, size);
    }
  }

  /** A PNG fixed-point value (units of 1/100000) as the float tshark shows, to its six significant digits. */
  private static Double hundredThousandths(long v) {
    float f = (float) (v / 100000.0);
    return Double.valueOf(String.format(java.util.Locale.ROOT, "%.6g", f));
  }

  @Override
  public void columns(Tree t, Columns c) {
    infoSuffix(c, "PNG");
  }
}

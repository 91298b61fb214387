package io.netsift.core.dissect.proto.http;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * Portable Network Graphics, <a href="https://www.w3.org/TR/png/">W3C PNG</a>: the signature,
 * then chunks of length, type, data and CRC; the image header (IHDR) is decoded.
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

  private static final byte[] MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  public PngDissector() {
    super("png", "Portable Network Graphics", "PNG");
  }

  static boolean signature(byte[] b, int off, int len) {
    if (len < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (b[off + i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void fields(Tree t) {
    Body body = new Body(t);
    body.bytes(SIGNATURE, 0, 8);
    int p = 8;
    while (body.has(p, 8)) {
      long len = body.u32(p);
      String type = body.ascii(p + 4, 4);
      body.text(p, (int) Math.min(len + 12, body.len - p), type);
      t.enter();
      body.number(CHUNK_LEN, p, 4, len);
      body.object(CHUNK_TYPE, p + 4, 4, type);
      long raw = body.u32(p + 4);
      body.number(ANCILLARY, p + 4, 4, ANCILLARY.extract(raw));
      body.number(PRIVATE, p + 4, 4, PRIVATE.extract(raw));
      body.number(STC, p + 4, 4, STC.extract(raw));
      if (len > body.len) {
        t.exit();
        break;
      }
      int data = p + 8;
      if (type.equals("IHDR") && len >= 13) {
        body.number(WIDTH, data, 4, body.u32(data));
        body.number(HEIGHT, data + 4, 4, body.u32(data + 4));
        body.number(BITDEPTH, data + 8, 1, body.u8(data + 8));
        body.number(COLOUR_TYPE, data + 9, 1, body.u8(data + 9));
        body.number(COMPRESSION, data + 10, 1, body.u8(data + 10));
        body.number(FILTER, data + 11, 1, body.u8(data + 11));
        body.number(INTERLACE, data + 12, 1, body.u8(data + 12));
      } else if (len > 0) {
        body.object(CHUNK_DATA, data, (int) len, null);
      }
      body.number(CHUNK_CRC, data + (int) len, 4, body.u32(data + (int) len));
      t.exit();
      p = data + (int) len + 4;
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    infoSuffix(c, "PNG");
  }
}

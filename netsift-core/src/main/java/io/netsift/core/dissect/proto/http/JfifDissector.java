package io.netsift.core.dissect.proto.http;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * JPEG File Interchange Format (ITU-T T.81 markers, JFIF 1.02 APP0): the marker segments up to
 * the first scan. Each segment is a marker (0xFFxx) and, except for SOI/EOI/RSTn, a length.
 */
public final class JfifDissector extends BodyDissector {
  public static final Field MARKER = Field.u16("image-jfif.marker", "Marker").hex()
      .labels(JfifDissector::markerName);
  public static final Field MARKER_SEGMENT = Field.none("image-jfif.marker_segment", "Marker segment");
  public static final Field LENGTH = Field.u16("image-jfif.length", "Length");
  public static final Field IDENTIFIER = Field.of("image-jfif.identifier", "Identifier",
      io.netsift.core.field.FieldType.STRINGZ);
  public static final Field ENTROPY = Field.bytes("image-jfif.entropy_coded_segment",
      "Entropy-coded segment (dissection is not yet implemented)");

  public JfifDissector() {
    super("image-jfif", "JPEG File Interchange Format", "JFIF (JPEG) image");
  }

  static boolean signature(byte[] b, int off, int len) {
    return len >= 3 && (b[off] & 0xff) == 0xff && (b[off + 1] & 0xff) == 0xd8 && (b[off + 2] & 0xff) == 0xff;
  }

  static String markerName(long m) {
    int v = (int) m;
    if (v == 0xffd8) {
      return "Start of Image";
    }
    if (v == 0xffd9) {
      return "End of Image";
    }
    if (v == 0xffda) {
      return "Start of Scan";
    }
    if (v == 0xffdb) {
      return "Define quantization table(s)";
    }
    if (v == 0xffc4) {
      return "Define Huffman table(s)";
    }
    if (v == 0xfffe) {
      return "Comment";
    }
    if (v >= 0xffe0 && v <= 0xffef) {
      return "Reserved for application segments - " + (v - 0xffe0);
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    Body body = new Body(t);
    body.number(MARKER, 0, 2, body.u16(0));
    int p = 2;
    int guard = 0;
    while (body.has(p, 4) && guard++ < 10000) {
      int marker = body.u16(p);
      if ((marker & 0xff00) != 0xff00) {
        break;
      }
      int len = body.u16(p + 2);
      body.object(MARKER_SEGMENT, p, Math.min(len + 2, body.len - p), null);
      t.enter();
      body.number(MARKER, p, 2, marker);
      body.number(LENGTH, p + 2, 2, len);
      if (marker >= 0xffe0 && marker <= 0xffef && body.has(p + 4, 1)) {
        int z = p + 4;
        while (z < body.len && z < p + 2 + len && body.u8(z) != 0) {
          z++;
        }
        body.object(IDENTIFIER, p + 4, Math.min(z + 1, body.len) - p - 4, body.ascii(p + 4, z - p - 4));
      }
      t.exit();
      if (len < 2) {
        break;
      }
      p += 2 + len;
      if (marker == 0xffda) {
        break;
      }
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    infoSuffix(c, "JPEG JFIF image");
  }
}

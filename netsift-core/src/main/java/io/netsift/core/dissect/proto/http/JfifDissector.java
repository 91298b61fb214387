package io.netsift.core.dissect.proto.http;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JPEG File Interchange Format: the marker segments of <a href="https://www.w3.org/Graphics/JPEG/itu-t81.pdf">ITU-T
 * T.81</a> with the JFIF 1.02 APP0 header and the Exif 2.3 APP1 TIFF directories, walked as tshark 4.0 shows them.
 *
 * <pre>
 * FFD8 | FFxx len(2) segment... | FFDA len(2) scan header | entropy-coded data (FF00 = FF) | [FFD0..D7] ... | FFD9
 * </pre>
 *
 * The walk alternates entropy-coded bytes and markers: the next marker is the next 0xFF not
 * followed by 0x00; fill bytes (repeated 0xFF) before it are shown as such. Markers other than
 * SOI, EOI, TEM and RSTn carry a length and become a segment: APP0 (JFIF/JFXX), APP1 (Exif),
 * APP2, SOFn, SOS and COM are decoded, the others shown as remaining data. An unknown marker
 * ends the walk. As in tshark, a read past a segment's length (or a segment longer than the
 * body) ends the walk where it happens ({@link Stop}), with the fields before it kept.
 *
 * <p>Exif (APP1 "Exif\0"): a TIFF header (byte order, 42, offset of the first directory), then a
 * chain of image file directories of 12-byte entries (tag, type, count, value or offset).
 * Values that fit in 4 bytes are shown in the entry; larger ones after the directory, as tshark
 * lists them; the Exif, GPS and Interoperability pointers of the first chain lead to their own
 * directory chains.
 */
public final class JfifDissector extends BodyDissector {
  public static final Field MARKER = Field.u16("image-jfif.marker", "Marker").hex()
      .labels(JfifDissector::markerName);
  public static final Field MARKER_SEGMENT = Field.none("image-jfif.marker_segment", "Marker segment");
  public static final Field LENGTH = Field.u16("image-jfif.length", "Length");
  public static final Field IDENTIFIER = Field.of("image-jfif.identifier", "Identifier", FieldType.STRINGZ);
  public static final Field VERSION = Field.none("image-jfif.version", "Version");
  public static final Field VERSION_MAJOR = Field.u8("image-jfif.version.major", "Major Version");
  public static final Field VERSION_MINOR = Field.u8("image-jfif.version.minor", "Minor Version");
  public static final Field UNITS = Field.u8("image-jfif.units", "Units").labels(Map.of(
      0L, "No units; Xdensity and Ydensity specify the pixel aspect ratio", 1L, "Dots per inch",
      2L, "Dots per centimeter"));
  public static final Field XDENSITY = Field.u16("image-jfif.Xdensity", "Xdensity");
  public static final Field YDENSITY = Field.u16("image-jfif.Ydensity", "Ydensity");
  public static final Field XTHUMBNAIL = Field.u16("image-jfif.Xthumbnail", "Xthumbnail");
  public static final Field YTHUMBNAIL = Field.u16("image-jfif.Ythumbnail", "Ythumbnail");
  public static final Field RGB = Field.bytes("image-jfif.RGB", "RGB values of thumbnail pixels");
  public static final Field EXTENSION_CODE = Field.u8("image-jfif.extension.code", "Extension code").hex()
      .labels(Map.of(0x10L, "Thumbnail encoded using JPEG", 0x11L, "Thumbnail encoded using 1 byte (8 bits) per pixel",
          0x13L, "Thumbnail encoded using 3 bytes (24 bits) per pixel"));
  public static final Field SOF = Field.none("image-jfif.sof", "Start of Frame header");
  public static final Field SOF_PRECISION = Field.u8("image-jfif.sof.precision", "Sample Precision (bits)");
  public static final Field SOF_LINES = Field.u16("image-jfif.sof.lines", "Lines");
  public static final Field SOF_SAMPLES = Field.u16("image-jfif.sof.samples_per_line", "Samples per line");
  public static final Field SOF_NF = Field.u8("image-jfif.sof.nf", "Number of image components in frame");
  public static final Field SOF_C = Field.u8("image-jfif.sof.c_i", "Component identifier");
  public static final Field SOF_H = Field.u8("image-jfif.sof.h_i", "Horizontal sampling factor").mask(0xf0, 8);
  public static final Field SOF_V = Field.u8("image-jfif.sof.v_i", "Vertical sampling factor").mask(0x0f, 8);
  public static final Field SOF_TQ = Field.u8("image-jfif.sof.tq_i", "Quantization table destination selector");
  public static final Field SOS = Field.none("image-jfif.header.sos", "Start of Segment header");
  public static final Field SOS_NS = Field.u8("image-jfif.sos.ns", "Number of image components in scan");
  public static final Field SOS_CS = Field.u8("image-jfif.sos.component_selector", "Scan component selector");
  public static final Field SOS_TD = Field.u8("image-jfif.sos.dc_entropy_selector",
      "DC entropy coding table destination selector").mask(0xf0, 8);
  public static final Field SOS_TA = Field.u8("image-jfif.sos.ac_entropy_selector",
      "AC entropy coding table destination selector").mask(0x0f, 8);
  public static final Field SOS_SS = Field.u8("image-jfif.sos.ss", "Start of spectral or predictor selection");
  public static final Field SOS_SE = Field.u8("image-jfif.sos.se", "End of spectral selection");
  public static final Field SOS_AH = Field.u8("image-jfif.sos.ah", "Successive approximation bit position high")
      .mask(0xf0, 8);
  public static final Field SOS_AL = Field.u8("image-jfif.sos.al",
      "Successive approximation bit position low or point transform").mask(0x0f, 8);
  public static final Field COMMENT_HEADER = Field.none("image-jfif.header.comment", "Comment header");
  public static final Field COMMENT = Field.string("image-jfif.comment", "Comment");
  public static final Field REMAIN = Field.bytes("image-jfif.remain_seg_data", "Remaining segment data");
  public static final Field ENDIANNESS = Field.u16("image-jfif.endianness", "Endianness").hex()
      .labels(v -> v == 0x4949 ? "little endian" : v == 0x4d4d ? "big endian" : "Incorrect encoding");
  public static final Field START_IFD = Field.u32("image-jfif.start_ifd_offset",
      "Start offset of IFD starting from the TIFF header start").unit(" bytes");
  public static final Field NEXT_IFD = Field.u32("image-jfif.next_ifd_offset",
      "Offset to next IFD from start of TIFF header").unit(" bytes");
  public static final Field FLASHPIX = Field.none("image-jfif.exif_flashpix_marker", "Exif FlashPix APP2 application marker");
  public static final Field ENTROPY = Field.bytes("image-jfif.entropy_coded_segment",
      "Entropy-coded segment (dissection is not yet implemented)");
  public static final Field FILL = Field.bytes("image-jfif.fill_bytes", "Fill bytes");
  public static final Field SKIPPED_TIFF = Field.bytes("image-jfif.skipped_tiff_data",
      "Skipped data between end of TIFF header and start of IFD");
  public static final Field IFD_FIELDS = Field.u16("image-jfif.ifd.num_fields", "Number of fields in this IFD");
  public static final Field IFD_TAG = Field.u16("image-jfif.ifd.tag", "Tag").labels(JfifDissector::tiffTag);
  public static final Field IFD_TAG_EXIF = Field.u16("image-jfif.ifd.tag_exif", "Tag").labels(JfifDissector::exifTag);
  public static final Field IFD_TAG_GPS = Field.u16("image-jfif.ifd.tag_gps", "Tag");
  public static final Field IFD_TAG_INTEROP = Field.u16("image-jfif.ifd.tag_interop", "Tag");
  public static final Field IFD_TYPE = Field.u16("image-jfif.ifd.type", "Type").labels(Map.of(1L, "BYTE",
      2L, "ASCII", 3L, "SHORT", 4L, "LONG", 5L, "RATIONAL", 7L, "UNDEFINED", 9L, "SLONG", 10L, "SRATIONAL"));
  public static final Field IFD_COUNT = Field.u32("image-jfif.ifd.count", "Count");
  public static final Field IFD_OFFSET = Field.u32("image-jfif.ifd.offset", "Value offset from start of TIFF header");
  public static final Field VALUE_BYTE = Field.u8("image-jfif.ifd.value_byte", "Value");
  public static final Field VALUE_ASCII = Field.string("image-jfif.ifd.value_ascii", "Value");
  public static final Field VALUE_SHORT = Field.u16("image-jfif.ifd.value_short", "Value");
  public static final Field VALUE_LONG = Field.u32("image-jfif.ifd.value_long", "Value");
  public static final Field VALUE_RATIONAL = Field.none("image-jfif.ifd.value_rational", "Value");
  public static final Field RATIONAL_NUM = Field.u32("image-jfif.ifd.value_rational.numerator", "Numerator");
  public static final Field RATIONAL_DEN = Field.u32("image-jfif.ifd.value_rational.denominator", "Denominator");
  public static final Field VALUE_UNDEFINED = Field.bytes("image-jfif.ifd.value_undefined", "Value (raw)");
  public static final Field VALUE_SLONG = Field.of("image-jfif.ifd.value_slong", "Value", FieldType.INT32);
  public static final Field VALUE_SRATIONAL = Field.none("image-jfif.ifd.value_srational", "Value");
  public static final Field SRATIONAL_NUM = Field.of("image-jfif.ifd.value_srational.numerator", "Numerator",
      FieldType.INT32);
  public static final Field SRATIONAL_DEN = Field.of("image-jfif.ifd.value_srational.denominator", "Denominator",
      FieldType.INT32);

  static final Expert FIRST_NOT_JFIF = new Expert("image-jfif.app0-identifier-not-jfif", Expert.Severity.WARNING,
      "Protocol", "Initial App0 segment with \"JFIF\" Identifier not found");
  static final Expert START_IFD_INVALID = new Expert("image-jfif.start_ifd_offset.invalid", Expert.Severity.WARNING,
      "Protocol", "Invalid value");
  static final Expert NEXT_IFD_INVALID = new Expert("image-jfif.next_ifd_offset.invalid", Expert.Severity.WARNING,
      "Protocol", "Invalid value");
  static final Expert VALUE_OFFSET_INVALID = new Expert("image-jfif.ifd_value_offset.invalid",
      Expert.Severity.WARNING, "Protocol", "Invalid value");

  public JfifDissector() {
    super("image-jfif", "JPEG File Interchange Format", "JFIF (JPEG) image");
  }

  /**
   * Whether the body is a JFIF image as tshark's dissector accepts one: at least 20 bytes, SOI
   * first, and "JFIF" or "Exif" (NUL-terminated) as the identifier of the first segment.
   */
  static boolean signature(byte[] b, int off, int len) {
    if (len < 20 || (b[off] & 0xff) != 0xff || (b[off + 1] & 0xff) != 0xd8 || b[off + 10] != 0) {
      return false;
    }
    int p = off + 6;
    return b[p] == 'J' && b[p + 1] == 'F' && b[p + 2] == 'I' && b[p + 3] == 'F'
        || b[p] == 'E' && b[p + 1] == 'x' && b[p + 2] == 'i' && b[p + 3] == 'f';
  }

  private static final String[] SOF_NAMES = {
      "Start of Frame (non-differential, Huffman coding) - Baseline DCT",
      "Start of Frame (non-differential, Huffman coding) - Extended sequential DCT",
      "Start of Frame (non-differential, Huffman coding) - Progressive DCT",
      "Start of Frame (non-differential, Huffman coding) - Lossless (sequential)",
      "Define Huffman table(s)",
      "Start of Frame (differential, Huffman coding) - Differential sequential DCT",
      "Start of Frame (differential, Huffman coding) - Differential progressive DCT",
      "Start of Frame (differential, Huffman coding) - Differential lossless (sequential)",
      "Start of Frame (non-differential, arithmetic coding) - Reserved for JPEG extensions",
      "Start of Frame (non-differential, arithmetic coding) - Extended sequential DCT",
      "Start of Frame (non-differential, arithmetic coding) - Progressive DCT",
      "Start of Frame (non-differential, arithmetic coding) - Lossless (sequential)",
      "Define arithmetic coding conditioning(s)",
      "Start of Frame (differential, arithmetic coding) - Differential sequential DCT",
      "Start of Frame (differential, arithmetic coding) - Differential progressive DCT",
      "Start of Frame (differential, arithmetic coding) - Differential lossless (sequential)"};
  private static final String[] D_NAMES = {null, null, null, null, null, null, null, null,
      "Start of Image", "End of Image", "Start of Scan", "Define quantization table(s)", "Define number of lines",
      "Define restart interval", "Define hierarchical progression", "Expand reference component(s)"};

  /** T.81 Table B.1 names of the markers; null for reserved ones. */
  static String markerName(long m) {
    int v = (int) m;
    if (v == 0xff01) {
      return "Reserved - For temporary private use in arithmetic coding";
    }
    if (v >= 0xffc0 && v <= 0xffcf) {
      return SOF_NAMES[v - 0xffc0];
    }
    if (v >= 0xffd0 && v <= 0xffd7) {
      return "Restart interval termination - Restart with modulo 8 count " + (v - 0xffd0);
    }
    if (v >= 0xffd8 && v <= 0xffdf) {
      return D_NAMES[v - 0xffd0];
    }
    if (v >= 0xffe0 && v <= 0xffef) {
      return "Reserved for application segments - " + (v - 0xffe0);
    }
    if (v >= 0xfff0 && v <= 0xfffd) {
      return "Reserved for JPEG extensions - " + (v - 0xfff0);
    }
    if (v == 0xfffe) {
      return "Comment";
    }
    return null;
  }

  private static boolean hasLength(int m) {
    return !(m == 0xff01 || m == 0xffd8 || m == 0xffd9 || (m >= 0xffd0 && m <= 0xffd7));
  }

  /** TIFF 6.0 / Exif baseline tag names of the 0th and 1st IFDs. */
  static String tiffTag(long tag) {
    switch ((int) tag) {
      case 0x0100: return "ImageWidth";
      case 0x0101: return "ImageLength";
      case 0x0102: return "BitsPerSample";
      case 0x0103: return "Compression";
      case 0x0106: return "PhotometricInterpretation";
      case 0x0112: return "Orientation";
      case 0x0115: return "SamplesPerPixel";
      case 0x011c: return "PlanarConfiguration";
      case 0x0212: return "YCbCrSubSampling";
      case 0x0213: return "YCbCrPositioning";
      case 0x011a: return "XResolution";
      case 0x011b: return "YResolution";
      case 0x0128: return "ResolutionUnit";
      case 0x0111: return "StripOffsets";
      case 0x0116: return "RowsPerStrip";
      case 0x0117: return "StripByteCounts";
      case 0x0201: return "JPEGInterchangeFormat";
      case 0x0202: return "JPEGInterchangeFormatLength";
      case 0x012d: return "TransferFunction";
      case 0x013e: return "WhitePoint";
      case 0x013f: return "PrimaryChromaticities";
      case 0x0211: return "YCbCrCoefficients";
      case 0x0214: return "ReferenceBlackWhite";
      case 0x0132: return "DateTime";
      case 0x010e: return "ImageDescription";
      case 0x010f: return "Make";
      case 0x0110: return "Model";
      case 0x0131: return "Software";
      case 0x013b: return "Artist";
      case 0x8298: return "Copyright";
      case 0x8769: return "Exif IFD Pointer";
      case 0x8825: return "GPS IFD Pointer";
      case 0xa005: return "Interoperability IFD Pointer";
      default: return null;
    }
  }

  /** Exif 2.3 tag names of the Exif IFD. */
  static String exifTag(long tag) {
    switch ((int) tag) {
      case 0x829a: return "ExposureTime";
      case 0x829d: return "FNumber";
      case 0x8822: return "ExposureProgram";
      case 0x8827: return "PhotographicSensitivity";
      case 0x9000: return "ExifVersion";
      case 0x9003: return "DateTimeOriginal";
      case 0x9004: return "DateTimeDigitized";
      case 0x9101: return "ComponentsConfiguration";
      case 0x9102: return "CompressedBitsPerPixel";
      case 0x9201: return "ShutterSpeedValue";
      case 0x9202: return "ApertureValue";
      case 0x9203: return "BrightnessValue";
      case 0x9204: return "ExposureBiasValue";
      case 0x9205: return "MaxApertureValue";
      case 0x9206: return "SubjectDistance";
      case 0x9207: return "MeteringMode";
      case 0x9208: return "LightSource";
      case 0x9209: return "Flash";
      case 0x920a: return "FocalLength";
      case 0x927c: return "MakerNote";
      case 0x9286: return "UserComment";
      case 0x9290: return "SubSecTime";
      case 0x9291: return "SubSecTimeOriginal";
      case 0x9292: return "SubSecTimeDigitized";
      case 0xa000: return "FlashpixVersion";
      case 0xa001: return "ColorSpace";
      case 0xa002: return "PixelXDimension";
      case 0xa003: return "PixelYDimension";
      case 0xa004: return "RelatedSoundFile";
      case 0xa005: return "Interoperability IFD Pointer";
      case 0xa217: return "SensingMethod";
      case 0xa300: return "FileSource";
      case 0xa301: return "SceneType";
      case 0xa401: return "CustomRendered";
      case 0xa402: return "ExposureMode";
      case 0xa403: return "WhiteBalance";
      case 0xa404: return "DigitalZoomRatio";
      case 0xa405: return "FocalLengthIn35mmFilm";
      case 0xa406: return "SceneCaptureType";
      case 0xa420: return "ImageUniqueID";
      default: return null;
    }
  }

  /** Ends the walk where tshark's dissector would hit a bounds exception; shared, without a stack trace. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Stop INSTANCE = new Stop();

    private Stop() {
      super(null, null, false, false);
    }
  }

  @Override
  public void fields(Tree t) {
    try {
      new Walker(t).walk();
    } catch (Stop s) {
      // A segment ran past its bytes: the fields before it stand, as in tshark.
    }
  }

  /** The walk over one image; offsets are relative to the body's start. */
  private static final class Walker {
    final Tree t;
    final int len;
    /** End of the current sub-range (a segment, cut to the body), past which reads stop the walk. */
    int limit;
    /** End of the current segment as its length says. */
    int segEnd;

    Walker(Tree t) {
      this.t = t;
      this.len = t.length();
      this.limit = len;
    }

    void need(int rel, int n) {
      if (rel < 0 || n < 0 || rel + n > limit) {
        throw Stop.INSTANCE;
      }
    }

    int u8(int rel) {
      need(rel, 1);
      return t.u8(rel);
    }

    int u16(int rel) {
      need(rel, 2);
      return t.u16(rel);
    }

    void num(Field f, int rel, int n, long v) {
      need(rel, n);
      t.number(f, rel, n, v);
    }

    void u8f(Field f, int rel) {
      num(f, rel, 1, f.extract(u8(rel)));
    }

    void u16f(Field f, int rel) {
      num(f, rel, 2, u16(rel));
    }

    void walk() {
      int entropy = 0;
      boolean firstExif = len >= 11 && t.u8(6) == 'E' && t.u8(7) == 'x' && t.u8(8) == 'i' && t.u8(9) == 'f';
      while (true) {
        int fill = entropy;
        while (true) {
          fill = find(fill);
          if (fill < 0 || len - fill == 1 || t.u8(fill + 1) != 0) {
            break;
          }
          fill += 2; // FF 00 is an escaped FF inside entropy-coded data
        }
        if (fill < 0) {
          fill = len;
        }
        if (fill != entropy) {
          need(entropy, fill - entropy);
          t.bytes(ENTROPY, entropy, fill - entropy);
        }
        if (fill == len) {
          return;
        }
        int at = fill;
        while (u8(at + 1) == 0xff) {
          at++;
        }
        if (at != fill) {
          t.bytes(FILL, fill, at - fill);
        }
        int marker = u16(at);
        String name = markerName(marker);
        if (name == null) {
          num(MARKER, at, 2, marker); // reserved: the walk ends here
          return;
        }
        if (!hasLength(marker)) {
          num(MARKER, at, 2, marker);
          entropy = at + 2;
          continue;
        }
        int segLen = u16(at + 2);
        // A segment may claim more than the body holds: tshark shows what is there and
        // stops after it.
        segEnd = at + 2 + segLen;
        limit = Math.min(segEnd, len);
        String title = name + " (0x" + String.format("%04X", marker) + ")";
        if (marker == 0xffe0) {
          app0(at, segLen, title);
        } else if (marker == 0xffe1) {
          app1(at, segLen, title, firstExif);
          firstExif = false;
        } else if (marker == 0xffe2) {
          app2(at, segLen, title);
        } else if (marker >= 0xffc0 && marker <= 0xffcf && marker != 0xffc4 && marker != 0xffcc) {
          sof(at, title);
        } else if (marker == 0xffda) {
          sos(at, title);
        } else if (marker == 0xfffe) {
          comment(at, segLen, title);
        } else {
          segment(MARKER_SEGMENT, at, "Marker segment: " + title);
          t.bytes(REMAIN, at + 4, limit - at - 4);
          t.exit();
        }
        limit = len;
        entropy = at + 2 + segLen;
        if (entropy > len) {
          throw Stop.INSTANCE;
        }
      }
    }

    /** The next 0xFF at or after {@code p}, or -1. */
    int find(int p) {
      byte[] b = t.data();
      int s = t.start();
      for (int i = p; i < len; i++) {
        if (b[s + i] == (byte) 0xff) {
          return i;
        }
      }
      return -1;
    }

    /** Opens a segment's item and subtree with its marker and length; the caller exits. */
    void segment(Field f, int at, String title) {
      t.object(f, at, limit - at, title);
      t.enter();
      u16f(MARKER, at);
      u16f(LENGTH, at + 2);
    }

    /** The NUL-terminated identifier at {@code p}; returns its size with the NUL. */
    int identifier(int p) {
      int z = p;
      while (u8(z) != 0) {
        z++;
      }
      int size = z + 1 - p;
      t.object(IDENTIFIER, p, size, HttpText.of(t.data(), t.start() + p, t.start() + z));
      return size;
    }

    String idText(int p, int size) {
      return HttpText.ascii(t.data(), t.start() + p, t.start() + p + size - 1);
    }

    void app0(int at, int segLen, String title) {
      segment(MARKER_SEGMENT, at, "Marker segment: " + title);
      int size = identifier(at + 4);
      String id = idText(at + 4, size);
      if (id.equals("JFIF")) {
        need(at + 9, 2);
        t.object(VERSION, at + 9, 2, "Version: " + t.u8(at + 9) + "." + t.u8(at + 10));
        t.enter();
        u8f(VERSION_MAJOR, at + 9);
        u8f(VERSION_MINOR, at + 10);
        t.exit();
        u8f(UNITS, at + 11);
        u16f(XDENSITY, at + 12);
        u16f(YDENSITY, at + 14);
        u8f(XTHUMBNAIL, at + 16);
        u8f(YTHUMBNAIL, at + 17);
        int x = t.u8(at + 16);
        int y = t.u8(at + 17);
        if (x != 0 || y != 0) {
          need(at + 18, 3 * x * y);
          t.bytes(RGB, at + 18, 3 * x * y);
        }
      } else if (id.equals("JFXX")) {
        u8f(EXTENSION_CODE, at + 9);
      } else {
        t.bytes(REMAIN, at + 4 + size, Math.max(0, limit - at - 4 - size));
      }
      t.exit();
    }

    void app1(int at, int segLen, String title, boolean firstExif) {
      segment(MARKER_SEGMENT, at, "Marker segment: " + title);
      int size = identifier(at + 4);
      String id = idText(at + 4, size);
      if (firstExif && !id.equals("JFIF")) {
        t.enter();
        t.expert(FIRST_NOT_JFIF, at + 4, size, null);
        t.exit();
      }
      if (id.equals("Exif")) {
        tiff(at + 4 + size + 1);
      } else {
        t.bytes(REMAIN, at + 4 + size, Math.max(0, limit - at - 4 - size));
      }
      t.exit();
    }

    void app2(int at, int segLen, String title) {
      segment(MARKER_SEGMENT, at, "Marker segment: " + title);
      int size = identifier(at + 4);
      boolean flashpix = idText(at + 4, size).equals("FPXR");
      if (!flashpix) {
        t.bytes(REMAIN, at + 4 + size, Math.max(0, limit - at - 4 - size));
      }
      t.exit();
      if (flashpix) {
        t.object(FLASHPIX, at, limit - at, null);
      }
    }

    void sof(int at, String title) {
      segment(SOF, at, "Start of Frame header: " + title);
      u8f(SOF_PRECISION, at + 4);
      u16f(SOF_LINES, at + 5);
      u16f(SOF_SAMPLES, at + 7);
      u8f(SOF_NF, at + 9);
      int p = at + 10;
      for (int n = t.u8(at + 9); n > 0; n--, p += 3) {
        u8f(SOF_C, p);
        u8f(SOF_H, p + 1);
        u8f(SOF_V, p + 1);
        u8f(SOF_TQ, p + 2);
      }
      t.exit();
    }

    void sos(int at, String title) {
      segment(SOS, at, "Start of Segment header: " + title);
      u8f(SOS_NS, at + 4);
      int p = at + 5;
      for (int n = t.u8(at + 4); n > 0; n--, p += 2) {
        u8f(SOS_CS, p);
        u8f(SOS_TD, p + 1);
        u8f(SOS_TA, p + 1);
      }
      u8f(SOS_SS, p);
      u8f(SOS_SE, p + 1);
      u8f(SOS_AH, p + 2);
      u8f(SOS_AL, p + 2);
      t.exit();
    }

    void comment(int at, int segLen, String title) {
      segment(COMMENT_HEADER, at, "Comment header: " + title);
      need(at + 4, segLen - 2);
      t.object(COMMENT, at + 4, segLen - 2, HttpText.of(t.data(), t.start() + at + 4, t.start() + at + 2 + segLen));
      t.exit();
    }

    // ---- Exif: TIFF header and image file directories ----

    /** Start of the TIFF header; offsets in it count from here, and it ends with the segment. */
    int tiff;
    boolean little;

    int tu16(int rel) {
      need(tiff + rel, 2);
      return little ? t.u16le(tiff + rel) : t.u16(tiff + rel);
    }

    long tu32(int rel) {
      need(tiff + rel, 4);
      return little ? t.u32le(tiff + rel) : t.u32(tiff + rel);
    }

    void tiff(int start) {
      tiff = start;
      int order = u16(start);
      num(ENDIANNESS, start, 2, order);
      if (order != 0x4949 && order != 0x4d4d) {
        return;
      }
      little = order == 0x4949;
      long first = tu32(4);
      num(START_IFD, tiff + 4, 4, first);
      if (first < 8) {
        t.enter();
        t.expert(START_IFD_INVALID, tiff + 4, 4, " (bogus, should be >= 8)");
        t.exit();
        return;
      }
      chain(first, IFD_TAG, "Image File Directory");
    }

    /** A value shown after its directory (it did not fit in the entry), or a directory chain an entry points to. */
    private final class Later {
      final Field f;
      final int off;
      final long count;
      final int size;
      final Field tag;
      final String desc;

      Later(Field f, int off, long count, int size, Field tag, String desc) {
        this.f = f;
        this.off = off;
        this.count = count;
        this.size = size;
        this.tag = tag;
        this.desc = desc;
      }
    }

    int tiffLength() {
      return segEnd - tiff;
    }

    void chain(long start, Field tagField, String desc) {
      long next = start;
      for (int index = 0; ; index++) {
        int off = (int) next;
        int n = tu16(off);
        int shown = (int) Math.max(0, Math.min(n * 12L + 6, tiffLength() - off));
        t.object(null, tiff + off, shown, desc + " #" + index);
        t.enter();
        num(IFD_FIELDS, tiff + off, 2, n);
        off += 2;
        List<Later> later = new ArrayList<>();
        for (int k = 0; k < n; k++) {
          int tag = tu16(off);
          num(tagField, tiff + off, 2, tag);
          int type = tu16(off + 2);
          num(IFD_TYPE, tiff + off + 2, 2, type);
          long count = tu32(off + 4);
          num(IFD_COUNT, tiff + off + 4, 4, count);
          Field vf;
          int size;
          switch (type) {
            case 1: vf = VALUE_BYTE; size = 1; break;
            case 2: vf = VALUE_ASCII; size = 1; break;
            case 3: vf = VALUE_SHORT; size = 2; break;
            case 4: vf = VALUE_LONG; size = 4; break;
            case 5: vf = VALUE_RATIONAL; size = 8; break;
            case 7: vf = VALUE_UNDEFINED; size = 1; break;
            case 9: vf = VALUE_SLONG; size = 4; break;
            case 10: vf = VALUE_SRATIONAL; size = 8; break;
            default: vf = null; size = 0;
          }
          off += 8;
          if (size == 0 || 4 / size < count) {
            long at = tu32(off);
            num(IFD_OFFSET, tiff + off, 4, at);
            if (at < tiffLength()) {
              if (vf != null) {
                later.add(new Later(vf, (int) at, count, size, null, null));
              }
            } else {
              t.enter();
              t.expert(VALUE_OFFSET_INVALID, tiff + off, 4, "bogus, should be < " + tiffLength());
              t.exit();
            }
          } else {
            values(vf, off, count, size);
            if (vf == VALUE_LONG && count == 1 && tagField == IFD_TAG) {
              Field sub = tag == 0x8769 ? IFD_TAG_EXIF : tag == 0x8825 ? IFD_TAG_GPS : tag == 0xa005 ? IFD_TAG_INTEROP : null;
              if (sub != null) {
                long ext = tu32(off);
                if (ext < tiffLength()) {
                  String d = sub == IFD_TAG_EXIF ? "Exif IFD" : sub == IFD_TAG_GPS ? "GPS IFD" : "Interoperability IFD";
                  later.add(new Later(null, (int) ext, 0, 0, sub, d));
                } else {
                  t.enter();
                  t.expert(START_IFD_INVALID, tiff + off, 4, "bogus, should be < " + tiffLength());
                  t.exit();
                }
              }
            }
          }
          off += 4;
        }
        next = tu32(off);
        num(NEXT_IFD, tiff + off, 4, next);
        off += 4;
        t.exit();
        for (Later l : later) {
          if (l.f != null) {
            values(l.f, l.off, l.count, l.size);
          } else {
            chain(l.off, l.tag, l.desc);
          }
        }
        if (next == 0) {
          return;
        }
        if (next < off) {
          t.expert(NEXT_IFD_INVALID, tiff + off - 4, 4, " (bogus, should be >= " + off + ")");
          return;
        }
      }
    }

    /** {@code count} values of one type at TIFF offset {@code off}. */
    void values(Field f, int off, long count, int size) {
      if (f == VALUE_ASCII || f == VALUE_UNDEFINED) {
        if (count > tiffLength()) {
          throw Stop.INSTANCE;
        }
        need(tiff + off, (int) count);
        if (f == VALUE_ASCII) {
          t.object(f, tiff + off, (int) count, HttpText.of(t.data(), t.start() + tiff + off,
              t.start() + tiff + off + (int) count));
        } else {
          t.bytes(f, tiff + off, (int) count);
        }
        return;
      }
      for (long i = 0; i < count; i++, off += size) {
        int at = tiff + off;
        if (f == VALUE_RATIONAL || f == VALUE_SRATIONAL) {
          long num = tu32(off);
          long den = tu32(off + 4);
          boolean signed = f == VALUE_SRATIONAL;
          String text = signed ? (int) num + "/" + (int) den : num + "/" + den;
          t.object(f, at, 8, "Value: " + text);
          t.enter();
          num(signed ? SRATIONAL_NUM : RATIONAL_NUM, at, 4, signed ? (int) num : num);
          num(signed ? SRATIONAL_DEN : RATIONAL_DEN, at + 4, 4, signed ? (int) den : den);
          t.exit();
        } else if (size == 1) {
          num(f, at, 1, u8(at));
        } else if (size == 2) {
          num(f, at, 2, tu16(off));
        } else {
          long v = tu32(off);
          num(f, at, 4, f == VALUE_SLONG ? (int) v : v);
        }
      }
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    infoSuffix(c, "JPEG JFIF image");
  }
}

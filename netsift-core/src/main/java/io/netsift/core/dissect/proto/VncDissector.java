package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The Remote Framebuffer protocol of VNC, <a href="https://www.rfc-editor.org/rfc/rfc6143">RFC
 * 6143</a>, on TCP ports 5500, 5501, 5900 and 5901 (tshark 4.0's table). A session starts with
 * one message per segment, in a fixed order that the selected security type steers:
 *
 * <pre>
 * server version "RFB 003.008\n" | client version | security types | (selected type)
 * | challenge (16) | response (16) | security result (4) | ClientInit (1) | ServerInit (24 + name)
 * </pre>
 *
 * after which the client sends one message per segment (SetPixelFormat, SetEncodings,
 * FramebufferUpdateRequest, KeyEvent, PointerEvent, ClientCutText) and the server sends
 * messages that may span segments:
 *
 * <pre>
 * FramebufferUpdate: type 0 | pad | rectangles (2) | { x y w h (2 each) | encoding (4) | data }*
 * </pre>
 *
 * As tshark 4.0 does, a server message is a TCP PDU whose end is found by walking it: while a
 * rectangle's data is not all there the protocol asks TCP for one more segment and notes
 * "See further on..." ({@code vnc.reassemble}) on every segment of the message but the last.
 * The pixel size comes from the last ServerInit or SetPixelFormat of the capture (tshark keeps it
 * in one global), and the walk keeps tshark's quirks: Zlib and unknown encodings carry no data,
 * ZRLE's first decompressed byte decides whether raw pixels or a palette are waited for, a server
 * cut text always asks for more.
 */
public final class VncDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  static final int[] PORTS = {5500, 5501, 5900, 5901};

  // Session states (tshark's order of the handshake).
  private static final int SERVER_VERSION = 0;
  private static final int CLIENT_VERSION = 1;
  private static final int SECURITY = 2;
  private static final int SECURITY_TYPES = 3;
  private static final int TIGHT_TUNNELING = 4;
  private static final int TIGHT_TUNNEL_REPLY = 5;
  private static final int TIGHT_AUTH_CAPS = 6;
  private static final int TIGHT_AUTH_REPLY = 7;
  private static final int TIGHT_UNKNOWN3 = 8;
  private static final int CHALLENGE = 9;
  private static final int RESPONSE = 10;
  private static final int ARD_CHALLENGE = 11;
  private static final int ARD_RESPONSE = 12;
  private static final int SECURITY_RESULT = 13;
  private static final int VENCRYPT_SERVER_VERSION = 14;
  private static final int VENCRYPT_CLIENT_VERSION = 15;
  private static final int VENCRYPT_AUTH_CAPS = 16;
  private static final int VENCRYPT_AUTH_REPLY = 17;
  private static final int VENCRYPT_AUTH_ACK = 18;
  private static final int CLIENT_INIT = 19;
  private static final int SERVER_INIT = 20;
  private static final int TIGHT_INTERACTION_CAPS = 21;
  private static final int NORMAL = 22;

  private static final int SEC_INVALID = 0;
  private static final int SEC_NONE = 1;
  private static final int SEC_VNC = 2;
  private static final int SEC_TIGHT = 16;
  private static final int SEC_VENCRYPT = 19;
  private static final int SEC_ARD = 30;

  // Encodings whose data the walk knows.
  private static final int ENC_RAW = 0;
  private static final int ENC_COPY_RECT = 1;
  private static final int ENC_RRE = 2;
  private static final int ENC_HEXTILE = 5;
  private static final int ENC_TIGHT = 7;
  private static final int ENC_ZRLE = 16;
  private static final int ENC_DESKTOP_SIZE = -223;
  private static final int ENC_LAST_RECT = -224;
  private static final int ENC_POINTER_POS = -232;
  private static final int ENC_RICH_CURSOR = -239;
  private static final int ENC_X_CURSOR = -240;
  private static final int ENC_EXTENDED_DESK_SIZE = -308;
  private static final int ENC_KEYBOARD_LED_STATE = 0xFFFE0000;
  private static final int ENC_SUPPORTED_MESSAGES = 0xFFFE0001;
  private static final int ENC_SUPPORTED_ENCODINGS = 0xFFFE0002;
  private static final int ENC_SERVER_IDENTITY = 0xFFFE0003;
  private static final int ENC_CONTEXT_INFORMATION = 0xFFFFFDF4;
  private static final int ENC_SLRLE = 0xFFFFFDF3;
  private static final int ENC_H264 = 0x48323634;

  private static final Map<Long, String> SECURITY_TYPES_VS = ValueNames.parse("0=Invalid|1=None|2=VNC|5=RA2"
      + "|6=RA2ne|16=Tight|17=Ultra|18=TLS|19=VeNCrypt|20=GTK-VNC SASL|30=Apple Remote Desktop");
  private static final Map<Long, String> CLIENT_TYPES = ValueNames.parse("0=Set Pixel Format|2=Set Encodings"
      + "|3=Framebuffer Update Request|4=Key Event|5=Pointer Event|6=Cut Text|128=MirrorLink"
      + "|150=Enable Continuous Updates|248=Fence|250=Xvp|251=Setr Desktop Size|252=Tight|253=Gii|255=Qemu");
  private static final Map<Long, String> SERVER_TYPES = ValueNames.parse("0=Framebuffer Update"
      + "|1=Set Colormap Entries|2=Ring Bell|3=Cut Text|128=MirrorLink|150=End Continuous Updates|248=Fence"
      + "|250=Xvp|252=Tight|253=Gii|255=Qemu");
  private static final Map<Long, String> ENCODINGS = new HashMap<>();

  static {
    String[] names = {"-223=DesktopSize (pseudo)", "-224=LastRect (pseudo)", "-232=Pointer pos (pseudo)",
        "-239=Rich Cursor (pseudo)", "-240=X Cursor (pseudo)", "0=Raw", "1=CopyRect", "2=RRE", "4=CoRRE",
        "5=Hextile", "6=Zlib", "7=Tight", "8=ZlibHex", "16=ZRLE", "-308=Extended Desktop Size"};
    for (String n : names) {
      int eq = n.lastIndexOf('=');
      ENCODINGS.put(Long.parseLong(n.substring(0, eq)), n.substring(eq + 1));
    }
  }

  public static final Field PADDING = Field.none("vnc.padding", "Padding").blurb("Unused space");
  public static final Field SERVER_PROTO_VER = Field.string("vnc.server_proto_ver", "Server protocol version")
      .blurb("VNC protocol version on server");
  public static final Field CLIENT_PROTO_VER = Field.string("vnc.client_proto_ver", "Client protocol version")
      .blurb("VNC protocol version on client");
  public static final Field NUM_SECURITY_TYPES = Field.u8("vnc.num_security_types", "Number of security types")
      .blurb("Number of security (authentication) types supported by the server");
  public static final Field SECURITY_TYPE = Field.u8("vnc.security_type", "Security type").labels(SECURITY_TYPES_VS)
      .blurb("Security types offered by the server (VNC versions => 3.007");
  public static final Field SERVER_SECURITY_TYPE = Field.u32("vnc.server_security_type", "Security type")
      .labels(SECURITY_TYPES_VS).blurb("Security type mandated by the server");
  public static final Field CLIENT_SECURITY_TYPE = Field.u8("vnc.client_security_type", "Security type selected")
      .labels(SECURITY_TYPES_VS).blurb("Security type selected by the client");
  public static final Field AUTH_CHALLENGE = Field.bytes("vnc.auth_challenge", "Authentication challenge")
      .blurb("Random authentication challenge from server to client");
  public static final Field AUTH_RESPONSE = Field.bytes("vnc.auth_response", "Authentication response")
      .blurb("Client's encrypted response to the server's authentication challenge");
  public static final Field AUTH_RESULT = Field.bool("vnc.auth_result", "Authentication result").mask(0x1, 32)
      .states("Failed", "OK");
  public static final Field AUTH_ERROR_LEN = Field.u32("vnc.auth_error_len", "Length of authentication error")
      .blurb("Authentication error length (present only if the authentication result is fail");
  public static final Field AUTH_ERROR = Field.string("vnc.auth_error", "Authentication error")
      .blurb("Authentication error (present only if the authentication result is fail");
  public static final Field SHARE_DESKTOP_FLAG = Field.bool("vnc.share_desktop_flag", "Share desktop flag")
      .blurb("Client's desire to share the server's desktop with other clients");
  public static final Field WIDTH = Field.u16("vnc.width", "Framebuffer width")
      .blurb("Width of the framebuffer (screen) in pixels");
  public static final Field HEIGHT = Field.u16("vnc.height", "Framebuffer height")
      .blurb("Height of the framebuffer (screen) in pixels");
  public static final Field SERVER_BITS_PER_PIXEL = Field.u8("vnc.server_bits_per_pixel", "Bits per pixel");
  public static final Field SERVER_DEPTH = Field.u8("vnc.server_depth", "Depth");
  public static final Field SERVER_BIG_ENDIAN_FLAG = Field.bool("vnc.server_big_endian_flag", "Big endian flag");
  public static final Field SERVER_TRUE_COLOR_FLAG = Field.bool("vnc.server_true_color_flag", "True color flag");
  public static final Field SERVER_RED_MAX = Field.u16("vnc.server_red_max", "Red maximum");
  public static final Field SERVER_GREEN_MAX = Field.u16("vnc.server_green_max", "Green maximum");
  public static final Field SERVER_BLUE_MAX = Field.u16("vnc.server_blue_max", "Blue maximum");
  public static final Field SERVER_RED_SHIFT = Field.u8("vnc.server_red_shift", "Red shift");
  public static final Field SERVER_GREEN_SHIFT = Field.u8("vnc.server_green_shift", "Green shift");
  public static final Field SERVER_BLUE_SHIFT = Field.u8("vnc.server_blue_shift", "Blue shift");
  public static final Field CLIENT_BITS_PER_PIXEL = Field.u8("vnc.client_bits_per_pixel", "Bits per pixel");
  public static final Field CLIENT_DEPTH = Field.u8("vnc.client_depth", "Depth");
  public static final Field CLIENT_BIG_ENDIAN_FLAG = Field.bool("vnc.client_big_endian_flag", "Big endian flag");
  public static final Field CLIENT_TRUE_COLOR_FLAG = Field.bool("vnc.client_true_color_flag", "True color flag");
  public static final Field CLIENT_RED_MAX = Field.u16("vnc.client_red_max", "Red maximum");
  public static final Field CLIENT_GREEN_MAX = Field.u16("vnc.client_green_max", "Green maximum");
  public static final Field CLIENT_BLUE_MAX = Field.u16("vnc.client_blue_max", "Blue maximum");
  public static final Field CLIENT_RED_SHIFT = Field.u8("vnc.client_red_shift", "Red shift");
  public static final Field CLIENT_GREEN_SHIFT = Field.u8("vnc.client_green_shift", "Green shift");
  public static final Field CLIENT_BLUE_SHIFT = Field.u8("vnc.client_blue_shift", "Blue shift");
  /** The pixel format's ten fields as the server (ServerInit) and the client (SetPixelFormat) name them. */
  private static final Field[] SERVER_PF = {SERVER_BITS_PER_PIXEL, SERVER_DEPTH, SERVER_BIG_ENDIAN_FLAG, SERVER_TRUE_COLOR_FLAG, SERVER_RED_MAX, SERVER_GREEN_MAX, SERVER_BLUE_MAX, SERVER_RED_SHIFT, SERVER_GREEN_SHIFT, SERVER_BLUE_SHIFT};
  private static final Field[] CLIENT_PF = {CLIENT_BITS_PER_PIXEL, CLIENT_DEPTH, CLIENT_BIG_ENDIAN_FLAG, CLIENT_TRUE_COLOR_FLAG, CLIENT_RED_MAX, CLIENT_GREEN_MAX, CLIENT_BLUE_MAX, CLIENT_RED_SHIFT, CLIENT_GREEN_SHIFT, CLIENT_BLUE_SHIFT};
  public static final Field DESKTOP_NAME_LEN = Field.u32("vnc.desktop_name_len", "Desktop name length")
      .blurb("Length of desktop name in bytes");
  public static final Field DESKTOP_NAME = Field.string("vnc.desktop_name", "Desktop name")
      .blurb("Name of the VNC desktop on the server");
  public static final Field CLIENT_MESSAGE_TYPE = Field.u8("vnc.client_message_type", "Client Message Type")
      .labels(CLIENT_TYPES).blurb("Message type from client");
  public static final Field SERVER_MESSAGE_TYPE = Field.u8("vnc.server_message_type", "Server Message Type")
      .labels(SERVER_TYPES).blurb("Message type from server");
  public static final Field ENCODING_NUM = Field.u16("vnc.client_set_encodings_num", "Number of encodings")
      .blurb("Number of encodings used to send pixel data from server to client");
  public static final Field SET_ENCODING = Field.of("vnc.client_set_encodings_encoding_type", "Encoding type",
      FieldType.INT32).labels(ENCODINGS).blurb("Type of encoding used to send pixel data from server to client");
  public static final Field UPDATE_INCREMENTAL = Field.bool("vnc.update_req_incremental", "Incremental update")
      .blurb("Specifies if the client wants an incremental update instead of a full one");
  public static final Field UPDATE_X = Field.u16("vnc.update_req_x_pos", "X position")
      .blurb("X position of framebuffer (screen) update requested");
  public static final Field UPDATE_Y = Field.u16("vnc.update_req_y_pos", "Y position")
      .blurb("Y position of framebuffer (screen) update request");
  public static final Field UPDATE_WIDTH = Field.u16("vnc.update_req_width", "Width")
      .blurb("Width of framebuffer (screen) update request");
  public static final Field UPDATE_HEIGHT = Field.u16("vnc.update_req_height", "Height")
      .blurb("Height of framebuffer (screen) update request");
  public static final Field KEY_DOWN = Field.bool("vnc.key_down", "Key down")
      .blurb("Specifies whether the key is being pressed or not");
  public static final Field KEY = Field.u32("vnc.key", "Key").hex().blurb("Key being pressed/depressed");
  public static final Field BUTTON_1 = Field.bool("vnc.button_1_pos", "Mouse button #1 position")
      .mask(0x1, 8).states("Pressed", "Not pressed");
  public static final Field BUTTON_2 = Field.bool("vnc.button_2_pos", "Mouse button #2 position")
      .mask(0x2, 8).states("Pressed", "Not pressed");
  public static final Field BUTTON_3 = Field.bool("vnc.button_3_pos", "Mouse button #3 position")
      .mask(0x4, 8).states("Pressed", "Not pressed");
  public static final Field BUTTON_4 = Field.bool("vnc.button_4_pos", "Mouse button #4 position")
      .mask(0x8, 8).states("Pressed", "Not pressed");
  public static final Field BUTTON_5 = Field.bool("vnc.button_5_pos", "Mouse button #5 position")
      .mask(0x10, 8).states("Pressed", "Not pressed");
  public static final Field BUTTON_6 = Field.bool("vnc.button_6_pos", "Mouse button #6 position")
      .mask(0x20, 8).states("Pressed", "Not pressed");
  public static final Field BUTTON_7 = Field.bool("vnc.button_7_pos", "Mouse button #7 position")
      .mask(0x40, 8).states("Pressed", "Not pressed");
  public static final Field BUTTON_8 = Field.bool("vnc.button_8_pos", "Mouse button #8 position")
      .mask(0x80, 8).states("Pressed", "Not pressed");
  private static final Field[] BUTTONS = {BUTTON_1, BUTTON_2, BUTTON_3, BUTTON_4, BUTTON_5, BUTTON_6, BUTTON_7, BUTTON_8};

  public static final Field POINTER_X = Field.u16("vnc.pointer_x_pos", "X position")
      .blurb("Position of mouse cursor on the x-axis");
  public static final Field POINTER_Y = Field.u16("vnc.pointer_y_pos", "Y position")
      .blurb("Position of mouse cursor on the y-axis");
  public static final Field CLIENT_CUT_TEXT_LEN = Field.u32("vnc.client_cut_text_len", "Length")
      .blurb("Length of client's copy/cut text (clipboard) string in bytes");
  public static final Field CLIENT_CUT_TEXT = Field.string("vnc.client_cut_text", "Text")
      .blurb("Text string in the client's copy/cut text (clipboard)");
  public static final Field NUM_RECTS = Field.u16("vnc.fb_update_num_rects", "Number of rectangles")
      .blurb("Number of rectangles of this server framebuffer update");
  public static final Field RECT_X = Field.u16("vnc.fb_update_x_pos", "X position")
      .blurb("X position of this server framebuffer update");
  public static final Field RECT_Y = Field.u16("vnc.fb_update_y_pos", "Y position")
      .blurb("Y position of this server framebuffer update");
  public static final Field RECT_WIDTH = Field.u16("vnc.fb_update_width", "Width")
      .blurb("Width of this server framebuffer update");
  public static final Field RECT_HEIGHT = Field.u16("vnc.fb_update_height", "Height")
      .blurb("Height of this server framebuffer update");
  public static final Field RECT_ENCODING = Field.of("vnc.fb_update_encoding_type", "Encoding type",
      FieldType.INT32).labels(ENCODINGS).blurb("Encoding type of this server framebuffer update");
  public static final Field RAW_PIXEL_DATA = Field.bytes("vnc.raw_pixel_data", "Pixel data")
      .blurb("Raw pixel data.");
  public static final Field COPYRECT_X = Field.u16("vnc.copyrect_src_x_pos", "Source x position")
      .blurb("X position of the rectangle to copy from");
  public static final Field COPYRECT_Y = Field.u16("vnc.copyrect_src_y_pos", "Source y position")
      .blurb("Y position of the rectangle to copy from");
  public static final Field CURSOR_PIXELS = Field.bytes("vnc.cursor_encoding_pixels", "Cursor encoding pixels")
      .blurb("Cursor encoding pixel data");
  public static final Field CURSOR_BITMASK = Field.bytes("vnc.cursor_encoding_bitmask", "Cursor encoding bitmask")
      .blurb("Cursor encoding pixel bitmask");
  public static final Field CURSOR_X_FORE_BACK = Field.bytes("vnc.cursor_x_fore_back",
      "X Cursor foreground RGB / background RGB").blurb("RGB values for the X cursor's foreground and background");
  public static final Field ZRLE_LEN = Field.u32("vnc.zrle_len", "ZRLE compressed length")
      .blurb("Length of compressed ZRLE data that follows");
  public static final Field ZRLE_DATA = Field.bytes("vnc.zrle_data", "ZRLE compressed data")
      .blurb("Compressed ZRLE data.  Compiling with zlib support will uncompress and dissect this data");
  public static final Field HEXTILE_SUBENCODING = Field.u8("vnc.hextile_subencoding", "Subencoding type")
      .blurb("Hextile subencoding type.");
  public static final Field RRE_NUM_SUBRECTS = Field.u32("vnc.rre_num_subrects", "Number of subrectangles")
      .blurb("Number of subrectangles contained in this encoding type");
  public static final Field SERVER_CUT_TEXT_LEN = Field.u32("vnc.server_cut_text_len", "Length")
      .blurb("Length of server's copy/cut text (clipboard) string in bytes");
  public static final Field SERVER_CUT_TEXT = Field.string("vnc.server_cut_text", "Text")
      .blurb("Text string in the server's copy/cut text (clipboard)");
  public static final Field COLORMAP_FIRST = Field.u16("vnc.colormap_first_color", "First color")
      .blurb("First color that should be mapped to given RGB intensities");
  public static final Field COLORMAP_GROUPS = Field.u16("vnc.colormap_groups", "Number of color groups")
      .blurb("Number of red/green/blue color groups");

  /** tshark's note on a segment whose server message continues in a later one. */
  public static final Expert REASSEMBLE = new Expert("vnc.reassemble", Expert.Severity.CHAT, "Reassemble",
      "See further on for dissection of the complete (reassembled) PDU");
  public static final Expert TOO_MANY_RECTANGLES = new Expert("vnc.too_many_rectangles", Expert.Severity.ERROR,
      "Malformed", "Too many rectangles, aborting dissection");

  /** What tshark keeps per conversation. */
  static final class Conv {
    int next = SERVER_VERSION;
    double clientVersion;
    int security = SEC_INVALID;
    int serverPort;
    boolean tight;
    int ardKeyLength;
  }

  /** Per capture: the conversations by TCP stream, and tshark's global pixel size and depth. */
  static final class State implements Dissection.StreamState {
    final Map<Long, Conv> convs = new HashMap<>();
    int bytesPerPixel;
    int depth;

    @Override
    public void forgetStreams(long[] streams, int n) {
      Dissection.StreamState.removeAll(convs, streams, n);
    }
  }

  /** What a layer holds, decided in the first pass. */
  private static final class Layout {
    /** A session state (startup message), {@link #CLIENT} or {@link #SERVER}, or {@link #PARTIAL}. */
    final int kind;
    final int bytesPerPixel;
    final int depth;
    /** For startup messages: whether the client's version is at least 3.007 / 3.008. */
    final boolean v37;
    final boolean v38;
    final int ardKeyLength;
    /** For a startup message tshark does not recognise (waiting for a version): no fields. */
    final boolean ignored;

    Layout(int kind, int bytesPerPixel, int depth, boolean v37, boolean v38, int ardKeyLength, boolean ignored) {
      this.kind = kind;
      this.bytesPerPixel = bytesPerPixel;
      this.depth = depth;
      this.v37 = v37;
      this.v38 = v38;
      this.ardKeyLength = ardKeyLength;
      this.ignored = ignored;
    }
  }

  private static final int CLIENT = 100;
  private static final int SERVER = 101;
  private static final int PARTIAL = 102;

  public VncDissector() {
    super("vnc", "Virtual Network Computing", "VNC");
  }

  @Override
  public void register(Protocols p) {
    for (int port : PORTS) {
      p.map(Protocols.Table.TCP_PORT, port, this);
    }
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public boolean layerForPartial() {
    return true;
  }

  @Override
  public boolean splitPdus() {
    return false;
  }

  private Conv conv(Dissection d, int transport) {
    State st = d.state(this, State::new);
    long key = transport >= 0 && Transport.isTcp(d, transport) ? Transport.stream(d, transport) : -1;
    return st.convs.computeIfAbsent(key, k -> new Conv());
  }

  private static boolean toServer(Dissection d, int transport, Conv c) {
    int dport = Transport.dstPort(d, transport);
    for (int p : PORTS) {
      if (p == dport) {
        return true;
      }
    }
    return c.serverPort == dport;
  }

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    Conv c = conv(d, tcpLayer);
    if (c.next != NORMAL || c.security == SEC_VENCRYPT || toServer(d, tcpLayer, c)) {
      return avail; // one message per segment
    }
    // tshark walks the messages of what TCP hands it in one call, and asks for one more segment
    // at the first that is not all there: the complete ones before it are one PDU.
    State st = d.state(this, State::new);
    Walker w = new Walker(b, off, avail, null);
    int at = 0;
    while (at < avail) {
      int end = w.server(at, st.bytesPerPixel, st.depth);
      if (end == MORE) {
        return at == 0 ? MORE : at;
      }
      at = Math.max(at + 1, end);
    }
    return Math.min(at, avail);
  }

  @Override
  public String partialInfo(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    return Bytes.u8(b, off) == 0 ? "Server framebuffer update" : Bytes.u8(b, off) == 1
        ? "Server set colormap entries" : Bytes.u8(b, off) == 3 ? "Server cut text" : "";
  }

  // ---------------------------------------------------------------- first pass

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int e = d.end(layer);
    d.payload(e, e);
    int transport = Transport.find(d, layer);
    State st = d.state(this, State::new);
    if (e == s) {
      d.attach(layer, new Layout(PARTIAL, 0, 0, false, false, 0, false));
      return null;
    }
    Conv c = conv(d, transport);
    byte[] b = d.data();
    int n = e - s;
    if (c.next != NORMAL) {
      int state = c.next;
      boolean ignored = false;
      boolean v37 = c.clientVersion >= 3.007;
      boolean v38 = c.clientVersion >= 3.008;
      switch (state) {
        case SERVER_VERSION:
        case CLIENT_VERSION:
          if (!isVersion(b, s, n)) {
            ignored = true;
            break;
          }
          if (state == SERVER_VERSION) {
            c.serverPort = transport >= 0 ? Transport.srcPort(d, transport) : 0;
            c.next = CLIENT_VERSION;
          } else {
            c.clientVersion = version(b, s + 4);
            c.next = SECURITY;
          }
          break;
        case SECURITY:
          if (v37) {
            c.next = SECURITY_TYPES;
          } else {
            c.security = (int) (u32(b, s, n, 0) & 0xff);
            c.next = c.security == SEC_INVALID ? SECURITY_TYPES : c.security == SEC_NONE ? CLIENT_INIT
                : c.security == SEC_VNC ? CHALLENGE : c.security == SEC_ARD ? ARD_CHALLENGE : c.next;
          }
          break;
        case SECURITY_TYPES:
          c.security = u8(b, s, n, 0);
          switch (c.security) {
            case SEC_NONE:
              c.next = v38 ? SECURITY_RESULT : CLIENT_INIT;
              break;
            case SEC_VNC:
              c.next = CHALLENGE;
              break;
            case SEC_TIGHT:
              c.next = TIGHT_TUNNELING;
              c.tight = true;
              break;
            case SEC_ARD:
              c.next = ARD_CHALLENGE;
              break;
            case SEC_VENCRYPT:
              c.next = VENCRYPT_SERVER_VERSION;
              break;
            default:
              break;
          }
          break;
        case TIGHT_TUNNELING:
          c.next = u32(b, s, n, 0) == 0 ? TIGHT_AUTH_CAPS : TIGHT_TUNNEL_REPLY;
          break;
        case TIGHT_AUTH_CAPS:
          c.next = u32(b, s, n, 0) == 0 ? CLIENT_INIT : TIGHT_AUTH_REPLY;
          break;
        case TIGHT_AUTH_REPLY:
          authSelected(c, u32(b, s, n, 0), TIGHT_UNKNOWN3);
          break;
        case TIGHT_UNKNOWN3:
          c.next = CHALLENGE;
          break;
        case CHALLENGE:
          c.next = RESPONSE;
          break;
        case RESPONSE:
          c.next = SECURITY_RESULT;
          break;
        case ARD_CHALLENGE:
          c.ardKeyLength = n >= 4 ? Bytes.u16(b, s + 2) : 0;
          c.next = ARD_RESPONSE;
          break;
        case ARD_RESPONSE:
          c.next = SECURITY_RESULT;
          break;
        case SECURITY_RESULT:
          if (u32(b, s, n, 0) == 0) {
            c.next = CLIENT_INIT;
          }
          break;
        case VENCRYPT_SERVER_VERSION:
          c.next = VENCRYPT_CLIENT_VERSION;
          break;
        case VENCRYPT_CLIENT_VERSION:
          c.next = VENCRYPT_AUTH_CAPS;
          break;
        case VENCRYPT_AUTH_CAPS:
          c.next = VENCRYPT_AUTH_REPLY;
          break;
        case VENCRYPT_AUTH_REPLY:
          authSelected(c, u32(b, s, n, 0), VENCRYPT_AUTH_ACK);
          break;
        case VENCRYPT_AUTH_ACK:
          c.next = NORMAL;
          break;
        case CLIENT_INIT:
          c.next = SERVER_INIT;
          break;
        case SERVER_INIT:
          st.bytesPerPixel = u8(b, s, n, 4) / 8;
          c.next = c.tight ? TIGHT_INTERACTION_CAPS : NORMAL;
          break;
        case TIGHT_INTERACTION_CAPS:
          c.next = NORMAL;
          break;
        default:
          break;
      }
      d.attach(layer, new Layout(state, st.bytesPerPixel, st.depth, v37, v38, c.ardKeyLength, ignored));
      return null;
    }
    if (c.security == SEC_VENCRYPT) {
      d.attach(layer, new Layout(SERVER, 0, 0, false, false, 0, true));
      return null;
    }
    if (transport >= 0 && toServer(d, transport, c)) {
      if (u8(b, s, n, 0) == 0) {
        st.bytesPerPixel = u8(b, s, n, 4) / 8;
        st.depth = u8(b, s, n, 5);
      }
      d.attach(layer, new Layout(CLIENT, st.bytesPerPixel, st.depth, false, false, 0, false));
      return null;
    }
    d.attach(layer, new Layout(SERVER, st.bytesPerPixel, st.depth, false, false, 0, false));
    return null;
  }

  /** A TightVNC or VeNCrypt authentication choice: None and VNC continue as such, others go to {@code other}. */
  private static void authSelected(Conv c, long type, int other) {
    if (type == SEC_NONE || type == SEC_VNC) {
      c.security = (int) type;
      c.next = type == SEC_NONE ? CLIENT_INIT : CHALLENGE;
    } else {
      c.next = other;
    }
  }

  private static int u8(byte[] b, int s, int n, int at) {
    return at < n ? b[s + at] & 0xff : 0;
  }

  private static long u32(byte[] b, int s, int n, int at) {
    return at + 4 <= n ? Bytes.u32(b, s + at) : 0;
  }

  /** tshark's check for "RFB xxx.yyy\n" (or a NUL in place of the newline, gtk-vnc's bug). */
  private static boolean isVersion(byte[] b, int s, int n) {
    if (n != 12) {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      if (Character.toUpperCase((char) (b[s + i] & 0xff)) != "RFB ".charAt(i)) {
        return false;
      }
    }
    return b[s + 7] == '.' && (b[s + 11] == '\n' || b[s + 11] == 0);
  }

  /** The version "xxx.yyy" at {@code at} as a number, as g_ascii_strtod reads it (0 when not one). */
  private static double version(byte[] b, int at) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      char ch = (char) (b[at + i] & 0xff);
      if ((ch >= '0' && ch <= '9') || (ch == '.' && sb.indexOf(".") < 0)) {
        sb.append(ch);
      } else {
        break;
      }
    }
    try {
      return sb.length() == 0 || sb.toString().equals(".") ? 0 : Double.parseDouble(sb.toString());
    } catch (NumberFormatException ex) {
      return 0;
    }
  }

  // ---------------------------------------------------------------- the server message walk

  /**
   * One walk over a run of {@code avail} bytes at {@code b[base]} as tshark 4.0 walks server
   * messages, emitting fields to {@code t} when not null: {@link #server} returns where the
   * message ends (possibly past {@code avail} when tshark's reads would run out) or
   * {@link #MORE} when tshark asks TCP for more bytes; {@code needs(a, at)} is its
   * VNC_BYTES_NEEDED.
   */
  private static final class Walker {
    final byte[] b;
    final int base;
    final int avail;
    final Tree t;

    Walker(byte[] b, int base, int avail, Tree t) {
      this.b = b;
      this.base = base;
      this.avail = avail;
      this.t = t;
    }

    boolean needs(long a, int at) {
      long rem = Math.max(0, avail - at);
      return (a & 0xffffffffL) > rem;
    }

    int u8(int at) {
      return at >= 0 && at < avail ? b[base + at] & 0xff : 0;
    }

    int u16(int at) {
      return u8(at) << 8 | u8(at + 1);
    }

    long u32(int at) {
      return (long) u16(at) << 16 | u16(at + 2);
    }

    void uint(Field f, int at, int len) {
      if (t != null) {
        t.uint(f, at, len);
      }
    }

    void bytes(Field f, int at, int len) {
      if (t != null && len > 0) {
        t.bytes(f, at, len);
      }
    }

    void none(Field f, int at, int len) {
      if (t != null) {
        t.object(f, at, len, null);
      }
    }

    void enter() {
      if (t != null) {
        t.enter();
      }
    }

    void exit() {
      if (t != null) {
        t.exit();
      }
    }

    int server(int pos, int bpp, int depth) {
      int type = u8(pos);
      uint(SERVER_MESSAGE_TYPE, pos, 1);
      enter();
      int at = pos + 1;
      int end;
      switch (type) {
        case 0:
          end = framebufferUpdate(at, bpp, depth);
          break;
        case 1:
          end = colormap(at);
          break;
        case 2:
          end = at;
          break;
        case 3:
          end = cutText(at);
          break;
        case 150:
          end = at + 1;
          break;
        case 248:
          end = fence(at);
          break;
        default:
          end = Math.max(avail, at); // tshark swallows the rest of the segment
          break;
      }
      exit();
      return end;
    }

    int framebufferUpdate(int at, int bpp, int depth) {
      none(PADDING, at, 1);
      at += 1;
      int rects = u16(at);
      uint(NUM_RECTS, at, 2);
      if (rects != 0xffff && rects > 5000) {
        return at;
      }
      at += 2;
      for (int i = 0; i < rects; i++) {
        if (needs(12, at)) {
          return MORE;
        }
        if (t != null) {
          t.text(at, 12, "Rectangle #" + (i + 1));
          t.enter();
        }
        int width = u16(at + 4);
        int height = u16(at + 6);
        int encoding = (int) u32(at + 8);
        uint(RECT_X, at, 2);
        uint(RECT_Y, at + 2, 2);
        uint(RECT_WIDTH, at + 4, 2);
        uint(RECT_HEIGHT, at + 6, 2);
        if (t != null) {
          t.number(RECT_ENCODING, at + 8, 4, encoding);
        }
        at += 12;
        if (encoding == ENC_LAST_RECT) {
          exit();
          break;
        }
        enter();
        int r = rectangle(at, encoding, width, height, bpp, depth);
        exit();
        exit();
        if (r == MORE) {
          return MORE;
        }
        at = r;
      }
      return at;
    }

    /** The data of one rectangle at {@code at}: where it ends, or MORE. */
    int rectangle(int at, int encoding, int width, int height, int bpp, int depth) {
      switch (encoding) {
        case ENC_RAW: {
          long length = (long) width * height * bpp & 0xffffffffL;
          if (needs(length, at)) {
            return MORE;
          }
          bytes(RAW_PIXEL_DATA, at, (int) length);
          return (int) (at + length);
        }
        case ENC_COPY_RECT:
          uint(COPYRECT_X, at, 2);
          uint(COPYRECT_Y, at + 2, 2);
          return at + 4;
        case ENC_RRE: {
          if (needs(4, at)) {
            return MORE;
          }
          long subrects = u32(at);
          uint(RRE_NUM_SUBRECTS, at, 4);
          at += 4;
          if (subrects > 10000) {
            return at;
          }
          at += 2;
          if (needs(bpp, at)) {
            return MORE;
          }
          at += bpp;
          long all = (bpp + 8L) * subrects;
          if (needs(all, at)) {
            return MORE;
          }
          return (int) (at + all);
        }
        case ENC_HEXTILE:
          return hextile(at, width, height, bpp);
        case ENC_ZRLE:
          return zrle(at, width, height, bpp);
        case ENC_TIGHT:
          return tight(at, width, height, bpp, depth);
        case ENC_RICH_CURSOR:
        case ENC_X_CURSOR: {
          long mask = (long) ((width + 7) / 8) * height;
          long pixels;
          if (encoding == ENC_RICH_CURSOR) {
            pixels = (long) width * height * bpp;
          } else {
            if (needs(6, at)) {
              return MORE;
            }
            bytes(CURSOR_X_FORE_BACK, at, 6);
            at += 6;
            pixels = mask;
          }
          if (needs(pixels + mask, at)) {
            return MORE;
          }
          bytes(CURSOR_PIXELS, at, (int) pixels);
          bytes(CURSOR_BITMASK, at + (int) pixels, (int) mask);
          return (int) (at + pixels + mask);
        }
        case ENC_EXTENDED_DESK_SIZE: {
          int screens = u8(at);
          if (needs(3 + screens * 16L, at + 1)) {
            return MORE;
          }
          return at + 4 + screens * 16;
        }
        case ENC_SUPPORTED_MESSAGES:
        case ENC_SUPPORTED_ENCODINGS:
        case ENC_SERVER_IDENTITY:
          if (needs(width, at)) {
            return MORE;
          }
          return at + width;
        case ENC_CONTEXT_INFORMATION:
          if (needs(20, at)) {
            return MORE;
          }
          return at + 20;
        case ENC_SLRLE: {
          int dm = depth % 8;
          int perRun = dm <= 4 ? (8 - dm + depth) / 8 : (16 - dm + depth) / 8;
          for (int i = 0; i < height; i++) {
            if (needs(2, at)) {
              return MORE;
            }
            long length = (long) u16(at) * perRun;
            at += 2;
            if (needs(length, at)) {
              return MORE;
            }
            at += (int) length;
          }
          return at;
        }
        case ENC_H264: {
          if (needs(16, at)) {
            return MORE;
          }
          long nbytes = u32(at);
          at += 16;
          if (needs(nbytes, at)) {
            return MORE;
          }
          return (int) (at + nbytes);
        }
        default:
          return at; // pointer position, desktop size, LED state, Zlib, unknown: no data
      }
    }

    int hextile(int at, int width, int height, int bpp) {
      int currentHeight = 0;
      while (currentHeight != height) {
        int tileHeight = currentHeight + 16 > height ? height - currentHeight : 16;
        currentHeight = (currentHeight + tileHeight) & 0xffff;
        int currentWidth = 0;
        while (currentWidth != width) {
          int tileWidth = currentWidth + 16 > width ? width - currentWidth : 16;
          currentWidth = (currentWidth + tileWidth) & 0xffff;
          if (needs(1, at)) {
            return MORE;
          }
          int mask = u8(at);
          uint(HEXTILE_SUBENCODING, at, 1);
          at += 1;
          if ((mask & 0x1) != 0) {
            long raw = (long) tileWidth * tileHeight * bpp;
            if (needs(raw, at)) {
              return MORE;
            }
            at += (int) raw;
          } else {
            if ((mask & 0x2) != 0) {
              if (needs(bpp, at)) {
                return MORE;
              }
              at += bpp;
            }
            if ((mask & 0x4) != 0) {
              if (needs(bpp, at)) {
                return MORE;
              }
              at += bpp;
            }
            if ((mask & 0x8) != 0) {
              if (needs(3, at)) {
                return MORE;
              }
              int subrects = u8(at);
              at += 1;
              int len = (mask & 0x10) != 0 ? (bpp + 2) & 0xff : 2;
              if (needs((long) len * subrects, at)) {
                return MORE;
              }
              at += len * subrects;
            }
          }
        }
      }
      return at;
    }

    int zrle(int at, int width, int height, int bpp) {
      if (needs(4, at)) {
        return MORE;
      }
      long dataLen = u32(at);
      uint(ZRLE_LEN, at, 4);
      at += 4;
      if (needs(dataLen, at)) {
        return MORE;
      }
      bytes(ZRLE_DATA, at, (int) dataLen);
      int sub = firstInflated(b, base + at, (int) dataLen);
      if (sub == 0) {
        if (needs((long) width * height * bpp, at)) {
          return MORE;
        }
      } else if (sub >= 130) {
        if (needs((long) (sub & 0x7f) * bpp, at)) {
          return MORE;
        }
      }
      return (int) (at + dataLen);
    }

    int compactLength(int at, int[] length) {
      if (needs(1, at)) {
        return MORE;
      }
      int v = u8(at++);
      int len = v & 0x7f;
      if ((v & 0x80) != 0) {
        if (needs(1, at)) {
          return MORE;
        }
        v = u8(at++);
        len |= (v & 0x7f) << 7;
        if ((v & 0x80) != 0) {
          if (needs(1, at)) {
            return MORE;
          }
          v = u8(at++);
          len |= (v & 0xff) << 14;
        }
      }
      length[0] = len;
      return at;
    }

    int imageData(int at) {
      int[] length = new int[1];
      at = compactLength(at, length);
      if (at == MORE || needs(length[0], at)) {
        return MORE;
      }
      return at + length[0];
    }

    int tight(int at, int width, int height, int bpp, int depth) {
      if (needs(1, at)) {
        return MORE;
      }
      int ctl = u8(at) >> 4;
      at += 1;
      if (ctl == 0x08) {
        int fill = depth == 24 ? 3 : bpp;
        return needs(fill, at) ? MORE : at + fill;
      }
      if (ctl == 0x09) {
        return imageData(at);
      }
      if (ctl > 0x09) {
        return at;
      }
      int bitsPerPixel = depth;
      if ((ctl & 0x04) != 0) {
        if (needs(1, at)) {
          return MORE;
        }
        int filter = u8(at);
        at += 1;
        if (filter == 1) {
          if (needs(1, at)) {
            return MORE;
          }
          int colors = u8(at) + 1;
          at += 1;
          if (colors >= 2) {
            int palette = depth == 24 ? colors * 3 : colors * depth / 8;
            if (needs(palette, at)) {
              return MORE;
            }
            at += palette;
            bitsPerPixel = colors == 2 ? 1 : 8;
          }
        }
      }
      long rowSize = ((long) width * bitsPerPixel + 7) / 8;
      if (rowSize * height < 12) {
        long num = rowSize * height;
        return needs(num, at) ? MORE : (int) (at + num);
      }
      return imageData(at);
    }

    int colormap(int at) {
      int colors = u16(4 - 0); // tshark reads the count at byte 4 of the segment, not of the message
      if (needs(3, at)) {
        return MORE;
      }
      none(PADDING, at, 1);
      at += 1;
      uint(COLORMAP_FIRST, at, 2);
      at += 2;
      uint(COLORMAP_GROUPS, at, 2);
      if (colors > 10000) {
        return at;
      }
      if (needs(colors * 6L + 5, at)) {
        return MORE;
      }
      return at + 2 + colors * 6;
    }

    int cutText(int at) {
      long len = u32(at);
      uint(SERVER_CUT_TEXT_LEN, at, 4);
      at += 4;
      if (len > 100000) {
        return at;
      }
      return MORE; // tshark returns its offset as "bytes needed", so it always waits
    }

    int fence(int at) {
      if (needs(8, at)) {
        return MORE;
      }
      int payload = u8(at + 7);
      if (needs(8 + payload, at)) {
        return MORE;
      }
      return at + 8 + payload;
    }
  }

  /**
   * The first byte that ZRLE data inflates to (zlib, else raw deflate, as tshark's uncompressor
   * falls back to), or -1 when it inflates to nothing.
   */
  static int firstInflated(byte[] b, int at, int len) {
    if (len <= 0 || at < 0 || at + len > b.length) {
      return -1;
    }
    for (boolean raw : new boolean[] {false, true}) {
      Inflater inf = new Inflater(raw);
      try {
        inf.setInput(b, at, len);
        byte[] out = new byte[1];
        int got = inf.inflate(out);
        if (got == 1) {
          return out[0] & 0xff;
        }
      } catch (DataFormatException ex) {
        // try the other format
      } finally {
        inf.end();
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- walkers

  @Override
  public void fields(Tree t) {
    Layout l = (Layout) t.attachment();
    if (l == null) {
      return;
    }
    if (l.kind == PARTIAL) {
      t.expert(REASSEMBLE, 0, 0, null);
      return;
    }
    if (l.ignored) {
      return;
    }
    if (l.kind == CLIENT) {
      client(t, l);
      return;
    }
    if (l.kind == SERVER) {
      Walker w = new Walker(t.data(), t.start(), t.length(), t);
      for (int at = 0; at < t.length(); ) {
        int end = w.server(at, l.bytesPerPixel, l.depth);
        if (end == MORE || end <= at) {
          break;
        }
        at = end;
      }
      return;
    }
    startup(t, l);
  }

  private static void startup(Tree t, Layout l) {
    switch (l.kind) {
      case SERVER_VERSION:
        t.object(SERVER_PROTO_VER, 4, 7, t.asciiz(4, 7));
        break;
      case CLIENT_VERSION:
        t.object(CLIENT_PROTO_VER, 4, 7, t.asciiz(4, 7));
        break;
      case SECURITY:
        if (l.v37) {
          int n = (int) t.uint(NUM_SECURITY_TYPES, 0, 1);
          for (int i = 1; i <= n; i++) {
            t.uint(SECURITY_TYPE, i, 1);
          }
        } else {
          t.uint(SERVER_SECURITY_TYPE, 0, 4);
        }
        break;
      case SECURITY_TYPES:
        t.uint(CLIENT_SECURITY_TYPE, 0, 1);
        break;
      case CHALLENGE:
        t.bytes(AUTH_CHALLENGE, 0, 16);
        break;
      case RESPONSE:
        t.bytes(AUTH_RESPONSE, 0, 16);
        break;
      case SECURITY_RESULT:
        long result = t.uint(AUTH_RESULT, 0, 4);
        if (result == 1 && l.v38) {
          int len = (int) t.uint(AUTH_ERROR_LEN, 4, 4);
          t.object(AUTH_ERROR, 8, len, t.asciiz(8, len));
        }
        break;
      case CLIENT_INIT:
        t.uint(SHARE_DESKTOP_FLAG, 0, 1);
        break;
      case SERVER_INIT: {
        t.uint(WIDTH, 0, 2);
        t.uint(HEIGHT, 2, 2);
        pixelFormat(t, 4, SERVER_PF);
        if (t.length() - 20 > 4) {
          int len = (int) t.uint(DESKTOP_NAME_LEN, 20, 4);
          t.object(DESKTOP_NAME, 24, len, t.asciiz(24, len));
        }
        break;
      }
      default:
        break;
    }
  }

  /** The 16-byte pixel format at {@code at} (its 3 padding bytes included). */
  private static void pixelFormat(Tree t, int at, Field[] f) {
    int[] sizes = {1, 1, 1, 1, 2, 2, 2, 1, 1, 1};
    for (int i = 0; i < 10; i++) {
      t.uint(f[i], at, sizes[i]);
      at += sizes[i];
    }
    t.object(PADDING, at, 3, null);
  }

  private static void client(Tree t, Layout l) {
    int type = (int) t.uint(CLIENT_MESSAGE_TYPE, 0, 1);
    t.enter();
    switch (type) {
      case 0:
        t.object(PADDING, 1, 3, null);
        pixelFormat(t, 4, CLIENT_PF);
        break;
      case 2: {
        t.object(PADDING, 1, 1, null);
        int n = (int) t.uint(ENCODING_NUM, 2, 2);
        for (int i = 0; i < n; i++) {
          t.number(SET_ENCODING, 4 + 4 * i, 4, (int) t.u32(4 + 4 * i));
        }
        break;
      }
      case 3:
        t.uint(UPDATE_INCREMENTAL, 1, 1);
        t.uint(UPDATE_X, 2, 2);
        t.uint(UPDATE_Y, 4, 2);
        t.uint(UPDATE_WIDTH, 6, 2);
        t.uint(UPDATE_HEIGHT, 8, 2);
        break;
      case 4:
        t.uint(KEY_DOWN, 1, 1);
        t.object(PADDING, 2, 2, null);
        t.uint(KEY, 4, 4);
        break;
      case 5:
        for (Field f : BUTTONS) {
          t.uint(f, 1, 1);
        }
        t.uint(POINTER_X, 2, 2);
        t.uint(POINTER_Y, 4, 2);
        break;
      case 6: {
        t.object(PADDING, 1, 3, null);
        int len = (int) t.uint(CLIENT_CUT_TEXT_LEN, 4, 4);
        t.object(CLIENT_CUT_TEXT, 8, len, t.asciiz(8, len));
        break;
      }
      default:
        break;
    }
    t.exit();
  }

  private static final String[] STARTUP_INFO = new String[NORMAL];

  static {
    STARTUP_INFO[SECURITY] = "Security types supported";
    STARTUP_INFO[TIGHT_TUNNELING] = "TightVNC tunneling capabilities supported";
    STARTUP_INFO[TIGHT_AUTH_CAPS] = "TightVNC authentication capabilities supported";
    STARTUP_INFO[TIGHT_AUTH_REPLY] = "TightVNC authentication type selected by client";
    STARTUP_INFO[TIGHT_UNKNOWN3] = "Unknown packet (TightVNC)";
    STARTUP_INFO[CHALLENGE] = "Authentication challenge from server";
    STARTUP_INFO[RESPONSE] = "Authentication response from client";
    STARTUP_INFO[ARD_CHALLENGE] = "ARD authentication challenge";
    STARTUP_INFO[ARD_RESPONSE] = "ARD authentication response";
    STARTUP_INFO[SECURITY_RESULT] = "Authentication result";
    STARTUP_INFO[VENCRYPT_AUTH_CAPS] = "VeNCrypt authentication types supported";
    STARTUP_INFO[VENCRYPT_AUTH_ACK] = "VeNCrypt server ack";
    STARTUP_INFO[CLIENT_INIT] = "Share desktop flag";
    STARTUP_INFO[SERVER_INIT] = "Server framebuffer parameters";
    STARTUP_INFO[TIGHT_INTERACTION_CAPS] = "TightVNC Interaction Capabilities";
  }

  private static final String[] CLIENT_INFO = {"Client set pixel format", null, "Client set encodings",
      "Client framebuffer update request", "Client key event", "Client pointer event", "Client cut text"};

  @Override
  public void columns(Tree t, Columns c) {
    Layout l = (Layout) t.attachment();
    if (l == null || l.kind == PARTIAL) {
      return; // TCP's Protocol, and its Info with the protocol's text, stay (tshark 4.0)
    }
    c.protocol = columnName();
    if (l.ignored) {
      c.setInfo("");
      return;
    }
    switch (l.kind) {
      case SERVER_VERSION:
        c.setInfo("Server protocol version: " + t.asciiz(4, 7));
        return;
      case CLIENT_VERSION:
        c.setInfo("Client protocol version: " + t.asciiz(4, 7));
        return;
      case SECURITY_TYPES: {
        int type = t.u8(0);
        c.setInfo("Security type " + SECURITY_TYPES_VS.getOrDefault((long) type, "Unknown") + " (" + type
            + ") selected by client");
        return;
      }
      case VENCRYPT_SERVER_VERSION:
        c.setInfo("VeNCrypt server version " + t.u8(0) + "." + t.u8(1));
        return;
      case VENCRYPT_CLIENT_VERSION:
        c.setInfo("VeNCrypt client version " + t.u8(0) + "." + t.u8(1));
        return;
      case CLIENT: {
        int type = t.u8(0);
        String info = type < CLIENT_INFO.length ? CLIENT_INFO[type] : null;
        c.setInfo(info != null ? info : type == 150 ? "Client Enable Continuous Updates"
            : type == 248 ? "Fence" : "Unknown client message type (" + type + ")");
        return;
      }
      case SERVER: {
        StringBuilder info = new StringBuilder();
        Walker w = new Walker(t.data(), t.start(), t.length(), null);
        for (int at = 0; at < t.length(); ) {
          int type = t.u8(at);
          String text = type == 0 ? "Server framebuffer update" : type == 1 ? "Server set colormap entries"
              : type == 2 ? "Server ring bell on client" : type == 3 ? "Server cut text"
              : type == 150 ? "Server End Continuous Updates" : type == 248 ? "Fence" : "Unknown server message type";
          if (info.length() > 0) {
            info.append("; ");
          }
          info.append(text);
          int end = w.server(at, l.bytesPerPixel, l.depth);
          if (end == MORE || end <= at) {
            break;
          }
          at = end;
        }
        c.setInfo(info.toString());
        return;
      }
      default:
        c.setInfo(l.kind < STARTUP_INFO.length && STARTUP_INFO[l.kind] != null ? STARTUP_INFO[l.kind] : "");
    }
  }
}

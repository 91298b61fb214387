package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.dissect.proto.tls.TlsValues;
import io.netsift.core.dissect.proto.tls.X509Chain;
import io.netsift.core.dissect.proto.tls.X509Fields;
import io.netsift.core.dissect.proto.tls.X509Walker;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Transport Layer Security (<a href="https://www.rfc-editor.org/rfc/rfc8446">RFC 8446</a>,
 * <a href="https://www.rfc-editor.org/rfc/rfc5246">RFC 5246</a>), SSL 3.0
 * (<a href="https://www.rfc-editor.org/rfc/rfc6101">RFC 6101</a>) and the SSLv2-compatible
 * Client Hello (RFC 5246 appendix E.2).
 *
 * <pre>
 * record:     +------+---------+---------+------------------------+
 *             | type | version | length  | fragment (length)      |
 *             |  1   |    2    |    2    |                        |
 *             +------+---------+---------+------------------------+
 * handshake:  | msg type (1) | length (3) | body ...               |
 * </pre>
 *
 * One layer holds the consecutive records of a segment, as tshark shows them under one item
 * ({@link #splitPdus()} is false). The first pass follows each TCP conversation's negotiated
 * version (the Protocol column), the ChangeCipherSpec of each direction (after which
 * handshake and alert records are encrypted) and the application protocol (ALPN or port), and
 * finds the certificate values tshark hands to the X.509 protocols, which become the layers
 * that follow ({@link X509ValueDissector}). A record that does not end in the layer is left
 * for TCP reassembly and shows nothing. The same class dissects a certificate's
 * SignedCertificateTimestampList extension, which tshark lists as "tls" too.
 */
public final class TlsDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  public static final Field RECORD = Field.none("tls.record", "Record Layer");
  public static final Field CONTENT_TYPE = Field.u8("tls.record.content_type", "Content Type")
      .labels(TlsValues.of("tls.record.content_type"));
  public static final Field OPAQUE_TYPE = Field.u8("tls.record.opaque_type", "Opaque Type")
      .labels(TlsValues.of("tls.record.content_type"));
  public static final Field RECORD_VERSION = Field.u16("tls.record.version", "Version").hex()
      .labels(TlsValues.withGrease("tls.record.version"));
  public static final Field RECORD_LENGTH = Field.u16("tls.record.length", "Length");
  public static final Field CHANGE_CIPHER_SPEC = Field.none("tls.change_cipher_spec", "Change Cipher Spec Message");
  public static final Field ALERT_MESSAGE = Field.none("tls.alert_message", "Alert Message");
  public static final Field ALERT_LEVEL = Field.u8("tls.alert_message.level", "Level")
      .labels(TlsValues.of("tls.alert_message.level"));
  public static final Field ALERT_DESC = Field.u8("tls.alert_message.desc", "Description")
      .labels(TlsValues.of("tls.alert_message.desc"));
  public static final Field APP_DATA = Field.bytes("tls.app_data", "Encrypted Application Data");
  public static final Field APP_DATA_PROTO = Field.string("tls.app_data_proto", "Application Data Protocol");
  /** TLS 1.0-1.2 ignore records of an unknown type (RFC 5246 6): tshark says so once per segment. */
  public static final Expert IGNORED_UNKNOWN_RECORD = new Expert("tls.ignored_unknown_record", Expert.Severity.WARNING,
      "Protocol", "Ignored Unknown Record");
  /**
   * Before TLS 1.3, the server's ChangeCipherSpec follows its Server Hello with no Server Hello
   * Done between: an abbreviated handshake (RFC 5246 7.3), or one whose Server Hello Done was
   * not captured (tshark guesses the same).
   */
  /** A certificate extension tshark has no dissector for (registered here: TLS's tree holds it). */
  public static final Expert BER_OID_NOT_IMPLEMENTED = X509Walker.OID_NOT_IMPLEMENTED;
  public static final Expert RESUMED = new Expert("tls.resumed", Expert.Severity.NOTE, "Sequence",
      "This session reuses previously negotiated keys (Session resumption)");
  public static final Field HANDSHAKE = Field.none("tls.handshake", "Handshake Protocol");
  public static final Field HS_TYPE = Field.u8("tls.handshake.type", "Handshake Message Type")
      .labels(TlsValues.of("tls.handshake.type"));
  public static final Field HS_LENGTH = Field.u24("tls.handshake.length", "Length");
  public static final Field HS_VERSION = Field.u16("tls.handshake.version", "Version").hex()
      .labels(TlsValues.withGrease("tls.record.version"));
  public static final Field RANDOM = Field.bytes("tls.handshake.random", "Random");
  public static final Field RANDOM_TIME = Field.of("tls.handshake.random_time", "GMT Unix Time", FieldType.ABSOLUTE_TIME);
  public static final Field RANDOM_BYTES = Field.bytes("tls.handshake.random_bytes", "Random Bytes");
  public static final Field SESSION_ID_LENGTH = Field.u16("tls.handshake.session_id_length", "Session ID Length");
  public static final Field SESSION_ID = Field.bytes("tls.handshake.session_id", "Session ID");
  public static final Field CIPHER_SUITES_LENGTH = Field.u16("tls.handshake.cipher_suites_length", "Cipher Suites Length");
  public static final Field CIPHER_SUITES = Field.none("tls.handshake.ciphersuites", "Cipher Suites");
  public static final Field CIPHER_SUITE = Field.u16("tls.handshake.ciphersuite", "Cipher Suite").hex()
      .labels(TlsValues.withGrease("tls.handshake.ciphersuite"));
  public static final Field COMP_METHODS_LENGTH = Field.u8("tls.handshake.comp_methods_length", "Compression Methods Length");
  public static final Field COMP_METHODS = Field.none("tls.handshake.comp_methods", "Compression Methods");
  public static final Field COMP_METHOD = Field.u8("tls.handshake.comp_method", "Compression Method")
      .labels(TlsValues.of("tls.handshake.comp_method"));
  public static final Field EXTENSIONS_LENGTH = Field.u16("tls.handshake.extensions_length", "Extensions Length");
  public static final Field EXT_TYPE = Field.u16("tls.handshake.extension.type", "Type")
      .labels(TlsValues.withGrease("tls.handshake.extension.type"));
  public static final Field EXT_LEN = Field.u16("tls.handshake.extension.len", "Length");
  public static final Field EXT_DATA = Field.bytes("tls.handshake.extension.data", "Data");
  public static final Field SNI_LIST_LEN = Field.u16("tls.handshake.extensions_server_name_list_len", "Server Name list length");
  public static final Field SNI_TYPE = Field.u8("tls.handshake.extensions_server_name_type", "Server Name Type")
      .labels(TlsValues.of("tls.handshake.extensions_server_name_type"));
  public static final Field SNI_LEN = Field.u16("tls.handshake.extensions_server_name_len", "Server Name length");
  public static final Field SNI = Field.string("tls.handshake.extensions_server_name", "Server Name");
  public static final Field ALPN_LEN = Field.u16("tls.handshake.extensions_alpn_len", "ALPN Extension Length");
  public static final Field ALPN_LIST = Field.none("tls.handshake.extensions_alpn_list", "ALPN Protocol");
  public static final Field ALPN_STR_LEN = Field.u8("tls.handshake.extensions_alpn_str_len", "ALPN string length");
  public static final Field ALPN_STR = Field.string("tls.handshake.extensions_alpn_str", "ALPN Next Protocol");
  public static final Field ALPS_LEN = Field.u16("tls.handshake.extensions_alps_len", "ALPS Extension Length");
  public static final Field ALPS_LIST = Field.none("tls.handshake.extensions_alps_alpn_list", "Supported ALPN List");
  public static final Field ALPS_STR_LEN = Field.u8("tls.handshake.extensions_alps_alpn_str_len", "Supported ALPN Length");
  public static final Field ALPS_STR = Field.string("tls.handshake.extensions_alps_alpn_str", "Supported ALPN");
  public static final Field NPN_STR_LEN = Field.u8("tls.handshake.extensions_npn_str_len", "Protocol string length");
  public static final Field NPN = Field.string("tls.handshake.extensions_npn", "Next Protocol");
  public static final Field SUPPORTED_VERSIONS_LEN =
      Field.u8("tls.handshake.extensions.supported_versions_len", "Supported Versions length");
  public static final Field SUPPORTED_VERSION = Field.u16("tls.handshake.extensions.supported_version", "Supported Version")
      .hex().labels(TlsValues.withGrease("tls.record.version"));
  public static final Field GROUPS_LENGTH =
      Field.u16("tls.handshake.extensions_supported_groups_length", "Supported Groups List Length");
  public static final Field GROUPS = Field.none("tls.handshake.extensions_supported_groups", "Supported Groups List");
  public static final Field GROUP = Field.u16("tls.handshake.extensions_supported_group", "Supported Group").hex()
      .labels(TlsValues.withGrease("tls.handshake.extensions_supported_group"));
  public static final Field SIG_HASH_ALG_LEN = Field.u16("tls.handshake.sig_hash_alg_len", "Signature Hash Algorithms Length");
  public static final Field SIG_HASH_ALGS = Field.none("tls.handshake.sig_hash_algs", "Signature Algorithms");
  public static final Field SIG_HASH_ALG = Field.u16("tls.handshake.sig_hash_alg", "Signature Algorithm").hex()
      .labels(TlsValues.withGrease("tls.handshake.sig_hash_alg"));
  public static final Field SIG_HASH_HASH = Field.u8("tls.handshake.sig_hash_hash", "Signature Hash Algorithm Hash")
      .labels(TlsValues.of("tls.handshake.sig_hash_hash"));
  public static final Field SIG_HASH_SIG = Field.u8("tls.handshake.sig_hash_sig", "Signature Hash Algorithm Signature")
      .labels(TlsValues.of("tls.handshake.sig_hash_sig"));
  public static final Field SERVER_CURVE_TYPE = Field.u8("tls.handshake.server_curve_type", "Curve Type").hex()
      .labels(TlsValues.of("tls.handshake.server_curve_type"));
  public static final Field SERVER_NAMED_CURVE = Field.u16("tls.handshake.server_named_curve", "Named Curve").hex()
      .labels(TlsValues.withGrease("tls.handshake.extensions_supported_group"));
  public static final Field SERVER_POINT_LEN = Field.u8("tls.handshake.server_point_len", "Pubkey Length");
  public static final Field SERVER_POINT = Field.bytes("tls.handshake.server_point", "Pubkey");
  public static final Field CLIENT_POINT_LEN = Field.u8("tls.handshake.client_point_len", "Pubkey Length");
  public static final Field CLIENT_POINT = Field.bytes("tls.handshake.client_point", "Pubkey");
  public static final Field P_LEN = Field.u16("tls.handshake.p_len", "p Length");
  public static final Field P = Field.bytes("tls.handshake.p", "p");
  public static final Field G_LEN = Field.u16("tls.handshake.g_len", "g Length");
  public static final Field G = Field.bytes("tls.handshake.g", "g");
  public static final Field YS_LEN = Field.u16("tls.handshake.ys_len", "Pubkey Length");
  public static final Field YS = Field.bytes("tls.handshake.ys", "Pubkey");
  public static final Field YC_LEN = Field.u16("tls.handshake.yc_len", "Pubkey Length");
  public static final Field YC = Field.bytes("tls.handshake.yc", "Pubkey");
  public static final Field EPMS_LEN = Field.u16("tls.handshake.epms_len", "Encrypted PreMaster length");
  public static final Field EPMS = Field.bytes("tls.handshake.epms", "Encrypted PreMaster");
  public static final Field SIG_LEN = Field.u16("tls.handshake.sig_len", "Signature length");
  public static final Field SIG = Field.bytes("tls.handshake.sig", "Signature");
  public static final Field CERT_VRFY_SIG_LEN = Field.u16("tls.handshake.client_cert_vrfy.sig_len", "Signature length");
  public static final Field CERT_VRFY_SIG = Field.bytes("tls.handshake.client_cert_vrfy.sig", "Signature");
  public static final Field KEY_SHARE_CLIENT_LENGTH =
      Field.u16("tls.handshake.extensions_key_share_client_length", "Client Key Share Length");
  public static final Field KEY_SHARE_GROUP = Field.u16("tls.handshake.extensions_key_share_group", "Group")
      .labels(TlsValues.withGrease("tls.handshake.extensions_supported_group"));
  public static final Field KEY_SHARE_SELECTED_GROUP =
      Field.u16("tls.handshake.extensions_key_share_selected_group", "Selected Group")
          .labels(TlsValues.withGrease("tls.handshake.extensions_supported_group"));
  public static final Field KEY_EXCHANGE_LENGTH =
      Field.u16("tls.handshake.extensions_key_share_key_exchange_length", "Key Exchange Length");
  public static final Field KEY_EXCHANGE = Field.bytes("tls.handshake.extensions_key_share_key_exchange", "Key Exchange");
  public static final Field EC_POINT_FORMATS_LENGTH =
      Field.u8("tls.handshake.extensions_ec_point_formats_length", "EC point formats Length");
  public static final Field EC_POINT_FORMATS = Field.none("tls.handshake.extensions_ec_point_formats", "EC point formats");
  public static final Field EC_POINT_FORMAT = Field.u8("tls.handshake.extensions_ec_point_format", "EC point format")
      .labels(TlsValues.of("tls.handshake.extensions_ec_point_format"));
  public static final Field RENEG_INFO_LEN =
      Field.u8("tls.handshake.extensions_reneg_info_len", "Renegotiation info extension length");
  public static final Field PSK_KE_MODES_LENGTH = Field.u8("tls.extension.psk_ke_modes_length", "PSK Key Exchange Modes Length");
  public static final Field PSK_KE_MODE = Field.u8("tls.extension.psk_ke_mode", "PSK Key Exchange Mode")
      .labels(TlsValues.of("tls.extension.psk_ke_mode"));
  public static final Field STATUS_REQUEST_TYPE =
      Field.u8("tls.handshake.extensions_status_request_type", "Certificate Status Type")
          .labels(TlsValues.of("tls.handshake.extensions_status_request_type"));
  public static final Field STATUS_REQUEST_RESPONDER_IDS_LEN =
      Field.u16("tls.handshake.extensions_status_request_responder_ids_len", "Responder ID list Length");
  public static final Field STATUS_REQUEST_EXTS_LEN =
      Field.u16("tls.handshake.extensions_status_request_exts_len", "Request Extensions Length");
  public static final Field COMPRESS_CERTIFICATE_ALGORITHMS_LENGTH =
      Field.u8("tls.compress_certificate.algorithms_length", "Algorithms Length");
  public static final Field COMPRESS_CERTIFICATE_ALGORITHM = Field.u16("tls.compress_certificate.algorithm", "Algorithm")
      .labels(TlsValues.of("tls.compress_certificate.algorithm"));
  public static final Field PADDING_DATA = Field.bytes("tls.handshake.extensions_padding_data", "Padding Data");
  public static final Field RECORD_SIZE_LIMIT = Field.u16("tls.record_size_limit", "Record Size Limit");
  public static final Field HEARTBEAT_MODE = Field.u8("tls.handshake.extension.heartbeat.mode", "Mode")
      .labels(TlsValues.of("tls.handshake.extension.heartbeat.mode"));
  public static final Field PSK_IDENTITIES_LENGTH =
      Field.u16("tls.handshake.extensions.psk.identities.length", "Identities Length");
  public static final Field PSK_IDENTITY_LENGTH =
      Field.u16("tls.handshake.extensions.psk.identity.identity_length", "Identity Length");
  public static final Field PSK_IDENTITY = Field.bytes("tls.handshake.extensions.psk.identity.identity", "Identity");
  public static final Field PSK_OBFUSCATED_TICKET_AGE =
      Field.u32("tls.handshake.extensions.psk.identity.obfuscated_ticket_age", "Obfuscated Ticket Age");
  public static final Field PSK_BINDERS_LEN = Field.u16("tls.handshake.extensions.psk.binders_len", "PSK Binders length");
  public static final Field PSK_BINDERS = Field.none("tls.handshake.extensions.psk.binders", "PSK Binders");
  public static final Field PSK_SELECTED = Field.u16("tls.handshake.extensions.psk.identity.selected", "Selected Identity");
  public static final Field JA3_FULL = Field.string("tls.handshake.ja3_full", "JA3 Fullstring");
  public static final Field JA3 = Field.string("tls.handshake.ja3", "JA3");
  public static final Field JA3S_FULL = Field.string("tls.handshake.ja3s_full", "JA3S Fullstring");
  public static final Field JA3S = Field.string("tls.handshake.ja3s", "JA3S");
  public static final Field CERTIFICATES_LENGTH = Field.u24("tls.handshake.certificates_length", "Certificates Length");
  public static final Field CERTIFICATES = Field.none("tls.handshake.certificates", "Certificates");
  public static final Field CERTIFICATE_LENGTH = Field.u24("tls.handshake.certificate_length", "Certificate Length");
  public static final Field CERTIFICATE = Field.bytes("tls.handshake.certificate", "Certificate");
  public static final Field SESSION_TICKET_LIFETIME_HINT =
      Field.u32("tls.handshake.session_ticket_lifetime_hint", "Session Ticket Lifetime Hint");
  public static final Field SESSION_TICKET_LENGTH = Field.u16("tls.handshake.session_ticket_length", "Session Ticket Length");
  public static final Field SESSION_TICKET = Field.bytes("tls.handshake.session_ticket", "Session Ticket");
  public static final Field CIPHER_SPEC_LEN = Field.u16("tls.handshake.cipher_spec_len", "Cipher Spec Length");
  public static final Field CHALLENGE_LENGTH = Field.u16("tls.handshake.challenge_length", "Challenge Length");
  public static final Field CIPHER_SPEC = Field.u24("tls.handshake.cipherspec", "Cipher Spec").hex()
      .labels(TlsValues.of("tls.handshake.cipherspec"));
  public static final Field CHALLENGE = Field.none("tls.handshake.challenge", "Challenge");
  public static final Field SCTS_LENGTH = Field.u16("tls.sct.scts_length", "Serialized SCT List Length");
  public static final Field SCT_LENGTH = Field.u16("tls.sct.sct_length", "Serialized SCT Length");
  public static final Field SCT_VERSION = Field.u8("tls.sct.sct_version", "SCT Version");
  public static final Field SCT_LOGID = Field.bytes("tls.sct.sct_logid", "Log ID");
  public static final Field SCT_TIMESTAMP = Field.of("tls.sct.sct_timestamp", "Timestamp", FieldType.ABSOLUTE_TIME);
  public static final Field SCT_EXTENSIONS_LENGTH = Field.u16("tls.sct.sct_extensions_length", "Extensions length");
  public static final Field SCT_SIGNATURE_LENGTH = Field.u16("tls.sct.sct_signature_length", "Signature Length");
  public static final Field SCT_SIGNATURE = Field.bytes("tls.sct.sct_signature", "Signature");

  // Content and handshake types.
  static final int CHANGE_CIPHER_SPEC_TYPE = 20;
  static final int ALERT = 21;
  static final int HANDSHAKE_TYPE = 22;
  static final int APPLICATION_DATA = 23;
  static final int HEARTBEAT = 24;
  static final int CLIENT_HELLO = 1;
  static final int SERVER_HELLO = 2;
  static final int NEW_SESSION_TICKET = 4;
  static final int CERTIFICATE_TYPE = 11;
  static final int SERVER_KEY_EXCHANGE = 12;
  static final int CERTIFICATE_VERIFY = 15;
  static final int SERVER_HELLO_DONE = 14;
  static final int CLIENT_KEY_EXCHANGE = 16;

  static final int SSLV2 = 0x0002;
  static final int SSLV3 = 0x0300;
  static final int TLS13 = 0x0304;

  // Layer modes.
  static final int MODE_RECORDS = 0;
  static final int MODE_CONTINUATION = 1;
  static final int MODE_IGNORED = 2;
  static final int MODE_SCT = 3;
  /** Handshake messages from QUIC CRYPTO frames: no record header, QUIC keeps the columns. */
  static final int MODE_QUIC = 4;

  // Record flags.
  static final int R_ENCRYPTED = 1;
  static final int R_OPAQUE = 2;
  static final int R_SSLV2 = 4;
  static final int R_SERVER_TLS13 = 8;
  /** The key exchange the chosen cipher suite implies (bits 4-5: 1 ECDH, 2 DH, 3 RSA). */
  static final int R_KX_SHIFT = 4;
  static final int R_KX_MASK = 3 << R_KX_SHIFT;
  /** TLS 1.2: digitally-signed values start with their signature algorithm (RFC 5246 4.7). */
  static final int R_SIG_ALG = 64;
  /** SSL 3.0: the RSA-encrypted premaster secret has no length in front (RFC 6101 5.6.7). */
  static final int R_SSL3 = 128;
  /** A server's ChangeCipherSpec that ends an abbreviated handshake ({@link #RESUMED}). */
  static final int R_RESUMED = 256;
  /** Carried in QUIC: TLS 1.3 only, so a hello's random is not split into time and bytes. */
  static final int R_QUIC = 512;
  static final int KX_ECDH = 1;
  static final int KX_DH = 2;
  static final int KX_RSA = 3;

  /** What the first pass found in a TLS layer, for the walker and the columns. */
  static final class LayerInfo {
    int mode;
    int records;
    int[] start = new int[4];
    int[] flags = new int[4];
    /** Protocol column version (SSLV2, a TLS version, or -1 for "SSL"). */
    int column = -1;
    /** The layer ends inside its first record (Info shows TCP's reassembly text). */
    boolean partialFirst;
    String appProto;
    X509Chain chain;

    void add(int at, int f) {
      if (records == start.length) {
        start = java.util.Arrays.copyOf(start, records * 2);
        flags = java.util.Arrays.copyOf(flags, records * 2);
      }
      start[records] = at;
      flags[records] = f;
      records++;
    }
  }

  /** One TCP conversation: negotiated version, server port, ChangeCipherSpec per direction. */
  private static final class Session {
    int version = -1;
    int serverPort = -1;
    final boolean[] ccs = new boolean[2];
    String alpn;
    /** KX_* of the cipher suite the Server Hello chose, 0 when unknown. */
    int kx;
    /**
     * A Server Hello came and no Server Hello Done yet: tshark's guess that the handshake is
     * abbreviated, which the server's next ChangeCipherSpec confirms ({@link #RESUMED}).
     */
    boolean resumed;
  }

  /** tshark's tls.port table: the application protocol behind each TLS port. */
  private static final Map<Integer, String> PORT_PROTOCOLS = Map.ofEntries(
      Map.entry(443, "Hypertext Transfer Protocol"), Map.entry(465, "Simple Mail Transfer Protocol"),
      Map.entry(993, "Internet Message Access Protocol"),
      // IMAP's STARTTLS (RFC 3501 6.2.1) hands the connection to TLS with IMAP as the application.
      Map.entry(143, "Internet Message Access Protocol"), Map.entry(995, "Post Office Protocol"),
      Map.entry(636, "Lightweight Directory Access Protocol"), Map.entry(853, "Domain Name System"),
      Map.entry(5061, "Session Initiation Protocol"), Map.entry(8883, "MQ Telemetry Transport Protocol"),
      Map.entry(5671, "Advanced Message Queuing Protocol"), Map.entry(5868, "Diameter Protocol"),
      Map.entry(3389, "TPKT - ISO on TCP - RFC1006"), Map.entry(27017, "Mongo Wire Protocol"),
      Map.entry(5684, "Constrained Application Protocol"));

  /** TCP ports tshark 4.0 registers TLS on ({@code tshark -G decodes}, table tcp.port). */
  static final int[] TCP_PORTS = {324, 443, 465, 636, 802, 853, 993, 995, 1300, 2221, 2443, 3249, 3250, 3251,
      3252, 3496, 5061, 5671, 5684, 5868, 8883, 11207, 19999, 27017};

  public TlsDissector() {
    super("tls", "Transport Layer Security", "TLS");
  }

  @Override
  public void register(Protocols p) {
    p.heuristic(Protocols.Table.TCP_PORT, this, (d, b, off, len) -> looksLikeHello(b, off, len));
    for (int port : TCP_PORTS) {
      p.map(Protocols.Table.TCP_PORT, port, this);
    }
  }

  @Override
  public String partialInfo(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    return ""; // tshark's TLS clears Info before it asks TCP for the rest of a record
  }

  /**
   * The TCP heuristic, tshark 4.0's: a record header of a handshake or application data record
   * of SSL 3.0 to TLS 1.2 (or TLCP) with a plausible length, the way a TLS conversation looks
   * at its start or where the capture joins it (zeek__ssh__ssh frame 904 on port 8118); or an
   * SSLv2-compatible Client Hello.
   */
  static boolean looksLikeHello(byte[] b, int off, int len) {
    if (len >= 5 && (b[off] == HANDSHAKE_TYPE || b[off] == APPLICATION_DATA)) {
      int version = Bytes.u16(b, off + 1);
      int recordLength = Bytes.u16(b, off + 3);
      if ((version == SSLV3 || version == 0x0301 || version == 0x0302 || version == 0x0303 || version == 0x0101)
          && recordLength != 0 && recordLength < 16384 + 2048) {
        return true;
      }
    }
    if (len < 46 || (b[off] & 0xff) != 0x80 || b[off + 2] != CLIENT_HELLO) {
      return false;
    }
    int cipherSpecs = Bytes.u16(b, off + 5);
    int sessionId = Bytes.u16(b, off + 7);
    return cipherSpecs != 0 && cipherSpecs % 3 == 0 && (sessionId == 0 || sessionId == 16)
        && Bytes.u16(b, off + 9) == 32;
  }

  @Override
  public boolean layerForUnfinished() {
    return true;
  }

  @Override
  public boolean insideEarlierLayer(Dissection d, int layer) {
    // tshark's QUIC dissects the handshake inside its CRYPTO frame's subtree.
    if (layer > 0 && d.dissector(layer - 1).name().equals("quic")) {
      return true;
    }
    Object info = d.attachment(layer);
    return info instanceof LayerInfo && ((LayerInfo) info).mode == MODE_SCT;
  }

  @Override
  public boolean layerWhereCalled() {
    return true;
  }

  @Override
  public boolean splitPdus() {
    return false;
  }

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    int type = b[off] & 0xff;
    if (avail > 4 && printable(b, off, 4)) {
      // tshark's TLS refuses a segment that starts with four printable characters (unencrypted
      // text, it says): TCP shows it as data. Honoured where a segment starts (TcpReassembly).
      return AS_DATA;
    }
    if (validContentType(type)) {
      if (avail < 5) {
        return MORE;
      }
      int version = Bytes.u16(b, off + 1);
      if (!validVersion(version) && !knownOld(d, tcpLayer)) {
        return NOT_MINE;
      }
      return 5 + Bytes.u16(b, off + 3);
    }
    if ((type & 0x80) != 0) {
      if (avail < 3) {
        return MORE;
      }
      return looksLikeSslv2(b, off, avail) ? 2 + (((type & 0x7f) << 8) | (b[off + 1] & 0xff)) : NOT_MINE;
    }
    return NOT_MINE;
  }

  static boolean validVersion(int v) {
    return v == SSLV3 || v == 0x0301 || v == 0x0302 || v == 0x0303 || v == TLS13 || v == 0xfeff || v == 0xfefd;
  }

  /** tshark 4.0's record types: change cipher spec to heartbeat, and 25 (a TLS 1.2 connection ID record). */
  static boolean validContentType(int t) {
    return t >= CHANGE_CIPHER_SPEC_TYPE && t <= HEARTBEAT + 1;
  }

  /**
   * Whether the stream's TLS version (SSL 3.0 to TLS 1.2) is known: tshark then takes a record
   * of any valid type whatever its version field says, and waits for all its bytes.
   */
  private boolean knownOld(Dissection d, int tcpLayer) {
    Session session = PerStream.ofTcp(d, this, tcpLayer, Session::new);
    return session.version >= SSLV3 && session.version < TLS13;
  }

  private static boolean printable(byte[] b, int off, int n) {
    for (int i = off; i < off + n; i++) {
      if (b[i] < 0x20 || b[i] > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static boolean looksLikeSslv2(byte[] b, int p, int avail) {
    // A 2-byte header (high bit set) followed by a Client Hello offering SSL 3.0 or TLS.
    if (avail < 5 || (b[p] & 0x80) == 0 || b[p + 2] != CLIENT_HELLO) {
      return false;
    }
    int v = Bytes.u16(b, p + 3);
    return v == SSLV2 || v == SSLV3 || v == 0x0301 || v == 0x0302 || v == 0x0303;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int e = d.end(layer);
    byte[] b = d.data();
    LayerInfo info = new LayerInfo();
    d.attach(layer, info);
    d.payload(e, e);
    X509Chain outer = X509ValueDissector.chainOf(d, layer);
    if (outer != null && outer.pending >= 0 && outer.pending < outer.size() && outer.proto(outer.pending) == this
        && outer.start(outer.pending) == s) {
      info.mode = MODE_SCT;
      return X509ValueDissector.next(d, outer);
    }
    if (d.dissector(layer - 1) instanceof QuicDissector) {
      info.mode = MODE_QUIC;
      info.add(0, R_QUIC | (validHandshake(b, s, e) && serverSaysTls13(b, s, e) ? R_SERVER_TLS13 : 0));
      return null;
    }
    int transport = Transport.find(d, layer);
    int sport = Transport.srcPort(d, transport);
    int dport = Transport.dstPort(d, transport);
    Session session = PerStream.ofConversation(d, this, transport, Session::new);
    if (session.serverPort < 0) {
      Protocols p = d.protocols();
      session.serverPort = p.lookup(Protocols.Table.TCP_PORT, dport) == this ? dport
          : p.lookup(Protocols.Table.TCP_PORT, sport) == this ? sport : Math.min(sport, dport);
    }
    int lastRecordVersion = -1;
    int pos = s;
    X509Chain chain = null;
    records:
    while (pos < e) {
      int avail = e - pos;
      boolean knownOld = session.version >= SSLV3 && session.version < TLS13;
      if (!knownOld && (b[pos] & 0x80) != 0 && looksLikeSslv2(b, pos, avail)) {
        int len = ((b[pos] & 0x7f) << 8) | (b[pos + 1] & 0xff);
        if (2 + len > avail) {
          info.partialFirst = info.records == 0;
          break;
        }
        info.add(pos - s, R_SSLV2);
        lastRecordVersion = SSLV2;
        if (session.serverPort < 0) {
          session.serverPort = dport;
        }
        pos += 2 + len;
        continue;
      }
      if (avail < 5 && validContentType(b[pos] & 0xff)) {
        info.partialFirst = info.records == 0;
        break;
      }
      int type = b[pos] & 0xff;
      int version = avail >= 3 ? Bytes.u16(b, pos + 1) : 0;
      if (!validContentType(type) || (!knownOld && !validVersion(version))) {
        if (info.records == 0) {
          info.mode = knownOld ? MODE_IGNORED : MODE_CONTINUATION;
        } else {
          info.add(pos - s, -1); // a later unknown record: "Ignored Unknown Record"
        }
        break;
      }
      int len = Bytes.u16(b, pos + 3);
      if (5 + len > avail) {
        info.partialFirst = info.records == 0;
        break;
      }
      int dir = sport == session.serverPort ? 1 : 0;
      int flags = 0;
      int body = pos + 5;
      if (session.version < 0 && version >= SSLV3 && version <= 0x0303 && authoritative(b, type, body, len)) {
        session.version = version;
      }
      if (session.version == TLS13 && type == APPLICATION_DATA) {
        flags |= R_OPAQUE;
      }
      switch (type) {
        case CHANGE_CIPHER_SPEC_TYPE:
          session.ccs[dir] = true;
          // TLS 1.3's ChangeCipherSpec is a dummy (RFC 8446 D.4): tshark 4.0 never notes it.
          if (dir == 1 && (session.version >= 0 ? session.version : version) != TLS13) {
            if (session.resumed) {
              flags |= R_RESUMED;
            }
            session.resumed = false;
          }
          break;
        case ALERT:
          if (session.ccs[dir] || len != 2) {
            flags |= R_ENCRYPTED;
          }
          break;
        case HANDSHAKE_TYPE:
          if (session.ccs[dir] || !validHandshake(b, body, body + len)) {
            flags |= R_ENCRYPTED;
          } else if (helloOverruns(b, body, body + len, e)) {
            // tshark's extension item runs past its bytes: an exception ends the whole layer.
            info.add(pos - s, flags);
            d.malformed(layer);
            break records;
          } else {
            chain = handshakes(d, b, body, body + len, session, dport, chain);
            if (serverSaysTls13(b, body, body + len)) {
              flags |= R_SERVER_TLS13;
            }
            flags |= session.kx << R_KX_SHIFT;
            if (session.version == 0x0303) {
              flags |= R_SIG_ALG;
            } else if (session.version == SSLV3) {
              flags |= R_SSL3;
            }
          }
          break;
        default:
          break;
      }
      info.add(pos - s, flags);
      lastRecordVersion = version;
      pos += 5 + len;
    }
    long streamKey = PerStream.conversation(d, transport);
    if (session.version >= 0) {
      info.column = session.version;
      d.remember("tls.version", streamKey, session.version);
    } else if (d.secondPass() && lastRecordVersion != SSLV2 && d.recall("tls.version", streamKey) >= 0) {
      // tshark -2 names the version the stream negotiates later, already on its Client Hello.
      info.column = (int) d.recall("tls.version", streamKey);
    } else if (lastRecordVersion >= 0) {
      info.column = lastRecordVersion;
    }
    if (session.alpn != null) {
      info.appProto = session.alpn;
    } else {
      String byPort = PORT_PROTOCOLS.get(session.serverPort);
      info.appProto = byPort != null ? byPort : PORT_PROTOCOLS.get(sport == session.serverPort ? dport : sport);
    }
    if (chain != null && chain.size() > 0) {
      info.chain = chain;
      chain.pending = -1;
      return X509ValueDissector.next(d, chain);
    }
    return null;
  }

  /**
   * Whether a record's version is the session's, as tshark takes it while the session has none:
   * any record but a handshake whose first byte is not a TLS handshake type (SSLv2's Request
   * Certificate and DTLS's Hello Verify Request are not) or is a Client Hello (a Server Hello sets
   * the version it selects in {@link #handshakes}).
   */
  private static boolean authoritative(byte[] b, int type, int body, int len) {
    if (type != HANDSHAKE_TYPE) {
      return true;
    }
    int first = len > 0 ? b[body] & 0xff : -1;
    return first != CLIENT_HELLO && first != SERVER_HELLO && first != 3 && first != 7
        && TlsValues.of("tls.handshake.type").apply(first) != null;
  }

  /**
   * Whether the record's first message is a Client or Server Hello with an extension that claims
   * more bytes than the layer holds ({@code limit}): tshark's tree item for it throws.
   */
  static boolean helloOverruns(byte[] b, int p, int end, int limit) {
    if (end - p < 4 || (b[p] != CLIENT_HELLO && b[p] != SERVER_HELLO)) {
      return false;
    }
    boolean client = b[p] == CLIENT_HELLO;
    int helloEnd = p + 4 + ((b[p + 1] & 0xff) << 16 | Bytes.u16(b, p + 2));
    if (helloEnd > end) {
      return false; // a Hello continued in a later record: not judged here
    }
    end = helloEnd;
    int q = p + 4 + 2 + 32;
    if (q >= end) {
      return false;
    }
    q += 1 + (b[q] & 0xff);
    if (client) {
      if (q + 2 > end) {
        return false;
      }
      q += 2 + Bytes.u16(b, q);
      if (q >= end) {
        return false;
      }
      q += 1 + (b[q] & 0xff);
    } else {
      q += 3;
    }
    if (q + 2 > end) {
      return false;
    }
    int extEnd = Math.min(end, q + 2 + Bytes.u16(b, q));
    for (q += 2; q + 4 <= extEnd; q += 4 + Bytes.u16(b, q + 2)) {
      if (q + 4 + Bytes.u16(b, q + 2) > limit) {
        return true;
      }
    }
    return false;
  }

  /** Whether the record's first handshake message has a known type and fits the record. */
  private static boolean validHandshake(byte[] b, int p, int end) {
    if (end - p < 4) {
      return false;
    }
    int type = b[p] & 0xff;
    int len = (b[p + 1] & 0xff) << 16 | Bytes.u16(b, p + 2);
    return TlsValues.of("tls.handshake.type").apply(type) != null && len <= end - p - 4;
  }

  /** Whether the record holds a Server Hello that selects TLS 1.3 (its random has no time). */
  private static boolean serverSaysTls13(byte[] b, int p, int end) {
    return end - p >= 6 && b[p] == SERVER_HELLO && serverHelloVersion(b, p + 4, end) == TLS13;
  }

  /** The cipher suite a Server Hello body chose, or -1. */
  private static int serverSuite(byte[] b, int body, int end) {
    int q = body + 2 + 32;
    if (q >= end) {
      return -1;
    }
    q += 1 + (b[q] & 0xff);
    return q + 2 <= end ? Bytes.u16(b, q) : -1;
  }

  /**
   * The key exchange of a cipher suite, from its IANA name: ECDHE/ECDH_anon send EC parameters,
   * DHE/DH_anon finite-field ones, RSA an encrypted premaster secret (PSK and static-DH suites,
   * which tshark decodes differently, are left alone).
   */
  static int keyExchange(int suite) {
    if (suite < 0) {
      return 0;
    }
    String name = TlsValues.of("tls.handshake.ciphersuite").apply(suite);
    if (name == null || name.contains("PSK") || name.contains("KRB5") || name.contains("SRP")) {
      return 0;
    }
    if (name.startsWith("TLS_ECDHE_") || name.startsWith("TLS_ECDH_anon_")) {
      return KX_ECDH;
    }
    if (name.startsWith("TLS_DHE_") || name.startsWith("TLS_DH_anon_")) {
      return KX_DH;
    }
    if (name.startsWith("TLS_RSA_WITH_") || name.startsWith("TLS_RSA_EXPORT")) {
      return KX_RSA;
    }
    return 0;
  }

  /** The version a Server Hello body selects (supported_versions wins over legacy_version). */
  private static int serverHelloVersion(byte[] b, int body, int end) {
    if (end - body < 2) {
      return -1;
    }
    int version = Bytes.u16(b, body);
    int q = body + 2 + 32;
    if (q >= end) {
      return version;
    }
    q += 1 + (b[q] & 0xff); // session id
    q += 3; // cipher suite, compression method
    if (q + 2 > end) {
      return version;
    }
    int extEnd = Math.min(end, q + 2 + Bytes.u16(b, q));
    for (q += 2; q + 4 <= extEnd; ) {
      int type = Bytes.u16(b, q);
      int len = Bytes.u16(b, q + 2);
      if (type == 43 && len == 2 && q + 6 <= extEnd) {
        return Bytes.u16(b, q + 4);
      }
      q += 4 + len;
    }
    return version;
  }

  /** Follows the handshake messages of a record: session state and X.509 values. */
  private X509Chain handshakes(Dissection d, byte[] b, int p, int end, Session session, int dport, X509Chain chain) {
    while (end - p >= 4) {
      int type = b[p] & 0xff;
      int len = (b[p + 1] & 0xff) << 16 | Bytes.u16(b, p + 2);
      int body = p + 4;
      int bodyEnd = Math.min(end, body + len);
      if (type == CLIENT_HELLO && session.version < 0) {
        session.serverPort = dport;
      } else if (type == SERVER_HELLO) {
        session.resumed = len <= end - body;
        int v = serverHelloVersion(b, body, bodyEnd);
        if (v >= 0) {
          session.version = (v & 0xff00) == 0x7f00 ? TLS13 : v;
        }
        String alpn = serverAlpn(b, body, bodyEnd);
        if (alpn != null) {
          session.alpn = alpn;
        }
        session.kx = keyExchange(serverSuite(b, body, bodyEnd));
      } else if (type == SERVER_HELLO_DONE) {
        session.resumed = false;
      } else if (type == CERTIFICATE_TYPE && session.version != TLS13) {
        if (chain == null) {
          chain = new X509Chain();
        }
        certificates(new X509Walker(b, chain, d.protocols()), b, body, bodyEnd);
      }
      if (len > end - body) {
        break;
      }
      p = body + len;
    }
    return chain;
  }

  /**
   * Hands each certificate of a Certificate message's body {@code b[body, end)} (a 3-byte list
   * length, then 3-byte length-prefixed certificates) to {@code w}; DTLS shares it.
   */
  static void certificates(X509Walker w, byte[] b, int body, int end) {
    if (end - body < 3) {
      return;
    }
    int listEnd = Math.min(end, body + 3 + u24(b, body));
    for (int q = body + 3; q + 3 <= listEnd; ) {
      int certLen = u24(b, q);
      if (q + 3 + certLen > listEnd) {
        break;
      }
      w.certificate(q + 3, q + 3 + certLen);
      q += 3 + certLen;
    }
  }

  static int u24(byte[] b, int p) {
    return (b[p] & 0xff) << 16 | Bytes.u16(b, p + 1);
  }

  /** The application protocol the Server Hello's ALPN selects, as tshark names it. */
  private static String serverAlpn(byte[] b, int body, int end) {
    int q = body + 2 + 32;
    if (q >= end) {
      return null;
    }
    q += 1 + (b[q] & 0xff);
    q += 3;
    if (q + 2 > end) {
      return null;
    }
    int extEnd = Math.min(end, q + 2 + Bytes.u16(b, q));
    for (q += 2; q + 4 <= extEnd; ) {
      int type = Bytes.u16(b, q);
      int len = Bytes.u16(b, q + 2);
      if (type == 16 && len >= 3 && q + 4 + len <= extEnd) {
        int n = b[q + 6] & 0xff;
        if (q + 7 + n <= extEnd) {
          String proto = new String(b, q + 7, n, StandardCharsets.ISO_8859_1);
          switch (proto) {
            case "http/1.1": case "http/1.0": return "Hypertext Transfer Protocol";
            case "h2": return "HyperText Transfer Protocol 2";
            case "imap": return "Internet Message Access Protocol";
            case "pop3": return "Post Office Protocol";
            case "dot": return "Domain Name System";
            default: return proto.startsWith("spdy/") ? "SPDY" : null;
          }
        }
      }
      q += 4 + len;
    }
    return null;
  }

  // ---------------------------------------------------------------- fields

  @Override
  public void fields(Tree t) {
    LayerInfo info = (LayerInfo) t.attachment();
    if (info == null) {
      return;
    }
    if (info.mode == MODE_SCT) {
      scts(t, 0, t.length());
      return;
    }
    if (info.mode == MODE_IGNORED) {
      ignored(t, 0);
      return;
    }
    if (info.mode == MODE_CONTINUATION) {
      return;
    }
    if (info.mode == MODE_QUIC) {
      // tshark shows a record item (no field) without a record header around the messages.
      StringBuilder sb = new StringBuilder("TLSv1.3 Record Layer: Handshake Protocol: ");
      handshakeNames(t, 0, t.length(), sb);
      t.text(0, t.length(), sb.toString());
      t.enter();
      handshakes(t, 0, t.length(), info.flags[0]);
      t.exit();
      return;
    }
    for (int i = 0; i < info.records; i++) {
      int p = info.start[i];
      int f = info.flags[i];
      if (f < 0) {
        ignored(t, p);
        continue;
      }
      if ((f & R_SSLV2) != 0) {
        sslv2(t, p);
        continue;
      }
      record(t, p, f, info);
    }
  }

  /** The bytes from {@code p} on, an unknown record: a text item holding the note. */
  private static void ignored(Tree t, int p) {
    t.text(p, t.length() - p, IGNORED_UNKNOWN_RECORD.message());
    t.enter();
    t.expert(IGNORED_UNKNOWN_RECORD, p, t.length() - p, null);
    t.exit();
  }

  private void record(Tree t, int p, int f, LayerInfo info) {
    int type = t.u8(p);
    int len = t.u16(p + 3);
    t.object(RECORD, p, 5 + len, null);
    t.enter();
    t.uint((f & R_OPAQUE) != 0 ? OPAQUE_TYPE : CONTENT_TYPE, p, 1);
    t.uint(RECORD_VERSION, p + 1, 2);
    t.uint(RECORD_LENGTH, p + 3, 2);
    int body = p + 5;
    switch (type) {
      case CHANGE_CIPHER_SPEC_TYPE:
        t.object(CHANGE_CIPHER_SPEC, body, len, null);
        if ((f & R_RESUMED) != 0) {
          t.enter();
          t.expert(RESUMED, body, len, null);
          t.exit();
        }
        break;
      case ALERT:
        t.object(ALERT_MESSAGE, body, len, null);
        if ((f & R_ENCRYPTED) == 0) {
          t.enter();
          t.uint(ALERT_LEVEL, body, 1);
          t.uint(ALERT_DESC, body + 1, 1);
          t.exit();
        }
        break;
      case HANDSHAKE_TYPE:
        if ((f & R_ENCRYPTED) != 0) {
          t.object(HANDSHAKE, body, len, null);
        } else {
          handshakes(t, body, body + len, f);
        }
        break;
      case APPLICATION_DATA:
        t.bytes(APP_DATA, body, len);
        if (info.appProto != null) {
          t.object(APP_DATA_PROTO, body, 0, info.appProto);
        }
        break;
      default:
        break;
    }
    t.exit();
  }

  private void handshakes(Tree t, int p, int end, int flags) {
    boolean serverTls13 = (flags & R_SERVER_TLS13) != 0;
    int kx = (flags & R_KX_MASK) >> R_KX_SHIFT;
    boolean sigAlg = (flags & R_SIG_ALG) != 0;
    while (end - p >= 4) {
      int type = t.u8(p);
      int len = t.u24(p + 1);
      int body = p + 4;
      int bodyEnd = Math.min(end, body + len);
      t.object(HANDSHAKE, p, bodyEnd - p, null);
      t.enter();
      t.uint(HS_TYPE, p, 1);
      t.uint(HS_LENGTH, p + 1, 3);
      switch (type) {
        case CLIENT_HELLO:
          hello(t, body, bodyEnd, true, false, (flags & R_QUIC) != 0);
          break;
        case SERVER_HELLO:
          hello(t, body, bodyEnd, false, serverTls13, (flags & R_QUIC) != 0);
          break;
        case CERTIFICATE_TYPE:
          certificates(t, body, bodyEnd);
          break;
        case SERVER_KEY_EXCHANGE:
          serverKeyExchange(t, body, bodyEnd, kx, sigAlg);
          break;
        case CLIENT_KEY_EXCHANGE:
          clientKeyExchange(t, body, bodyEnd, kx, (flags & R_SSL3) != 0);
          break;
        case CERTIFICATE_VERIFY:
          signed(t, body, bodyEnd, sigAlg, CERT_VRFY_SIG_LEN, CERT_VRFY_SIG);
          break;
        case NEW_SESSION_TICKET:
          if (bodyEnd - body >= 6) {
            t.uint(SESSION_TICKET_LIFETIME_HINT, body, 4);
            int n = t.u16(body + 4);
            t.uint(SESSION_TICKET_LENGTH, body + 4, 2);
            t.bytes(SESSION_TICKET, body + 6, Math.min(n, bodyEnd - body - 6));
          }
          break;
        default:
          break;
      }
      t.exit();
      if (len > end - body) {
        break;
      }
      p = body + len;
    }
  }

  /**
   * ServerKeyExchange (RFC 8422 5.4, RFC 5246 7.4.3): the server's EC point on a named curve or
   * its DH p, g and Ys, then the signature over them.
   */
  private static void serverKeyExchange(Tree t, int p, int end, int kx, boolean sigAlg) {
    int q = p;
    if (kx == KX_ECDH) {
      if (end - q < 4) {
        return;
      }
      t.uint(SERVER_CURVE_TYPE, q, 1);
      if (t.u8(q) != 3) {
        return; // only named_curve is in use (explicit curves were deprecated)
      }
      t.uint(SERVER_NAMED_CURVE, q + 1, 2);
      int n = t.u8(q + 3);
      t.uint(SERVER_POINT_LEN, q + 3, 1);
      if (q + 4 + n > end) {
        return;
      }
      t.bytes(SERVER_POINT, q + 4, n);
      q += 4 + n;
    } else if (kx == KX_DH) {
      Field[][] parts = {{P_LEN, P}, {G_LEN, G}, {YS_LEN, YS}};
      for (Field[] f : parts) {
        if (end - q < 2) {
          return;
        }
        int n = t.u16(q);
        t.uint(f[0], q, 2);
        if (q + 2 + n > end) {
          return;
        }
        t.bytes(f[1], q + 2, n);
        q += 2 + n;
      }
    } else {
      return;
    }
    signed(t, q, end, sigAlg, SIG_LEN, SIG);
  }

  /** A digitally-signed value: [signature algorithm], length, signature. */
  private static void signed(Tree t, int q, int end, boolean sigAlg, Field lenField, Field sigField) {
    if (sigAlg) {
      if (end - q < 2) {
        return;
      }
      t.uint(SIG_HASH_ALG, q, 2);
      t.enter();
      t.uint(SIG_HASH_HASH, q, 1);
      t.uint(SIG_HASH_SIG, q + 1, 1);
      t.exit();
      q += 2;
    }
    if (end - q < 2) {
      return;
    }
    int n = t.u16(q);
    t.uint(lenField, q, 2);
    if (q + 2 + n <= end) {
      t.bytes(sigField, q + 2, n);
    }
  }

  /** ClientKeyExchange: the client's EC point, DH Yc or RSA-encrypted premaster secret. */
  private static void clientKeyExchange(Tree t, int p, int end, int kx, boolean ssl3) {
    if (kx == KX_RSA && ssl3) {
      t.bytes(EPMS, p, end - p);
    } else if (kx == KX_ECDH && end - p >= 1) {
      int n = t.u8(p);
      t.uint(CLIENT_POINT_LEN, p, 1);
      if (p + 1 + n <= end) {
        t.bytes(CLIENT_POINT, p + 1, n);
      }
    } else if ((kx == KX_DH || kx == KX_RSA) && end - p >= 2) {
      int n = t.u16(p);
      t.uint(kx == KX_DH ? YC_LEN : EPMS_LEN, p, 2);
      if (p + 2 + n <= end) {
        t.bytes(kx == KX_DH ? YC : EPMS, p + 2, n);
      }
    }
  }

  private void certificates(Tree t, int p, int end) {
    if (end - p < 3) {
      return;
    }
    int total = t.u24(p);
    t.uint(CERTIFICATES_LENGTH, p, 3);
    int listEnd = Math.min(end, p + 3 + total);
    if (total == 0) {
      return;
    }
    t.object(CERTIFICATES, p + 3, listEnd - p - 3, null);
    t.enter();
    X509Walker w = new X509Walker(t);
    for (int q = p + 3; q + 3 <= listEnd; ) {
      int len = t.u24(q);
      t.uint(CERTIFICATE_LENGTH, q, 3);
      if (q + 3 + len > listEnd) {
        break;
      }
      t.bytes(CERTIFICATE, q + 3, len);
      t.enter();
      w.certificate(t.start() + q + 3, t.start() + q + 3 + len);
      t.exit();
      q += 3 + len;
    }
    t.exit();
  }

  /** Client or Server Hello body, extensions and JA3/JA3S. */
  private void hello(Tree t, int p, int end, boolean client, boolean serverTls13, boolean quic) {
    int version = t.u16(p);
    t.uint(HS_VERSION, p, 2);
    t.bytes(RANDOM, p + 2, 32);
    if (!quic && (client || !serverTls13)) {
      t.enter();
      t.number(RANDOM_TIME, p + 2, 4, t.u32(p + 2) * 1_000_000_000L);
      t.bytes(RANDOM_BYTES, p + 6, 28);
      t.exit();
    }
    int q = p + 34;
    int sidLen = t.u8(q);
    t.number(SESSION_ID_LENGTH, q, 1, sidLen);
    if (sidLen > 0) {
      t.bytes(SESSION_ID, q + 1, sidLen);
    }
    q += 1 + sidLen;
    StringBuilder ciphers = new StringBuilder();
    int chosen = 0;
    if (client) {
      int n = t.u16(q);
      t.uint(CIPHER_SUITES_LENGTH, q, 2);
      t.object(CIPHER_SUITES, q + 2, n, null);
      t.enter();
      for (int i = 0; i + 1 < n; i += 2) {
        int cs = t.u16(q + 2 + i);
        t.uint(CIPHER_SUITE, q + 2 + i, 2);
        if (!TlsValues.isGrease(cs)) {
          ja3Item(ciphers, cs);
        }
      }
      t.exit();
      q += 2 + n;
      int m = t.u8(q);
      t.uint(COMP_METHODS_LENGTH, q, 1);
      t.object(COMP_METHODS, q + 1, m, null);
      t.enter();
      for (int i = 0; i < m; i++) {
        t.uint(COMP_METHOD, q + 1 + i, 1);
      }
      t.exit();
      q += 1 + m;
    } else {
      chosen = t.u16(q);
      t.uint(CIPHER_SUITE, q, 2);
      t.uint(COMP_METHOD, q + 2, 1);
      q += 3;
    }
    StringBuilder exts = new StringBuilder();
    StringBuilder groups = new StringBuilder();
    StringBuilder formats = new StringBuilder();
    if (q + 2 <= end && !t.truncated()) {
      int total = t.u16(q);
      t.uint(EXTENSIONS_LENGTH, q, 2);
      int extEnd = Math.min(end, q + 2 + total);
      for (q += 2; q + 4 <= extEnd; ) {
        int type = t.u16(q);
        int len = t.u16(q + 2);
        if (!TlsValues.isGrease(type)) {
          ja3Item(exts, type);
        }
        if (q + 4 + len > t.length()) {
          return; // the extension claims more than the layer holds: malformed (helloOverruns)
        }
        t.uint(EXT_TYPE, q, 2);
        t.uint(EXT_LEN, q + 2, 2);
        int b = q + 4;
        int e = Math.min(extEnd, b + len);
        extension(t, type, b, e, client, groups, formats);
        q += 4 + len;
      }
    }
    if (t.truncated()) {
      return;
    }
    if (client) {
      String full = version + "," + ciphers + "," + exts + "," + groups + "," + formats;
      t.object(JA3_FULL, p, 0, full);
      t.object(JA3, p, 0, md5(full));
    } else {
      String full = version + "," + chosen + "," + exts;
      t.object(JA3S_FULL, p, 0, full);
      t.object(JA3S, p, 0, md5(full));
    }
  }

  private static void ja3Item(StringBuilder sb, int v) {
    if (sb.length() > 0) {
      sb.append('-');
    }
    sb.append(v);
  }

  private void extension(Tree t, int type, int b, int e, boolean client, StringBuilder groups, StringBuilder formats) {
    int len = e - b;
    switch (type) {
      case 0: // server_name
        if (len >= 2) {
          t.uint(SNI_LIST_LEN, b, 2);
          for (int q = b + 2; q + 3 <= e; ) {
            int n = t.u16(q + 1);
            t.uint(SNI_TYPE, q, 1);
            t.uint(SNI_LEN, q + 1, 2);
            t.bytes(SNI, q + 3, Math.min(n, e - q - 3));
            q += 3 + n;
          }
        }
        break;
      case 16: // application_layer_protocol_negotiation
        if (len >= 2) {
          t.uint(ALPN_LEN, b, 2);
          t.object(ALPN_LIST, b + 2, len - 2, null);
          t.enter();
          for (int q = b + 2; q < e; ) {
            int n = t.u8(q);
            t.uint(ALPN_STR_LEN, q, 1);
            t.bytes(ALPN_STR, q + 1, Math.min(n, e - q - 1));
            q += 1 + n;
          }
          t.exit();
        }
        break;
      case 17513: // application_settings
        if (len >= 2) {
          t.uint(ALPS_LEN, b, 2);
          t.object(ALPS_LIST, b + 2, len - 2, null);
          t.enter();
          for (int q = b + 2; q < e; ) {
            int n = t.u8(q);
            t.uint(ALPS_STR_LEN, q, 1);
            t.bytes(ALPS_STR, q + 1, Math.min(n, e - q - 1));
            q += 1 + n;
          }
          t.exit();
        }
        break;
      case 13172: // next_protocol_negotiation
        for (int q = b; q < e; ) {
          int n = t.u8(q);
          t.uint(NPN_STR_LEN, q, 1);
          t.bytes(NPN, q + 1, Math.min(n, e - q - 1));
          q += 1 + n;
        }
        break;
      case 43: // supported_versions
        if (client) {
          if (len >= 1) {
            t.uint(SUPPORTED_VERSIONS_LEN, b, 1);
            for (int q = b + 1; q + 2 <= e; q += 2) {
              t.uint(SUPPORTED_VERSION, q, 2);
            }
          }
        } else if (len >= 2) {
          t.uint(SUPPORTED_VERSION, b, 2);
        }
        break;
      case 10: // supported_groups
        if (len >= 2) {
          int n = t.u16(b);
          t.uint(GROUPS_LENGTH, b, 2);
          t.object(GROUPS, b + 2, Math.min(n, len - 2), null);
          t.enter();
          for (int q = b + 2; q + 2 <= e; q += 2) {
            int g = t.u16(q);
            t.uint(GROUP, q, 2);
            if (!TlsValues.isGrease(g)) {
              ja3Item(groups, g);
            }
          }
          t.exit();
        }
        break;
      case 11: // ec_point_formats
        if (len >= 1) {
          int n = t.u8(b);
          t.uint(EC_POINT_FORMATS_LENGTH, b, 1);
          t.object(EC_POINT_FORMATS, b + 1, Math.min(n, len - 1), null);
          t.enter();
          for (int q = b + 1; q < e; q++) {
            ja3Item(formats, t.u8(q));
            t.uint(EC_POINT_FORMAT, q, 1);
          }
          t.exit();
        }
        break;
      case 34: // delegated_credential: a client lists the signature schemes it accepts
      case 13: // signature_algorithms
        if (len >= 2 && (client || type == 13)) {
          int n = t.u16(b);
          t.uint(SIG_HASH_ALG_LEN, b, 2);
          t.object(SIG_HASH_ALGS, b + 2, Math.min(n, len - 2), null);
          t.enter();
          for (int q = b + 2; q + 2 <= e; q += 2) {
            t.uint(SIG_HASH_ALG, q, 2);
            t.enter();
            t.uint(SIG_HASH_HASH, q, 1);
            t.uint(SIG_HASH_SIG, q + 1, 1);
            t.exit();
          }
          t.exit();
        }
        break;
      case 51: // key_share
        int q = b;
        if (client) {
          if (len < 2) {
            break;
          }
          t.uint(KEY_SHARE_CLIENT_LENGTH, b, 2);
          q += 2;
        } else if (len == 2) {
          t.uint(KEY_SHARE_SELECTED_GROUP, b, 2);
          break;
        }
        while (q + 4 <= e) {
          int n = t.u16(q + 2);
          t.uint(KEY_SHARE_GROUP, q, 2);
          t.uint(KEY_EXCHANGE_LENGTH, q + 2, 2);
          t.bytes(KEY_EXCHANGE, q + 4, Math.min(n, e - q - 4));
          q += 4 + n;
        }
        break;
      case 65281: // renegotiation_info
        if (len >= 1) {
          t.uint(RENEG_INFO_LEN, b, 1);
        }
        break;
      case 45: // psk_key_exchange_modes
        if (len >= 1) {
          t.uint(PSK_KE_MODES_LENGTH, b, 1);
          for (int r = b + 1; r < e; r++) {
            t.uint(PSK_KE_MODE, r, 1);
          }
        }
        break;
      case 5: // status_request
        if (client && len >= 5) {
          t.uint(STATUS_REQUEST_TYPE, b, 1);
          t.uint(STATUS_REQUEST_RESPONDER_IDS_LEN, b + 1, 2);
          t.uint(STATUS_REQUEST_EXTS_LEN, b + 3 + t.u16(b + 1), 2);
        }
        break;
      case 27: // compress_certificate
        if (len >= 1) {
          t.uint(COMPRESS_CERTIFICATE_ALGORITHMS_LENGTH, b, 1);
          for (int r = b + 1; r + 2 <= e; r += 2) {
            t.uint(COMPRESS_CERTIFICATE_ALGORITHM, r, 2);
          }
        }
        break;
      case 21: // padding
        t.bytes(PADDING_DATA, b, len);
        break;
      case 28: // record_size_limit
        if (len >= 2) {
          t.uint(RECORD_SIZE_LIMIT, b, 2);
        }
        break;
      case 15: // heartbeat
        if (len >= 1) {
          t.uint(HEARTBEAT_MODE, b, 1);
        }
        break;
      case 41: // pre_shared_key
        if (!client) {
          if (len >= 2) {
            t.uint(PSK_SELECTED, b, 2);
          }
          break;
        }
        if (len >= 2) {
          int ids = t.u16(b);
          t.uint(PSK_IDENTITIES_LENGTH, b, 2);
          int idEnd = Math.min(e, b + 2 + ids);
          int r = b + 2;
          while (r + 2 <= idEnd) {
            int n = t.u16(r);
            t.uint(PSK_IDENTITY_LENGTH, r, 2);
            t.bytes(PSK_IDENTITY, r + 2, Math.min(n, idEnd - r - 2));
            t.uint(PSK_OBFUSCATED_TICKET_AGE, r + 2 + n, 4);
            r += 2 + n + 4;
          }
          if (idEnd + 2 <= e) {
            int n = t.u16(idEnd);
            t.uint(PSK_BINDERS_LEN, idEnd, 2);
            t.object(PSK_BINDERS, idEnd + 2, Math.min(n, e - idEnd - 2), null);
          }
        }
        break;
      case 35: // session_ticket: the ticket as data
        if (len > 0) {
          t.bytes(EXT_DATA, b, len);
        } else {
          t.object(EXT_DATA, b, 0, "<MISSING>");
        }
        break;
      case 23: case 18: case 22: case 49: case 50: case 57:
        break;
      case 42: // early_data: empty in a Client Hello, which tshark shows without a data item
        if (len > 0) {
          t.bytes(EXT_DATA, b, len);
        }
        break;
      default:
        if (len > 0) {
          t.bytes(EXT_DATA, b, len);
        } else {
          t.object(EXT_DATA, b, 0, "<MISSING>"); // tshark's text for an empty extension's data
        }
        break;
    }
  }

  /** The SignedCertificateTimestampList of RFC 6962 section 3.3 (inside an OCTET STRING). */
  private void scts(Tree t, int p, int end) {
    if (end - p < 2 || t.u8(p) != 0x04) {
      return;
    }
    int q = p + 2;
    if ((t.u8(p + 1) & 0x80) != 0) {
      q += t.u8(p + 1) & 0x7f;
    }
    if (q + 2 > end) {
      return;
    }
    int total = t.u16(q);
    t.uint(SCTS_LENGTH, q, 2);
    int listEnd = Math.min(end, q + 2 + total);
    for (q += 2; q + 2 <= listEnd; ) {
      int n = t.u16(q);
      t.uint(SCT_LENGTH, q, 2);
      int s = q + 2;
      if (s + n > listEnd || n < 47) {
        break;
      }
      t.uint(SCT_VERSION, s, 1);
      t.bytes(SCT_LOGID, s + 1, 32);
      t.number(SCT_TIMESTAMP, s + 33, 8, t.u64(s + 33) * 1_000_000L);
      int ext = t.u16(s + 41);
      t.uint(SCT_EXTENSIONS_LENGTH, s + 41, 2);
      int r = s + 43 + ext;
      t.uint(SIG_HASH_ALG, r, 2);
      t.enter();
      t.uint(SIG_HASH_HASH, r, 1);
      t.uint(SIG_HASH_SIG, r + 1, 1);
      t.exit();
      int sl = t.u16(r + 2);
      t.uint(SCT_SIGNATURE_LENGTH, r + 2, 2);
      t.bytes(SCT_SIGNATURE, r + 4, Math.min(sl, s + n - r - 4));
      q = s + n;
    }
  }

  /** SSLv2-compatible Client Hello (RFC 5246 appendix E.2). */
  private void sslv2(Tree t, int p) {
    int len = ((t.u8(p) & 0x7f) << 8) | t.u8(p + 1);
    t.object(RECORD, p, 2 + len, null);
    t.enter();
    t.number(RECORD_VERSION, p, 0, SSLV2);
    t.number(RECORD_LENGTH, p, 2, len);
    int q = p + 2;
    t.uint(HS_TYPE, q, 1);
    t.uint(HS_VERSION, q + 1, 2);
    int specs = t.u16(q + 3);
    int sid = t.u16(q + 5);
    int challenge = t.u16(q + 7);
    t.uint(CIPHER_SPEC_LEN, q + 3, 2);
    t.uint(SESSION_ID_LENGTH, q + 5, 2);
    t.uint(CHALLENGE_LENGTH, q + 7, 2);
    int r = q + 9;
    // tshark's "Cipher Specs (n specs)" item is its tls.handshake.ciphersuites field.
    t.object(CIPHER_SUITES, r, specs, null);
    t.enter();
    for (int i = 0; i + 3 <= specs; i += 3) {
      t.uint(CIPHER_SPEC, r + i, 3);
    }
    t.exit();
    r += specs;
    if (sid > 0) {
      t.bytes(SESSION_ID, r, sid);
    }
    r += sid;
    t.object(CHALLENGE, r, challenge, null);
    t.exit();
  }

  /** The MD5 of {@code s} in lower-case hex (JA3 here, hassh in SSH). */
  static String md5(String s) {
    try {
      byte[] h = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.US_ASCII));
      StringBuilder sb = new StringBuilder(32);
      for (byte x : h) {
        sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- columns

  /**
   * Whether an earlier TLS layer of this frame showed records (a reassembled record before the
   * segment's own records): tshark then joins both layers' record names in one Info.
   */
  private boolean followsRecords(Tree t) {
    Dissection d = t.dissection();
    for (int i = t.layer() - 1; i > 0; i--) {
      if (d.dissector(i) == this && d.attachment(i) instanceof LayerInfo) {
        LayerInfo earlier = (LayerInfo) d.attachment(i);
        if (earlier.mode == MODE_RECORDS && earlier.records > 0) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public void columns(Tree t, Columns c) {
    LayerInfo info = (LayerInfo) t.attachment();
    if (info == null || info.mode == MODE_SCT || info.mode == MODE_QUIC) {
      return;
    }
    if (info.records == 0 && info.mode == MODE_RECORDS) {
      if (info.partialFirst && !followsRecords(t)) {
        // TCP would wait for the rest of the record: tshark shows its reassembly note (not
        // after the records of a PDU completed in this frame, whose Info stays).
        c.setInfo("[TCP segment of a reassembled PDU]");
      }
      return;
    }
    c.protocol = versionName(info.column);
    StringBuilder sb = c.info;
    if (!followsRecords(t)) {
      sb.setLength(0);
    }
    if (info.mode == MODE_CONTINUATION) {
      sb.append("Continuation Data");
      return;
    }
    if (info.mode == MODE_IGNORED) {
      sb.append("Ignored Unknown Record");
      return;
    }
    for (int i = 0; i < info.records; i++) {
      int p = info.start[i];
      int f = info.flags[i];
      if (sb.length() > 0) {
        sb.append(", ");
      }
      if (f < 0) {
        sb.append("Ignored Unknown Record");
        continue;
      }
      if ((f & R_SSLV2) != 0) {
        sb.append("Client Hello");
        continue;
      }
      int type = t.u8(p);
      int len = t.u16(p + 3);
      switch (type) {
        case CHANGE_CIPHER_SPEC_TYPE:
          sb.append("Change Cipher Spec");
          break;
        case ALERT:
          if ((f & R_ENCRYPTED) != 0) {
            sb.append("Encrypted Alert");
          } else {
            sb.append("Alert (Level: ").append(label(ALERT_LEVEL, t.u8(p + 5)))
                .append(", Description: ").append(label(ALERT_DESC, t.u8(p + 6))).append(')');
          }
          break;
        case HANDSHAKE_TYPE:
          if ((f & R_ENCRYPTED) != 0) {
            sb.append("Encrypted Handshake Message");
          } else {
            handshakeNames(t, p + 5, p + 5 + len, sb);
          }
          break;
        case APPLICATION_DATA:
          sb.append("Application Data");
          break;
        case HEARTBEAT:
          sb.append((f & R_ENCRYPTED) != 0 ? "Encrypted Heartbeat" : "Heartbeat");
          break;
        default:
          break;
      }
    }
  }

  private static String label(Field f, long v) {
    String s = f.valueLabel(v);
    return s != null ? s : "Unknown (" + v + ")";
  }

  private static void handshakeNames(Tree t, int p, int end, StringBuilder sb) {
    boolean first = true;
    while (end - p >= 4) {
      int type = t.u8(p);
      int len = t.u24(p + 1);
      if (!first) {
        sb.append(", ");
      }
      sb.append(label(HS_TYPE, type));
      first = false;
      if (len > end - p - 4) {
        break;
      }
      p += 4 + len;
    }
  }

  /** tshark's short version names for the Protocol column. */
  static String versionName(int v) {
    switch (v) {
      case SSLV2: return "SSLv2";
      case SSLV3: return "SSLv3";
      case 0x0301: return "TLSv1";
      case 0x0302: return "TLSv1.1";
      case 0x0303: return "TLSv1.2";
      case TLS13: return "TLSv1.3";
      case 0xfeff: return "DTLSv1.0";
      case 0xfefd: return "DTLSv1.2";
      case -1: return "SSL";
      default: return "TLS";
    }
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public List<Field> declaredFields() {
    List<Field> out = new ArrayList<>(super.declaredFields());
    for (Field f : X509Fields.of("x509af.", "x509if.", "pkcs1.modulus", "pkcs1.publicExponent")) {
      if (!out.contains(f)) {
        out.add(f);
      }
    }
    return out;
  }
}

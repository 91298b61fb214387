package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.Strings;
import java.util.Map;
import java.util.Set;

/**
 * LDAP (<a href="https://www.rfc-editor.org/rfc/rfc4511">RFC 4511</a>) on TCP ports 389 and 3268:
 * each message is one BER element,
 *
 * <pre>
 * LDAPMessage ::= SEQUENCE { messageID INTEGER, protocolOp CHOICE { [APPLICATION n] ... },
 *                            controls [0] SEQUENCE OF Control OPTIONAL }
 * </pre>
 *
 * or, once a SASL bind has set up a security layer
 * (<a href="https://www.rfc-editor.org/rfc/rfc4422#section-3.7">RFC 4422 section 3.7</a>), a
 * four-byte length and a SASL buffer (a GSS-API Wrap token for GSS-SPNEGO and GSSAPI).
 *
 * <p>As tshark 4.0 does: each message of a segment is a protocol item (and a level of
 * {@code -z io,phs}) of its own, but frame.protocols lists LDAP once per segment; a control whose
 * OID has a value dissector of LDAP's own (paged results, sort, dirsync...) lists LDAP once more,
 * and a SPNEGO token handed straight to SPNEGO (no GSS-API framing) lists {@code spnego}: both
 * are zero-length marker layers after the message, with no tree of their own. The security layer
 * is assumed from the frame after a SASL bind response, or when a segment looks like a Kerberos
 * Wrap token in a SASL buffer; the Info column then says how much encrypted payload it holds.
 * Search filters are shown by their choice only.
 */
public final class LdapDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  /** tshark's limit on a SASL buffer it believes (packet-ldap.h's LDAP_SASL_MAX_BUF). */
  private static final long SASL_MAX_BUF = 1024 * 1024;

  static final Map<Long, String> OPS = ValueNames.parse(
      """
      0=bindRequest|1=bindResponse|2=unbindRequest|3=searchRequest|4=searchResEntry|5=searchResDone|
      6=modifyRequest|7=modifyResponse|8=addRequest|9=addResponse|10=delRequest|11=delResponse|
      12=modDNRequest|13=modDNResponse|14=compareRequest|15=compareResponse|16=abandonRequest|
      19=searchResRef|23=extendedReq|24=extendedResp|25=intermediateResponse|
      """);
  static final Map<Long, String> RESULTS = ValueNames.parse(
      """
      0=success|1=operationsError|2=protocolError|3=timeLimitExceeded|4=sizeLimitExceeded|
      5=compareFalse|6=compareTrue|7=authMethodNotSupported|8=strongAuthRequired|10=referral|
      11=adminLimitExceeded|12=unavailableCriticalExtension|13=confidentialityRequired|
      14=saslBindInProgress|16=noSuchAttribute|17=undefinedAttributeType|18=inappropriateMatching|
      19=constraintViolation|20=attributeOrValueExists|21=invalidAttributeSyntax|32=noSuchObject|
      33=aliasProblem|34=invalidDNSyntax|36=aliasDereferencingProblem|48=inappropriateAuthentication|
      49=invalidCredentials|50=insufficientAccessRights|51=busy|52=unavailable|53=unwillingToPerform|
      54=loopDetect|64=namingViolation|65=objectClassViolation|66=notAllowedOnNonLeaf|
      67=notAllowedOnRDN|68=entryAlreadyExists|69=objectClassModsProhibited|71=affectsMultipleDSAs|
      80=other|118=canceled|119=noSuchOperation|120=tooLate|121=cannotCancel|122=assertionFailed|
      123=authorizationDenied|4096=e-syncRefreshRequired|
      """);
  static final Map<Long, String> SCOPES =
      ValueNames.parse("0=baseObject|1=singleLevel|2=wholeSubtree|");
  static final Map<Long, String> AUTHS =
      ValueNames.parse("0=simple|3=sasl|10=ntlmsspNegotiate|11=ntlmsspAuth|");
  /** Control OIDs whose values LDAP registers a dissector for (ldap.cnf's #.REGISTER). */
  static final Map<String, String> CONTROLS = Map.ofEntries(
      Map.entry("1.2.840.113556.1.4.319", "pagedResultsControl"),
      Map.entry("1.2.840.113556.1.4.473", "sortKeyList"),
      Map.entry("1.2.840.113556.1.4.474", "sortResult"),
      Map.entry("1.2.840.113556.1.4.841", "dirsync"),
      Map.entry("1.3.6.1.4.1.4203.1.11.1", "passwdModifyOID"),
      Map.entry("1.3.6.1.1.8", "cancelRequestOID"),
      Map.entry("1.3.6.1.4.1.4203.1.9.1.1", "syncRequestOID"),
      Map.entry("1.3.6.1.4.1.4203.1.9.1.2", "syncStateOID"),
      Map.entry("1.3.6.1.4.1.4203.1.9.1.3", "syncDoneOID"),
      Map.entry("1.3.6.1.4.1.4203.1.9.1.4", "syncInfoOID"),
      Map.entry("1.3.6.1.4.1.42.2.27.8.5.1", "passwordPolicy"));
  /** Operations whose first string is a DN that tshark puts in Info (hf objectName, name, entry, object). */
  private static final Set<Integer> DN_FIRST = Set.of(0, 4, 6, 8, 12, 14);

  public static final Field SASL_BUFFER_LENGTH = Field.u32("ldap.sasl_buffer_length", "SASL Buffer Length");
  public static final Field GSSAPI_ENCRYPTED_PAYLOAD =
      Field.bytes("ldap.gssapi_encrypted_payload", "GSS-API Encrypted payload");
  public static final Field MESSAGE = Field.none("ldap.LDAPMessage_element", "LDAPMessage");
  public static final Field MESSAGE_ID = Field.u32("ldap.messageID", "messageID");
  public static final Field PROTOCOL_OP = Field.u32("ldap.protocolOp", "protocolOp").labels(OPS);
  public static final Field BIND_REQUEST = Field.none("ldap.bindRequest_element", "bindRequest");
  public static final Field VERSION = Field.u32("ldap.version", "version");
  public static final Field NAME = Field.string("ldap.name", "name");
  public static final Field AUTHENTICATION = Field.u32("ldap.authentication", "authentication").labels(AUTHS);
  public static final Field SIMPLE = Field.string("ldap.simple", "simple");
  public static final Field SASL = Field.none("ldap.sasl_element", "sasl");
  public static final Field MECHANISM = Field.string("ldap.mechanism", "mechanism");
  public static final Field CREDENTIALS = Field.bytes("ldap.credentials", "credentials");
  public static final Field BIND_RESPONSE = Field.none("ldap.bindResponse_element", "bindResponse");
  public static final Field RESULT_CODE = Field.u32("ldap.resultCode", "resultCode").labels(RESULTS);
  public static final Field MATCHED_DN = Field.string("ldap.matchedDN", "matchedDN");
  public static final Field ERROR_MESSAGE = Field.string("ldap.errorMessage", "errorMessage");
  public static final Field SERVER_SASL_CREDS = Field.bytes("ldap.serverSaslCreds", "serverSaslCreds");
  public static final Field UNBIND_REQUEST = Field.none("ldap.unbindRequest_element", "unbindRequest");
  public static final Field SEARCH_REQUEST = Field.none("ldap.searchRequest_element", "searchRequest");
  public static final Field BASE_OBJECT = Field.string("ldap.baseObject", "baseObject");
  public static final Field SCOPE = Field.u32("ldap.scope", "scope").labels(SCOPES);
  public static final Field DEREF_ALIASES = Field.u32("ldap.derefAliases", "derefAliases").labels(ValueNames.parse(
      "0=neverDerefAliases|1=derefInSearching|2=derefFindingBaseObj|3=derefAlways|"));
  public static final Field SIZE_LIMIT = Field.u32("ldap.sizeLimit", "sizeLimit");
  public static final Field TIME_LIMIT = Field.u32("ldap.timeLimit", "timeLimit");
  public static final Field TYPES_ONLY = Field.bool("ldap.typesOnly", "typesOnly");
  public static final Field FILTER = Field.u32("ldap.filter", "filter").labels(ValueNames.parse(
      """
      0=and|1=or|2=not|3=equalityMatch|4=substrings|5=greaterOrEqual|6=lessOrEqual|7=present|
      8=approxMatch|9=extensibleMatch|
      """));
  public static final Field ATTRIBUTES = Field.u32("ldap.attributes", "attributes").shown(LdapDissector::items);
  public static final Field ATTRIBUTE_DESCRIPTION = Field.string("ldap.AttributeDescription", "AttributeDescription");
  public static final Field SEARCH_RES_ENTRY = Field.none("ldap.searchResEntry_element", "searchResEntry");
  public static final Field OBJECT_NAME = Field.string("ldap.objectName", "objectName");
  public static final Field PARTIAL_ATTRIBUTE =
      Field.none("ldap.PartialAttributeList_item_element", "PartialAttributeList item");
  public static final Field TYPE = Field.string("ldap.type", "type");
  public static final Field VALS = Field.u32("ldap.vals", "vals").shown(LdapDissector::items);
  public static final Field ATTRIBUTE_VALUE = Field.bytes("ldap.AttributeValue", "AttributeValue");
  public static final Field SEARCH_RES_DONE = Field.none("ldap.searchResDone_element", "searchResDone");
  public static final Field SEARCH_RES_REF = Field.u32("ldap.searchResRef", "searchResRef").shown(LdapDissector::items);
  public static final Field LDAPURL = Field.string("ldap.LDAPURL", "LDAPURL");
  public static final Field CONTROLS_FIELD = Field.u32("ldap.controls", "controls").shown(LdapDissector::items);
  public static final Field CONTROL = Field.none("ldap.Control_element", "Control");
  public static final Field CONTROL_TYPE = Field.string("ldap.controlType", "controlType");
  public static final Field CRITICALITY = Field.bool("ldap.criticality", "criticality");
  public static final Field CONTROL_VALUE = Field.bytes("ldap.controlValue", "controlValue");

  // Annotations of a message layer (set by the first pass, read by the walkers).
  private static final int A_KIND = 0;
  private static final int A_RESULTS = 1;
  private static final int A_SPNEGO_CREDS = 2;
  private static final int SLOTS = 3;
  /** Kinds of layer. */
  private static final int PLAIN = 0;
  private static final int SASL_WRAPPED = 1;
  private static final int SASL_GSS = 2;

  /** What tshark keeps per conversation: the bind's authentication, and results counted. */
  private static final class Session {
    boolean sasl;
    String mechanism;
    long firstAuthFrame;
    int results;
  }

  public LdapDissector() {
    super("ldap", "Lightweight Directory Access Protocol", "LDAP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, 389, this);
    p.map(Protocols.Table.TCP_PORT, 3268, this);
  }

  private static String items(long n) {
    return n + (n == 1 ? " item" : " items");
  }

  private Session session(Dissection d, int layer) {
    return PerStream.ofTcp(d, this, Transport.find(d, layer), Session::new);
  }

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    if (avail < 4) {
      return MORE;
    }
    long saslLen = BerReader.unsigned(b, off, 4);
    Session s = PerStream.ofTcp(d, this, tcpLayer, Session::new);
    if (s.sasl && saslLen >= 2 && saslLen <= SASL_MAX_BUF) {
      return (int) saslLen + 4;
    }
    if ((b[off] & 0xff) == 0x30) {
      if (avail < 7) {
        return MORE;
      }
      int first = b[off + 1] & 0xff;
      long len = first;
      int header = 2;
      if (first >= 0x80) {
        int n = first & 0x7f;
        len = n > 4 ? -1 : BerReader.unsigned(b, off + 2, Math.min(n, avail - 2));
        header = 2 + n;
        if (n > avail - 2) {
          return MORE;
        }
      }
      if (len >= 2) {
        return (int) Math.min(Integer.MAX_VALUE - 1, len + header);
      }
    }
    // tshark's last guess: a SASL buffer that fills the segment exactly.
    return saslLen + 4 == avail ? avail : NOT_MINE;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int e = d.end(layer);
    d.payload(e, e);
    if (s == e) {
      return null; // a marker after a message (see the class comment)
    }
    Session session = session(d, layer);
    byte[] b = d.data();
    d.annotate(layer, SLOTS);
    d.setAnnotation(layer, A_RESULTS, session.results);
    boolean securityLayer = session.sasl && session.firstAuthFrame != 0 && d.number() >= session.firstAuthFrame;
    if (!securityLayer && e - s >= 6) {
      long saslLen = BerReader.unsigned(b, s, 4);
      int b4 = b[s + 4] & 0xff;
      if (saslLen + 4 <= e - s && (b4 == 0x05 && (b[s + 5] & 0xff) == 0x04 || b4 == 0x60)) {
        session.sasl = true;
        session.firstAuthFrame = d.number();
        session.mechanism = "UNKNOWN";
        securityLayer = true;
      }
    }
    if (securityLayer && b[s] == 0) {
      boolean gss = "GSS-SPNEGO".equals(session.mechanism) || "GSSAPI".equals(session.mechanism);
      d.setAnnotation(layer, A_KIND, gss ? SASL_GSS : SASL_WRAPPED);
      return null;
    }
    Marks marks = new Marks();
    BerReader r = new BerReader();
    for (int p = s; e - p >= 6 && r.read(b, p, e) && r.is(BerReader.UNIVERSAL, true, 16); p = r.end) {
      first(d, layer, session, b, r.contentStart, r.end, marks);
    }
    if (marks.spnego) {
      d.setAnnotation(layer, A_SPNEGO_CREDS, 1);
      Dissector spnego = d.protocols().byName("spnego");
      if (spnego != null) {
        return spnego;
      }
    }
    return marks.control ? this : null;
  }

  /** Which marker layers a segment's messages call for. */
  private static final class Marks {
    boolean spnego;
    boolean control;
  }

  /** The first pass over one message's contents {@code [from, to)}: conversation state and markers. */
  private static void first(Dissection d, int layer, Session session, byte[] b, int from, int to, Marks marks) {
    BerReader r = new BerReader();
    if (!r.read(b, from, to) || !r.read(b, r.end, to) || r.tagClass != BerReader.APPLICATION) {
      return;
    }
    int op = r.tag;
    int opEnd = r.end;
    BerReader f = new BerReader();
    int p = r.contentStart;
    if (op == 0 && f.read(b, p, opEnd) && f.read(b, f.end, opEnd) && f.read(b, f.end, opEnd)) {
      // version, name, then the authentication choice
      if (f.tagClass == BerReader.CONTEXT && f.tag == 0) {
        session.sasl = false;
      } else if (f.tagClass == BerReader.CONTEXT && f.tag == 3) {
        session.sasl = true;
        BerReader m = new BerReader();
        int end = f.end;
        if (m.read(b, f.contentStart, end)) {
          session.mechanism = new String(b, m.contentStart, m.length(), java.nio.charset.StandardCharsets.UTF_8);
          session.firstAuthFrame = 0;
          if (m.read(b, m.end, end) && m.length() > 0 && (b[m.contentStart] & 0xc0) == 0x80) {
            marks.spnego = true; // a bare SPNEGO token: tshark calls SPNEGO itself
          }
        }
      }
    } else if (op == 1 && session.sasl) {
      // resultCode, matchedDN, errorMessage, referral [3]?, serverSaslCreds [7]?
      for (p = r.contentStart; f.read(b, p, opEnd); p = f.end) {
        if (f.tagClass == BerReader.CONTEXT && f.tag == 7) {
          session.firstAuthFrame = d.number() + 1;
          boolean ntlm = f.length() >= 7 && new String(b, f.contentStart, 7, java.nio.charset.StandardCharsets.ISO_8859_1)
              .equals("NTLMSSP");
          if ("GSS-SPNEGO".equals(session.mechanism) && !ntlm && f.length() > 0
              && (b[f.contentStart] & 0xc0) == 0x80) {
            marks.spnego = true;
          }
        }
      }
    } else if (op == 4) {
      session.results++;
    }
    // controls [0] SEQUENCE OF Control { controlType LDAPOID, criticality BOOLEAN?, controlValue? }
    if (r.read(b, opEnd, to) && r.tagClass == BerReader.CONTEXT && r.tag == 0 && r.constructed) {
      for (p = r.contentStart; f.read(b, p, r.end); p = f.end) {
        BerReader t = new BerReader();
        if (!t.read(b, f.contentStart, f.end)) {
          continue;
        }
        String oid = new String(b, t.contentStart, t.length(), java.nio.charset.StandardCharsets.UTF_8);
        BerReader v = new BerReader();
        boolean hasValue = false;
        for (int q = t.end; v.read(b, q, f.end); q = v.end) {
          hasValue |= v.is(BerReader.UNIVERSAL, false, 4);
        }
        if (hasValue && CONTROLS.containsKey(oid)) {
          marks.control = true;
        }
      }
    }
  }

  /** Whether layer {@code layer} is a zero-length marker rather than a message. */
  private static boolean marker(Dissection d, int layer) {
    return d.start(layer) == d.end(layer);
  }

  @Override
  public boolean hiddenInTree(Dissection d, int layer) {
    return marker(d, layer);
  }

  /** The second and later messages of a segment are no layers of their own in frame.protocols. */
  @Override
  public boolean listedInProtocols(Dissection d, int layer) {
    return marker(d, layer) || layer == 0 || d.dissector(layer - 1) != this;
  }

  @Override
  public void fields(Tree t) {
    if (t.length() == 0) {
      return;
    }
    new Walker(t, null).layer();
  }

  @Override
  public void columns(Tree t, Columns c) {
    Dissection d = t.dissection();
    if (marker(d, t.layer())) {
      return;
    }
    c.protocol = columnName();
    StringBuilder info = new StringBuilder();
    new Walker(t, info).layer();
    int prev = t.layer() - 1;
    if (prev >= 0 && d.dissector(prev) == this) {
      c.info.append(" | ").append(info);
    } else {
      c.setInfo(info.toString());
    }
  }

  /** Walks a layer for its fields, or with {@code info} only builds its Info text. */
  private static final class Walker {
    final Tree t;
    final byte[] b;
    final int base;
    final StringBuilder info;
    final boolean tree;
    int results;

    Walker(Tree t, StringBuilder info) {
      this.t = t;
      this.b = t.data();
      this.base = t.start();
      this.info = info;
      this.tree = info == null;
      this.results = (int) t.annotation(A_RESULTS);
    }

    int rel(int abs) {
      return abs - base;
    }

    String utf8(BerReader r) {
      return new String(b, r.contentStart, r.length(), java.nio.charset.StandardCharsets.UTF_8);
    }

    void layer() {
      int end = base + t.length();
      int kind = (int) t.annotation(A_KIND);
      if (kind != PLAIN) {
        sasl(end, kind);
        return;
      }
      BerReader r = new BerReader();
      for (int p = base; end - p >= 6 && r.read(b, p, end) && r.is(BerReader.UNIVERSAL, true, 16); p = r.end) {
        message(r.start, r.contentStart, r.end);
      }
    }

    /** A SASL buffer: its length, and for GSS-API mechanisms the Wrap token's encrypted payload. */
    void sasl(int end, int kind) {
      long len = BerReader.unsigned(b, base, 4);
      if (tree) {
        t.number(SASL_BUFFER_LENGTH, 0, 4, len);
      }
      if (kind != SASL_GSS || end - base < 4 + 16) {
        return;
      }
      int tok = base + 4;
      // RFC 4121 section 4.2.6.2: a Wrap token (0x0504) has a 16-byte header, EC and RRC; a
      // sealed one carries its encrypted header copy and checksum (EC + RRC + 16) before the data.
      if ((b[tok] & 0xff) != 0x05 || (b[tok + 1] & 0xff) != 0x04) {
        return;
      }
      boolean sealed = (b[tok + 2] & 0x02) != 0;
      int ec = (b[tok + 4] & 0xff) << 8 | (b[tok + 5] & 0xff);
      int rrc = (b[tok + 6] & 0xff) << 8 | (b[tok + 7] & 0xff);
      long verLen = sealed ? 16L + ec + rrc + 16 : 16L + rrc;
      if (!sealed || verLen > len) {
        return;
      }
      long payload = len - verLen;
      if (tree) {
        int at = (int) (tok + verLen);
        t.bytes(GSSAPI_ENCRYPTED_PAYLOAD, rel(at), Math.max(0, end - at));
      } else {
        info.setLength(0);
        info.append("SASL GSS-API Privacy: payload (").append(payload).append(payload == 1 ? " byte)" : " bytes)");
      }
    }

    void message(int start, int from, int to) {
      if (tree) {
        t.object(MESSAGE, rel(start), to - start, null);
        t.enter();
      }
      BerReader r = new BerReader();
      if (!r.read(b, from, to) || !r.is(BerReader.UNIVERSAL, false, 2)) {
        exit();
        return;
      }
      long id = BerReader.unsigned(b, r.contentStart, r.length());
      if (tree) {
        t.number(MESSAGE_ID, rel(r.contentStart), r.length(), id);
      }
      if (!r.read(b, r.end, to) || r.tagClass != BerReader.APPLICATION) {
        exit();
        return;
      }
      int op = r.tag;
      String opName = OPS.getOrDefault((long) op, "Unknown (" + op + ")");
      if (info != null) {
        info.append(opName).append('(').append(id).append(") ");
      }
      if (tree) {
        t.number(PROTOCOL_OP, rel(r.start), r.end - r.start, op);
        t.enter();
      }
      int opEnd = r.end;
      operation(op, r.start, r.contentStart, opEnd, r.constructed);
      if (tree) {
        t.exit();
      }
      if (r.read(b, opEnd, to) && r.tagClass == BerReader.CONTEXT && r.tag == 0 && r.constructed) {
        controls(r.start, r.contentStart, r.end);
      }
      exit();
    }

    void exit() {
      if (tree) {
        t.exit();
      }
    }

    void operation(int op, int start, int from, int to, boolean constructed) {
      Field element = switch (op) {
        case 0 -> BIND_REQUEST;
        case 1 -> BIND_RESPONSE;
        case 2 -> UNBIND_REQUEST;
        case 3 -> SEARCH_REQUEST;
        case 4 -> SEARCH_RES_ENTRY;
        case 5 -> SEARCH_RES_DONE;
        default -> null;
      };
      if (op == 19) {
        searchResRef(start, from, to);
        return;
      }
      if (element == null) {
        if (info != null) {
          dnInfo(op, from, to);
        }
        return;
      }
      if (tree) {
        t.object(element, rel(start), to - start, null);
        t.enter();
      }
      switch (op) {
        case 0 -> bindRequest(from, to);
        case 1, 5 -> result(op, from, to);
        case 3 -> searchRequest(from, to);
        case 4 -> searchResEntry(from, to);
        default -> { }
      }
      if (tree) {
        t.exit();
      }
    }

    /** Info for the operations not walked: the DN some of them start with. */
    void dnInfo(int op, int from, int to) {
      BerReader r = new BerReader();
      if (op == 10) {
        info.append('"').append(dn(from, to - from)).append("\" ");
      } else if (DN_FIRST.contains(op) && r.read(b, from, to) && r.is(BerReader.UNIVERSAL, false, 4)) {
        info.append('"').append(dn(r.contentStart, r.length())).append("\" ");
      } else if (op % 2 == 1 && op >= 7 && op <= 15 || op == 24) {
        result(op, from, to);
      }
    }

    String dn(int at, int len) {
      return len == 0 ? "<ROOT>" : Strings.printable(b, at, len);
    }

    void bindRequest(int from, int to) {
      BerReader r = new BerReader();
      if (!r.read(b, from, to)) {
        return;
      }
      if (tree) {
        t.number(VERSION, rel(r.contentStart), r.length(), BerReader.unsigned(b, r.contentStart, r.length()));
      }
      if (!r.read(b, r.end, to)) {
        return;
      }
      if (tree) {
        t.object(NAME, rel(r.contentStart), r.length(), utf8(r));
      } else {
        info.append('"').append(dn(r.contentStart, r.length())).append("\" ");
      }
      if (!r.read(b, r.end, to) || r.tagClass != BerReader.CONTEXT) {
        return;
      }
      int auth = r.tag;
      if (info != null) {
        if (auth != 10 && auth != 11) {
          info.append(AUTHS.getOrDefault((long) auth, "Unknown auth(" + auth + ")")).append(' ');
        }
        return;
      }
      t.number(AUTHENTICATION, rel(r.start), r.end - r.start, auth);
      t.enter();
      if (auth == 0) {
        t.object(SIMPLE, rel(r.contentStart), r.length(), utf8(r));
      } else if (auth == 3) {
        t.object(SASL, rel(r.start), r.end - r.start, null);
        t.enter();
        BerReader m = new BerReader();
        int end = r.end;
        if (m.read(b, r.contentStart, end)) {
          t.object(MECHANISM, rel(m.contentStart), m.length(), utf8(m));
          if (m.read(b, m.end, end)) {
            t.bytes(CREDENTIALS, rel(m.contentStart), m.length());
            int cls = m.length() > 0 ? (b[m.contentStart] & 0xff) >> 6 : -1;
            if (cls == BerReader.CONTEXT || cls == BerReader.APPLICATION) {
              SpnegoDissector.blob(t, rel(m.contentStart), m.length());
            }
          }
        }
        t.exit();
      }
      t.exit();
    }

    /** LDAPResult (and BindResponse, which extends it): resultCode, matchedDN, errorMessage... */
    void result(int op, int from, int to) {
      BerReader r = new BerReader();
      if (!r.read(b, from, to)) {
        return;
      }
      long code = BerReader.unsigned(b, r.contentStart, r.length());
      if (tree) {
        t.number(RESULT_CODE, rel(r.contentStart), r.length(), code);
      } else {
        info.append(RESULTS.getOrDefault(code, "Unknown result(" + code + ")")).append(' ');
      }
      if (r.read(b, r.end, to) && tree) {
        t.object(MATCHED_DN, rel(r.contentStart), r.length(), utf8(r));
      }
      if (r.error == BerReader.OK && r.read(b, r.end, to)) {
        if (tree) {
          t.object(ERROR_MESSAGE, rel(r.contentStart), r.length(), utf8(r));
        } else if (r.length() > 0) {
          info.append('(').append(Strings.printable(b, r.contentStart, r.length())).append(") ");
        }
      }
      while (r.error == BerReader.OK && r.read(b, r.end, to)) {
        if (op == 1 && r.tagClass == BerReader.CONTEXT && r.tag == 7 && tree) {
          t.bytes(SERVER_SASL_CREDS, rel(r.contentStart), r.length());
          if (t.annotation(A_SPNEGO_CREDS) != 0 && r.length() > 0) {
            SpnegoDissector.blob(t, rel(r.contentStart), r.length());
          }
        }
      }
      if (op == 5 && info != null) {
        info.append(" [").append(results).append(results == 1 ? " result]" : " results]");
      }
    }

    void searchRequest(int from, int to) {
      BerReader r = new BerReader();
      if (!r.read(b, from, to)) {
        return;
      }
      if (tree) {
        t.object(BASE_OBJECT, rel(r.contentStart), r.length(), utf8(r));
      } else {
        info.append('"').append(dn(r.contentStart, r.length())).append("\" ");
      }
      Field[] numbers = {SCOPE, DEREF_ALIASES, SIZE_LIMIT, TIME_LIMIT};
      for (Field f : numbers) {
        if (!r.read(b, r.end, to)) {
          return;
        }
        long v = BerReader.unsigned(b, r.contentStart, r.length());
        if (tree) {
          t.number(f, rel(r.contentStart), r.length(), v);
        } else if (f == SCOPE) {
          info.append(SCOPES.getOrDefault(v, "Unknown scope(" + v + ")")).append(' ');
          return;
        }
      }
      if (!r.read(b, r.end, to)) {
        return;
      }
      t.number(TYPES_ONLY, rel(r.contentStart), r.length(), r.length() > 0 && b[r.contentStart] != 0 ? 1 : 0);
      if (!r.read(b, r.end, to)) {
        return;
      }
      t.number(FILTER, rel(r.start), r.end - r.start, r.tag);
      if (r.read(b, r.end, to) && r.is(BerReader.UNIVERSAL, true, 16)) {
        list(ATTRIBUTES, ATTRIBUTE_DESCRIPTION, r.start, r.contentStart, r.end);
      }
    }

    /** How many whole elements {@code [from, to)} holds (a SEQUENCE OF's item count). */
    int count(int from, int to) {
      BerReader e = new BerReader();
      int n = 0;
      for (int p = from; e.read(b, p, to); p = e.end) {
        n++;
      }
      return n;
    }

    /** A SEQUENCE OF strings at {@code start} with contents {@code [from, to)}: its count, then each. */
    void list(Field count, Field item, int start, int from, int to) {
      t.number(count, rel(start), to - start, count(from, to));
      t.enter();
      BerReader e = new BerReader();
      for (int p = from; e.read(b, p, to); p = e.end) {
        t.object(item, rel(e.contentStart), e.length(), utf8(e));
      }
      t.exit();
    }

    void searchResEntry(int from, int to) {
      results++;
      BerReader r = new BerReader();
      if (!r.read(b, from, to)) {
        return;
      }
      if (!tree) {
        info.append('"').append(dn(r.contentStart, r.length())).append("\" ");
        return;
      }
      t.object(OBJECT_NAME, rel(r.contentStart), r.length(), utf8(r));
      if (!r.read(b, r.end, to)) {
        return;
      }
      BerReader a = new BerReader();
      t.number(ATTRIBUTES, rel(r.start), r.end - r.start, count(r.contentStart, r.end));
      t.enter();
      for (int p = r.contentStart; a.read(b, p, r.end); p = a.end) {
        t.object(PARTIAL_ATTRIBUTE, rel(a.start), a.end - a.start, null);
        t.enter();
        BerReader x = new BerReader();
        if (x.read(b, a.contentStart, a.end)) {
          t.object(TYPE, rel(x.contentStart), x.length(), utf8(x));
          if (x.read(b, x.end, a.end)) {
            BerReader v = new BerReader();
            t.number(VALS, rel(x.start), x.end - x.start, count(x.contentStart, x.end));
            t.enter();
            for (int q = x.contentStart; v.read(b, q, x.end); q = v.end) {
              t.bytes(ATTRIBUTE_VALUE, rel(v.contentStart), v.length());
            }
            t.exit();
          }
        }
        t.exit();
      }
      t.exit();
    }

    void searchResRef(int start, int from, int to) {
      if (tree) {
        list(SEARCH_RES_REF, LDAPURL, start, from, to);
      }
    }

    void controls(int start, int from, int to) {
      if (!tree) {
        return;
      }
      BerReader c = new BerReader();
      t.number(CONTROLS_FIELD, rel(start), to - start, count(from, to));
      t.enter();
      for (int p = from; c.read(b, p, to); p = c.end) {
        t.object(CONTROL, rel(c.start), c.end - c.start, null);
        t.enter();
        BerReader x = new BerReader();
        String oid = null;
        for (int q = c.contentStart; x.read(b, q, c.end); q = x.end) {
          if (x.is(BerReader.UNIVERSAL, false, 4) && oid == null) {
            oid = utf8(x);
            t.object(CONTROL_TYPE, rel(x.contentStart), x.length(), oid);
          } else if (x.is(BerReader.UNIVERSAL, false, 1)) {
            t.number(CRITICALITY, rel(x.contentStart), x.length(), x.length() > 0 && b[x.contentStart] != 0 ? 1 : 0);
          } else if (x.is(BerReader.UNIVERSAL, false, 4) && !CONTROLS.containsKey(oid)) {
            t.bytes(CONTROL_VALUE, rel(x.contentStart), x.length());
          }
        }
        t.exit();
      }
      t.exit();
    }
  }
}

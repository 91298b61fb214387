package io.netsift.core.dissect.proto.tls;

import static io.netsift.core.dissect.proto.tls.X509Fields.*;

import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.Strings;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Walks X.509 certificates (<a href="https://www.rfc-editor.org/rfc/rfc5280">RFC 5280</a>)
 * with {@link Der}, in one of two modes. Collecting (first pass): records in an
 * {@link X509Chain} every value tshark hands to another protocol by object identifier, in
 * depth-first order, so each becomes a layer. Emitting (field walk): reports the fields of the
 * current layer through its {@link Tree} and skips the values that are layers of their own.
 * Every element is length-checked against its parent; a malformed element ends the walk of
 * its parent quietly (tshark's BER errors are not reproduced).
 */
public final class X509Walker {
  // Kinds of values handed to other protocols (layer annotations).
  public static final int SAT_COUNTRY = 1;
  public static final int SAT_DIRECTORY = 2;
  public static final int SAT_PRINTABLE = 3;
  public static final int SAT_IA5 = 4;
  public static final int CE_SKI = 10;
  public static final int CE_KU = 11;
  public static final int CE_SAN = 12;
  public static final int CE_BC = 13;
  public static final int CE_CRLDP = 14;
  public static final int CE_CP = 15;
  public static final int CE_AKI = 16;
  public static final int CE_EKU = 17;
  public static final int CE_OTHER = 18;
  public static final int IMP_AIA = 20;
  public static final int IMP_UNOTICE = 21;
  public static final int EXP_CPS = 30;
  public static final int PKCS1_EC = 40;
  public static final int NS_CERT_TYPE = 50;
  public static final int NS_COMMENT = 51;
  public static final int LOGOTYPE = 60;
  public static final int TLS_SCT = 70;

  private static final int MAX_DEPTH = 24;

  /** An extension whose OID tshark 4.0 has no dissector for ({@link #extensionKind} 0). */
  public static final io.netsift.core.dissect.Expert OID_NOT_IMPLEMENTED = new io.netsift.core.dissect.Expert(
      "ber.error.oid_not_implemented", io.netsift.core.dissect.Expert.Severity.WARNING, "Undecoded",
      "BER: Dissector for OID not implemented. Contact Wireshark developers if you want this supported");

  private final Tree t;
  private final byte[] b;
  private final X509Chain chain;
  private final Protocols protocols;
  private final boolean emit;
  private int depth;

  /** A walker that emits fields through {@code t}. */
  public X509Walker(Tree t) {
    this.t = t;
    this.b = t.data();
    this.chain = null;
    this.protocols = null;
    this.emit = true;
  }

  /** A walker that collects the values of other protocols into {@code chain}. */
  public X509Walker(byte[] b, X509Chain chain, Protocols protocols) {
    this.t = null;
    this.b = b;
    this.chain = chain;
    this.protocols = protocols;
    this.emit = false;
  }

  /** The protocol (filter name) that dissects values of {@code kind}. */
  public static String protocolOf(int kind) {
    if (kind < 10) {
      return "x509sat";
    } else if (kind < 20) {
      return "x509ce";
    } else if (kind < 30) {
      return "pkix1implicit";
    } else if (kind < 40) {
      return "pkix1explicit";
    } else if (kind < 50) {
      return "pkcs-1";
    } else if (kind < 60) {
      return "ns_cert_exts";
    } else if (kind < 70) {
      return "logotypecertextn";
    }
    return "tls";
  }

  static int attributeKind(String oid) {
    if (oid == null) {
      return 0;
    }
    switch (oid) {
      case "2.5.4.6": return SAT_COUNTRY;
      case "2.5.4.5": return SAT_PRINTABLE;
      case "1.2.840.113549.1.9.1": return SAT_IA5;
      case "2.5.4.3": case "2.5.4.4": case "2.5.4.7": case "2.5.4.8": case "2.5.4.9": case "2.5.4.10":
      case "2.5.4.11": case "2.5.4.12": case "2.5.4.13": case "2.5.4.15": case "2.5.4.17": case "2.5.4.41":
      case "2.5.4.42": case "2.5.4.43": case "2.5.4.44": case "2.5.4.65":
        return SAT_DIRECTORY;
      default:
        return 0;
    }
  }

  static int extensionKind(String oid) {
    if (oid == null) {
      return 0;
    }
    switch (oid) {
      case "2.5.29.14": return CE_SKI;
      case "2.5.29.15": return CE_KU;
      case "2.5.29.17": case "2.5.29.18": return CE_SAN;
      case "2.5.29.19": return CE_BC;
      case "2.5.29.31": return CE_CRLDP;
      case "2.5.29.32": return CE_CP;
      case "2.5.29.35": return CE_AKI;
      case "2.5.29.37": return CE_EKU;
      case "1.3.6.1.5.5.7.1.1": case "1.3.6.1.5.5.7.1.11": return IMP_AIA;
      case "2.16.840.1.113730.1.1": return NS_CERT_TYPE;
      case "2.16.840.1.113730.1.13": return NS_COMMENT;
      case "1.3.6.1.5.5.7.1.12": return LOGOTYPE;
      case "1.3.6.1.4.1.11129.2.4.2": return TLS_SCT;
      case "2.5.29.9": case "2.5.29.16": case "2.5.29.20": case "2.5.29.21": case "2.5.29.23":
      case "2.5.29.24": case "2.5.29.27": case "2.5.29.28": case "2.5.29.29": case "2.5.29.30":
      case "2.5.29.33": case "2.5.29.36": case "2.5.29.46": case "2.5.29.54":
        return CE_OTHER; // registered with x509ce; their fields are not reported yet
      default:
        return 0; // tshark has no dissector for it (the obsolete 2.5.29.1, for instance)
    }
  }

  // ---- emits (no-ops while collecting) ----

  private void num(Field f, Der x, long v) {
    if (emit) {
      t.number(f, x.start - t.start(), x.end() - x.start, v);
    }
  }

  private void none(Field f, Der x) {
    if (emit) {
      t.object(f, x.start - t.start(), x.end() - x.start, null);
    }
  }

  private void bytes(Field f, int at, int len) {
    if (emit && len >= 0) {
      t.bytes(f, at - t.start(), len);
    }
  }

  private void oid(Field f, Der x) {
    if (emit) {
      String s = Der.oid(b, x.value, x.length);
      if (s != null) {
        t.object(f, x.value - t.start(), x.length, s);
      }
    }
  }

  private void string(Field f, Der x) {
    if (emit) {
      t.object(f, x.value - t.start(), x.length, text(x));
    }
  }

  private String text(Der x) {
    switch (x.tag) {
      case Der.UTF8_STRING:
        return new String(b, x.value, x.length, StandardCharsets.UTF_8);
      case Der.BMP_STRING:
        return new String(b, x.value, x.length & ~1, StandardCharsets.UTF_16BE);
      case Der.UNIVERSAL_STRING:
        return new String(b, x.value, x.length & ~3, java.nio.charset.Charset.forName("UTF-32BE"));
      default:
        return Strings.printable(b, x.value, x.length);
    }
  }

  private void enter() {
    if (emit) {
      t.enter();
    }
  }

  private void exit() {
    if (emit) {
      t.exit();
    }
  }

  /** A value of another protocol: a layer when collecting, skipped when emitting. */
  private void sub(int kind, int from, int to) {
    if (kind == 0 || emit || depth > MAX_DEPTH) {
      return;
    }
    io.netsift.core.dissect.Dissector p = protocols.byName(protocolOf(kind));
    if (p == null) {
      return;
    }
    chain.add(p, from, to, kind);
    if (kind != TLS_SCT) {
      depth++;
      value(kind, from, to);
      depth--;
    }
  }

  private int count(int from, int to) {
    Der x = new Der();
    int n = 0;
    for (int p = from; p < to && x.read(b, p, to); p = x.end()) {
      n++;
    }
    return n;
  }

  // ---- structures ----

  /** One Certificate ({@code SEQUENCE {tbsCertificate, signatureAlgorithm, signature}}). */
  public void certificate(int from, int to) {
    Der cert = new Der();
    if (!cert.read(b, from, to) || cert.tag != Der.SEQUENCE) {
      return;
    }
    int end = cert.end();
    Der x = new Der();
    if (!x.read(b, cert.value, end) || x.tag != Der.SEQUENCE) {
      return;
    }
    none(AF_SIGNED_CERTIFICATE, x);
    enter();
    tbs(x.value, x.end());
    exit();
    int p = x.end();
    if (x.read(b, p, end) && x.tag == Der.SEQUENCE) {
      none(AF_ALGORITHM_IDENTIFIER, x);
      enter();
      algorithm(x.value, x.end());
      exit();
      p = x.end();
      if (x.read(b, p, end) && x.tag == Der.BIT_STRING && x.length >= 1) {
        bytes(AF_ENCRYPTED, x.value + 1, x.length - 1);
      }
    }
  }

  private void tbs(int p, int end) {
    Der x = new Der();
    if (!x.read(b, p, end)) {
      return;
    }
    if (x.tag == 0xa0) {
      Der v = new Der();
      if (v.read(b, x.value, x.end()) && v.tag == Der.INTEGER) {
        num(AF_VERSION, v, Der.integer(b, v.value, v.length));
      }
      p = x.end();
      if (!x.read(b, p, end)) {
        return;
      }
    }
    if (x.tag != Der.INTEGER) {
      return;
    }
    bytes(AF_SERIAL_NUMBER, x.value, x.length);
    p = x.end();
    if (!x.read(b, p, end) || x.tag != Der.SEQUENCE) {
      return;
    }
    none(AF_SIGNATURE, x);
    enter();
    algorithm(x.value, x.end());
    exit();
    p = x.end();
    if (!x.read(b, p, end) || x.tag != Der.SEQUENCE) {
      return;
    }
    name(x, AF_ISSUER, IF_RDN_SEQUENCE);
    p = x.end();
    if (!x.read(b, p, end) || x.tag != Der.SEQUENCE) {
      return;
    }
    none(AF_VALIDITY, x);
    enter();
    Der time = new Der();
    if (time.read(b, x.value, x.end())) {
      time(AF_NOT_BEFORE, time);
      if (time.read(b, time.end(), x.end())) {
        time(AF_NOT_AFTER, time);
      }
    }
    exit();
    p = x.end();
    if (!x.read(b, p, end) || x.tag != Der.SEQUENCE) {
      return;
    }
    name(x, AF_SUBJECT, AF_RDN_SEQUENCE);
    p = x.end();
    if (!x.read(b, p, end) || x.tag != Der.SEQUENCE) {
      return;
    }
    publicKeyInfo(x);
    p = x.end();
    while (x.read(b, p, end)) {
      p = x.end();
      if (x.tag == 0xa3) {
        Der seq = new Der();
        if (seq.read(b, x.value, x.end()) && seq.tag == Der.SEQUENCE) {
          extensions(seq);
        }
      }
    }
  }

  private void publicKeyInfo(Der spki) {
    none(AF_SPKI, spki);
    enter();
    Der x = new Der();
    String alg = null;
    if (x.read(b, spki.value, spki.end()) && x.tag == Der.SEQUENCE) {
      none(AF_ALGORITHM, x);
      enter();
      alg = algorithm(x.value, x.end());
      exit();
      if (x.read(b, x.end(), spki.end()) && x.tag == Der.BIT_STRING && x.length >= 1) {
        bytes(AF_SUBJECT_PUBLIC_KEY, x.value + 1, x.length - 1);
        if ("1.2.840.113549.1.1.1".equals(alg)) {
          enter();
          Der key = new Der();
          if (key.read(b, x.value + 1, x.end()) && key.tag == Der.SEQUENCE) {
            Der i = new Der();
            if (i.read(b, key.value, key.end()) && i.tag == Der.INTEGER) {
              bytes(PKCS1_MODULUS, i.value, i.length);
              if (i.read(b, i.end(), key.end()) && i.tag == Der.INTEGER) {
                num(PKCS1_PUBLIC_EXPONENT, i, Der.integer(b, i.value, i.length));
              }
            }
          }
          exit();
        }
      }
    }
    exit();
  }

  /** AlgorithmIdentifier contents; returns the algorithm's OID. */
  private String algorithm(int p, int end) {
    Der x = new Der();
    if (!x.read(b, p, end) || x.tag != Der.OID) {
      return null;
    }
    oid(AF_ALGORITHM_ID, x);
    String id = Der.oid(b, x.value, x.length);
    if (x.read(b, x.end(), end) && x.tag != Der.NULL && "1.2.840.10045.2.1".equals(id)) {
      sub(PKCS1_EC, x.start, x.end());
    }
    return id;
  }

  private void time(Field choice, Der x) {
    if (x.tag == Der.UTC_TIME) {
      num(choice, x, 0);
      enter();
      if (emit) {
        t.object(AF_UTC_TIME, x.value - t.start(), x.length, utcTime(x));
      }
      exit();
    } else if (x.tag == Der.GENERALIZED_TIME) {
      num(choice, x, 1);
      enter();
      LocalDateTime when = generalizedTime(x);
      if (emit && when != null) {
        t.number(AF_GENERALIZED_TIME, x.value - t.start(), x.length,
            when.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L);
      }
      exit();
    }
  }

  /** UTCTime "YYMMDDhhmmssZ" as tshark shows it: "2011-05-04 00:00:00 (UTC)". */
  private String utcTime(Der x) {
    String s = Strings.printable(b, x.value, x.length);
    if (s.length() == 13 && s.endsWith("Z") && s.substring(0, 12).chars().allMatch(Character::isDigit)) {
      int yy = Integer.parseInt(s.substring(0, 2));
      return (yy < 50 ? "20" : "19") + s.substring(0, 2) + "-" + s.substring(2, 4) + "-" + s.substring(4, 6)
          + " " + s.substring(6, 8) + ":" + s.substring(8, 10) + ":" + s.substring(10, 12) + " (UTC)";
    }
    return s;
  }

  private LocalDateTime generalizedTime(Der x) {
    String s = Strings.printable(b, x.value, x.length);
    if (s.length() == 15 && s.endsWith("Z") && s.substring(0, 14).chars().allMatch(Character::isDigit)) {
      try {
        return LocalDateTime.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
            Integer.parseInt(s.substring(6, 8)), Integer.parseInt(s.substring(8, 10)),
            Integer.parseInt(s.substring(10, 12)), Integer.parseInt(s.substring(12, 14)));
      } catch (java.time.DateTimeException e) {
        return null;
      }
    }
    return null;
  }

  /** A Name: its CHOICE field, the RDNSequence count, and each attribute. */
  private void name(Der seq, Field choice, Field sequence) {
    num(choice, seq, 0);
    enter();
    num(sequence, seq, count(seq.value, seq.end()));
    enter();
    Der rdn = new Der();
    for (int p = seq.value; p < seq.end() && rdn.read(b, p, seq.end()); p = rdn.end()) {
      if (rdn.tag != Der.SET) {
        break;
      }
      num(IF_RDN_ITEM, rdn, count(rdn.value, rdn.end()));
      enter();
      Der atv = new Der();
      for (int q = rdn.value; q < rdn.end() && atv.read(b, q, rdn.end()); q = atv.end()) {
        if (atv.tag != Der.SEQUENCE) {
          break;
        }
        none(IF_ATV, atv);
        enter();
        Der x = new Der();
        if (x.read(b, atv.value, atv.end()) && x.tag == Der.OID) {
          oid(IF_OID, x);
          String id = Der.oid(b, x.value, x.length);
          if (x.read(b, x.end(), atv.end())) {
            sub(attributeKind(id), x.start, x.end());
          }
        }
        exit();
      }
      exit();
    }
    exit();
    exit();
  }

  private void extensions(Der seq) {
    num(AF_EXTENSIONS, seq, count(seq.value, seq.end()));
    enter();
    Der ext = new Der();
    for (int p = seq.value; p < seq.end() && ext.read(b, p, seq.end()); p = ext.end()) {
      if (ext.tag != Der.SEQUENCE) {
        break;
      }
      none(AF_EXTENSION, ext);
      enter();
      Der x = new Der();
      if (x.read(b, ext.value, ext.end()) && x.tag == Der.OID) {
        oid(AF_EXTENSION_ID, x);
        String id = Der.oid(b, x.value, x.length);
        if (x.read(b, x.end(), ext.end()) && x.tag == Der.BOOLEAN) {
          num(AF_CRITICAL, x, x.length > 0 && b[x.value] != 0 ? 1 : 0);
          x.read(b, x.end(), ext.end());
        }
        if (x.tag == Der.OCTET_STRING && x.end() <= ext.end()) {
          int kind = extensionKind(id);
          if (kind == 0 && emit && id != null) {
            // tshark hands the value to its BER OID table, which has no entry for this one.
            t.text(x.value - t.start(), x.length, OID_NOT_IMPLEMENTED.message());
            t.enter();
            t.expert(OID_NOT_IMPLEMENTED, x.value - t.start(), x.length, null);
            t.exit();
          }
          sub(kind, x.value, x.end());
        }
      }
      exit();
    }
    exit();
  }

  /** The fields of a value of {@code kind} at {@code [from, to)} (a sub-layer's bytes). */
  public void value(int kind, int from, int to) {
    Der x = new Der();
    if (!x.read(b, from, to)) {
      return;
    }
    switch (kind) {
      case SAT_COUNTRY:
        string(SAT_COUNTRY_NAME, x);
        break;
      case SAT_PRINTABLE:
        string(SAT_PRINTABLE_STRING, x);
        break;
      case SAT_IA5:
        string(SAT_IA5_STRING, x);
        break;
      case SAT_DIRECTORY:
        directoryString(x);
        break;
      case CE_SKI:
        if (x.tag == Der.OCTET_STRING) {
          bytes(CE_SUBJECT_KEY_IDENTIFIER, x.value, x.length);
        }
        break;
      case CE_KU:
        keyUsage(x);
        break;
      case CE_BC:
        if (x.tag == Der.SEQUENCE) {
          none(CE_BASIC_CONSTRAINTS, x);
          enter();
          Der y = new Der();
          for (int p = x.value; p < x.end() && y.read(b, p, x.end()); p = y.end()) {
            if (y.tag == Der.BOOLEAN) {
              num(CE_CA, y, y.length > 0 && b[y.value] != 0 ? 1 : 0);
            } else if (y.tag == Der.INTEGER) {
              num(CE_PATH_LEN, y, Der.integer(b, y.value, y.length));
            }
          }
          exit();
        }
        break;
      case CE_AKI:
        if (x.tag == Der.SEQUENCE) {
          none(CE_AKI_ELEMENT, x);
          enter();
          Der y = new Der();
          for (int p = x.value; p < x.end() && y.read(b, p, x.end()); p = y.end()) {
            if (y.tag == 0x80) {
              bytes(CE_KEY_IDENTIFIER, y.value, y.length);
            } else if (y.tag == 0xa1) {
              generalNames(CE_AUTHORITY_CERT_ISSUER, y);
            } else if (y.tag == 0x82) {
              bytes(CE_AUTHORITY_CERT_SERIAL, y.value, y.length);
            }
          }
          exit();
        }
        break;
      case CE_EKU:
        if (x.tag == Der.SEQUENCE) {
          num(CE_KEY_PURPOSE_IDS, x, count(x.value, x.end()));
          enter();
          Der y = new Der();
          for (int p = x.value; p < x.end() && y.read(b, p, x.end()); p = y.end()) {
            if (y.tag == Der.OID) {
              oid(CE_KEY_PURPOSE_ID, y);
            }
          }
          exit();
        }
        break;
      case CE_CP:
        policies(x);
        break;
      case CE_CRLDP:
        distributionPoints(x);
        break;
      case CE_SAN:
        if (x.tag == Der.SEQUENCE) {
          generalNames(CE_GENERAL_NAMES, x);
        }
        break;
      case IMP_AIA:
        accessDescriptions(x);
        break;
      case IMP_UNOTICE:
        userNotice(x);
        break;
      case EXP_CPS:
        string(EXP_DIRECTORY_STRING, x);
        break;
      case PKCS1_EC:
        if (x.tag == Der.OID) {
          num(PKCS1_EC_PARAMETERS, x, 1);
          enter();
          oid(PKCS1_NAMED_CURVE, x);
          exit();
        }
        break;
      case NS_CERT_TYPE:
        if (x.tag == Der.BIT_STRING && x.length >= 1) {
          bytes(NS_CERT_TYPE_FIELD, x.value + 1, x.length - 1);
        }
        break;
      case NS_COMMENT:
        string(NS_COMMENT_FIELD, x);
        break;
      default:
        break;
    }
  }

  private void directoryString(Der x) {
    int choice;
    Field f;
    switch (x.tag) {
      case Der.TELETEX_STRING: choice = 0; f = SAT_TELETEX; break;
      case Der.PRINTABLE_STRING: choice = 1; f = X509Fields.SAT_PRINTABLE; break;
      case Der.UNIVERSAL_STRING: choice = 2; f = SAT_UNIVERSAL; break;
      case Der.BMP_STRING: choice = 3; f = SAT_BMP; break;
      case Der.UTF8_STRING: choice = 4; f = SAT_UTF8; break;
      default: return;
    }
    num(SAT_DIRECTORY_STRING, x, choice);
    enter();
    string(f, x);
    exit();
  }

  private void keyUsage(Der x) {
    if (x.tag != Der.BIT_STRING || x.length < 1) {
      return;
    }
    bytes(CE_KEY_USAGE, x.value + 1, x.length - 1);
    if (!emit || x.length < 2) {
      return;
    }
    t.enter();
    int first = b[x.value + 1] & 0xff;
    int rel = x.value + 1 - t.start();
    Field[] bits = {CE_KU_DIGITAL_SIGNATURE, CE_KU_CONTENT_COMMITMENT, CE_KU_KEY_ENCIPHERMENT,
        CE_KU_DATA_ENCIPHERMENT, CE_KU_KEY_AGREEMENT, CE_KU_KEY_CERT_SIGN, CE_KU_CRL_SIGN, CE_KU_ENCIPHER_ONLY};
    for (Field f : bits) {
      t.number(f, rel, 1, f.extract(first));
    }
    int second = x.length >= 3 ? b[x.value + 2] & 0xff : 0;
    t.number(CE_KU_DECIPHER_ONLY, x.length >= 3 ? rel + 1 : rel, 1, CE_KU_DECIPHER_ONLY.extract(second));
    t.exit();
  }

  private void policies(Der x) {
    if (x.tag != Der.SEQUENCE) {
      return;
    }
    num(CE_POLICIES, x, count(x.value, x.end()));
    enter();
    Der pi = new Der();
    for (int p = x.value; p < x.end() && pi.read(b, p, x.end()); p = pi.end()) {
      if (pi.tag != Der.SEQUENCE) {
        break;
      }
      none(CE_POLICY_INFORMATION, pi);
      enter();
      Der y = new Der();
      if (y.read(b, pi.value, pi.end()) && y.tag == Der.OID) {
        oid(CE_POLICY_IDENTIFIER, y);
        if (y.read(b, y.end(), pi.end()) && y.tag == Der.SEQUENCE) {
          num(CE_POLICY_QUALIFIERS, y, count(y.value, y.end()));
          enter();
          Der q = new Der();
          for (int r = y.value; r < y.end() && q.read(b, r, y.end()); r = q.end()) {
            if (q.tag != Der.SEQUENCE) {
              break;
            }
            none(CE_POLICY_QUALIFIER_INFO, q);
            enter();
            Der z = new Der();
            if (z.read(b, q.value, q.end()) && z.tag == Der.OID) {
              oid(CE_ID, z);
              String id = Der.oid(b, z.value, z.length);
              if (z.read(b, z.end(), q.end())) {
                int kind = "1.3.6.1.5.5.7.2.1".equals(id) ? EXP_CPS : "1.3.6.1.5.5.7.2.2".equals(id) ? IMP_UNOTICE : 0;
                sub(kind, z.start, z.end());
              }
            }
            exit();
          }
          exit();
        }
      }
      exit();
    }
    exit();
  }

  private void distributionPoints(Der x) {
    if (x.tag != Der.SEQUENCE) {
      return;
    }
    num(CE_CRL_DIST_POINTS, x, count(x.value, x.end()));
    enter();
    Der dp = new Der();
    for (int p = x.value; p < x.end() && dp.read(b, p, x.end()); p = dp.end()) {
      if (dp.tag != Der.SEQUENCE) {
        break;
      }
      none(CE_DISTRIBUTION_POINT_ELEMENT, dp);
      enter();
      Der y = new Der();
      for (int q = dp.value; q < dp.end() && y.read(b, q, dp.end()); q = y.end()) {
        if (y.tag == 0xa0) {
          Der z = new Der();
          if (z.read(b, y.value, y.end()) && z.tag == 0xa0) {
            num(CE_DISTRIBUTION_POINT, z, 0);
            enter();
            generalNames(CE_FULL_NAME, z);
            exit();
          }
        } else if (y.tag == 0xa2) {
          generalNames(CE_CRL_ISSUER, y);
        }
      }
      exit();
    }
    exit();
  }

  private void generalNames(Field f, Der seq) {
    num(f, seq, count(seq.value, seq.end()));
    enter();
    Der g = new Der();
    for (int p = seq.value; p < seq.end() && g.read(b, p, seq.end()); p = g.end()) {
      generalName(CE_GENERAL_NAME, g);
    }
    exit();
  }

  private void generalName(Field f, Der g) {
    if ((g.tag & 0xc0) != 0x80) {
      return;
    }
    int n = g.tag & 0x1f;
    num(f, g, n);
    enter();
    switch (n) {
      case 1: string(CE_RFC822_NAME, g); break;
      case 2: string(CE_DNS_NAME, g); break;
      case 6: string(CE_URI, g); break;
      case 7: bytes(CE_IP_ADDRESS, g.value, g.length); break;
      case 8: oid(CE_REGISTERED_ID, g); break;
      case 4: {
        Der name = new Der();
        if (name.read(b, g.value, g.end()) && name.tag == Der.SEQUENCE) {
          name(name, CE_DIRECTORY_NAME, IF_RDN_SEQUENCE);
        }
        break;
      }
      default:
        break;
    }
    exit();
  }

  private void accessDescriptions(Der x) {
    if (x.tag != Der.SEQUENCE) {
      return;
    }
    num(IMP_AIA_SYNTAX, x, count(x.value, x.end()));
    enter();
    Der ad = new Der();
    for (int p = x.value; p < x.end() && ad.read(b, p, x.end()); p = ad.end()) {
      if (ad.tag != Der.SEQUENCE) {
        break;
      }
      none(IMP_ACCESS_DESCRIPTION, ad);
      enter();
      Der y = new Der();
      if (y.read(b, ad.value, ad.end()) && y.tag == Der.OID) {
        oid(IMP_ACCESS_METHOD, y);
        if (y.read(b, y.end(), ad.end())) {
          generalName(IMP_ACCESS_LOCATION, y);
        }
      }
      exit();
    }
    exit();
  }

  private void userNotice(Der x) {
    if (x.tag != Der.SEQUENCE) {
      return;
    }
    none(IMP_USER_NOTICE, x);
    enter();
    Der y = new Der();
    for (int p = x.value; p < x.end() && y.read(b, p, x.end()); p = y.end()) {
      if (y.tag == Der.SEQUENCE) {
        none(IMP_NOTICE_REF, y);
        enter();
        Der z = new Der();
        if (z.read(b, y.value, y.end())) {
          displayText(IMP_ORGANIZATION, z);
          if (z.read(b, z.end(), y.end()) && z.tag == Der.SEQUENCE) {
            num(IMP_NOTICE_NUMBERS, z, count(z.value, z.end()));
            enter();
            Der i = new Der();
            for (int q = z.value; q < z.end() && i.read(b, q, z.end()); q = i.end()) {
              num(IMP_NOTICE_NUMBERS_ITEM, i, Der.integer(b, i.value, i.length));
            }
            exit();
          }
        }
        exit();
      } else {
        displayText(IMP_EXPLICIT_TEXT, y);
      }
    }
    exit();
  }

  private void displayText(Field f, Der x) {
    int choice;
    Field s;
    switch (x.tag) {
      case Der.IA5_STRING: choice = 0; s = IMP_IA5; break;
      case Der.VISIBLE_STRING: choice = 1; s = IMP_VISIBLE; break;
      case Der.BMP_STRING: choice = 2; s = IMP_BMP; break;
      case Der.UTF8_STRING: choice = 3; s = IMP_UTF8; break;
      default: return;
    }
    num(f, x, choice);
    enter();
    string(s, x);
    exit();
  }
}

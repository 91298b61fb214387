package io.netsift.core.dissect.proto.tls;

import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields of X.509 certificates, named as tshark 4.0's x509af, x509if, x509sat, x509ce,
 * pkix1implicit, pkix1explicit, pkcs-1 and ns_cert_exts protocols declare them. Declared once
 * here; every dissector that can emit one of them lists it in its declared fields (Wireshark
 * shows x509if names inside x509ce extensions, for instance).
 */
public final class X509Fields {
  private X509Fields() {}

  private static final List<Field> ALL = new ArrayList<>();

  private static Field f(Field x) {
    ALL.add(x);
    return x;
  }

  private static Field oid(String name, String label) {
    return f(Field.of(name, label, FieldType.OID));
  }

  private static Field count(String name, String label) {
    return f(Field.u32(name, label));
  }

  private static Field none(String name, String label) {
    return f(Field.none(name, label));
  }

  private static Field str(String name, String label) {
    return f(Field.string(name, label));
  }

  private static Field bytes(String name, String label) {
    return f(Field.bytes(name, label));
  }

  // x509af
  public static final Field AF_SIGNED_CERTIFICATE = none("x509af.signedCertificate_element", "signedCertificate");
  public static final Field AF_VERSION = f(Field.of("x509af.version", "version", FieldType.INT32)
      .labels(Map.of(0L, "v1", 1L, "v2", 2L, "v3")));
  public static final Field AF_SERIAL_NUMBER = bytes("x509af.serialNumber", "serialNumber");
  public static final Field AF_SIGNATURE = none("x509af.signature_element", "signature");
  public static final Field AF_ALGORITHM_ID = oid("x509af.algorithm.id", "Algorithm Id");
  public static final Field AF_ISSUER = f(Field.u32("x509af.issuer", "issuer").labels(Map.of(0L, "rdnSequence")));
  public static final Field AF_VALIDITY = none("x509af.validity_element", "validity");
  public static final Field AF_NOT_BEFORE = f(Field.u32("x509af.notBefore", "notBefore")
      .labels(Map.of(0L, "utcTime", 1L, "generalizedTime")));
  public static final Field AF_NOT_AFTER = f(Field.u32("x509af.notAfter", "notAfter")
      .labels(Map.of(0L, "utcTime", 1L, "generalizedTime")));
  public static final Field AF_UTC_TIME = str("x509af.utcTime", "utcTime");
  public static final Field AF_GENERALIZED_TIME =
      f(Field.of("x509af.generalizedTime", "generalizedTime", FieldType.ABSOLUTE_TIME));
  public static final Field AF_SUBJECT = f(Field.u32("x509af.subject", "subject").labels(Map.of(0L, "rdnSequence")));
  public static final Field AF_RDN_SEQUENCE = count("x509af.rdnSequence", "rdnSequence");
  public static final Field AF_SPKI = none("x509af.subjectPublicKeyInfo_element", "subjectPublicKeyInfo");
  public static final Field AF_ALGORITHM = none("x509af.algorithm_element", "algorithm");
  public static final Field AF_SUBJECT_PUBLIC_KEY = bytes("x509af.subjectPublicKey", "subjectPublicKey");
  public static final Field AF_EXTENSIONS = count("x509af.extensions", "extensions");
  public static final Field AF_EXTENSION = none("x509af.Extension_element", "Extension");
  public static final Field AF_EXTENSION_ID = oid("x509af.extension.id", "Extension Id");
  public static final Field AF_CRITICAL = f(Field.bool("x509af.critical", "critical"));
  public static final Field AF_ALGORITHM_IDENTIFIER = none("x509af.algorithmIdentifier_element", "algorithmIdentifier");
  public static final Field AF_ENCRYPTED = bytes("x509af.encrypted", "encrypted");

  // x509if
  public static final Field IF_RDN_SEQUENCE = count("x509if.rdnSequence", "rdnSequence");
  public static final Field IF_RDN_ITEM = count("x509if.RDNSequence_item", "RDNSequence item");
  public static final Field IF_ATV = none("x509if.RelativeDistinguishedName_item_element", "RelativeDistinguishedName item");
  public static final Field IF_OID = oid("x509if.oid", "Object Id");

  // x509sat
  public static final Field SAT_COUNTRY_NAME = str("x509sat.CountryName", "CountryName");
  public static final Field SAT_DIRECTORY_STRING = f(Field.u32("x509sat.DirectoryString", "DirectoryString")
      .labels(Map.of(0L, "teletexString", 1L, "printableString", 2L, "universalString", 3L, "bmpString",
          4L, "uTF8String")));
  public static final Field SAT_TELETEX = str("x509sat.teletexString", "teletexString");
  public static final Field SAT_PRINTABLE = str("x509sat.printableString", "printableString");
  public static final Field SAT_UNIVERSAL = str("x509sat.universalString", "universalString");
  public static final Field SAT_BMP = str("x509sat.bmpString", "bmpString");
  public static final Field SAT_UTF8 = str("x509sat.uTF8String", "uTF8String");
  public static final Field SAT_PRINTABLE_STRING = str("x509sat.PrintableString", "PrintableString");
  public static final Field SAT_IA5_STRING = str("x509sat.IA5String", "IA5String");

  // x509ce
  public static final Field CE_SUBJECT_KEY_IDENTIFIER = bytes("x509ce.SubjectKeyIdentifier", "SubjectKeyIdentifier");
  public static final Field CE_KEY_USAGE = bytes("x509ce.KeyUsage", "KeyUsage");
  public static final Field CE_KU_DIGITAL_SIGNATURE = ku("digitalSignature", 0x80);
  public static final Field CE_KU_CONTENT_COMMITMENT = ku("contentCommitment", 0x40);
  public static final Field CE_KU_KEY_ENCIPHERMENT = ku("keyEncipherment", 0x20);
  public static final Field CE_KU_DATA_ENCIPHERMENT = ku("dataEncipherment", 0x10);
  public static final Field CE_KU_KEY_AGREEMENT = ku("keyAgreement", 0x08);
  public static final Field CE_KU_KEY_CERT_SIGN = ku("keyCertSign", 0x04);
  public static final Field CE_KU_CRL_SIGN = ku("cRLSign", 0x02);
  public static final Field CE_KU_ENCIPHER_ONLY = ku("encipherOnly", 0x01);
  public static final Field CE_KU_DECIPHER_ONLY = ku("decipherOnly", 0x80);
  public static final Field CE_BASIC_CONSTRAINTS = none("x509ce.BasicConstraintsSyntax_element", "BasicConstraintsSyntax");
  public static final Field CE_CA = f(Field.bool("x509ce.cA", "cA"));
  public static final Field CE_PATH_LEN = f(Field.u64("x509ce.pathLenConstraint", "pathLenConstraint"));
  public static final Field CE_AKI_ELEMENT = none("x509ce.AuthorityKeyIdentifier_element", "AuthorityKeyIdentifier");
  public static final Field CE_KEY_IDENTIFIER = bytes("x509ce.keyIdentifier", "keyIdentifier");
  public static final Field CE_AUTHORITY_CERT_ISSUER = count("x509ce.authorityCertIssuer", "authorityCertIssuer");
  public static final Field CE_AUTHORITY_CERT_SERIAL = bytes("x509ce.authorityCertSerialNumber", "authorityCertSerialNumber");
  public static final Field CE_KEY_PURPOSE_IDS = count("x509ce.KeyPurposeIDs", "KeyPurposeIDs");
  public static final Field CE_KEY_PURPOSE_ID = oid("x509ce.KeyPurposeId", "KeyPurposeId");
  public static final Field CE_POLICIES = count("x509ce.CertificatePoliciesSyntax", "CertificatePoliciesSyntax");
  public static final Field CE_POLICY_INFORMATION = none("x509ce.PolicyInformation_element", "PolicyInformation");
  public static final Field CE_POLICY_IDENTIFIER = oid("x509ce.policyIdentifier", "policyIdentifier");
  public static final Field CE_POLICY_QUALIFIERS = count("x509ce.policyQualifiers", "policyQualifiers");
  public static final Field CE_POLICY_QUALIFIER_INFO = none("x509ce.PolicyQualifierInfo_element", "PolicyQualifierInfo");
  public static final Field CE_ID = oid("x509ce.id", "Id");
  public static final Field CE_CRL_DIST_POINTS = count("x509ce.CRLDistPointsSyntax", "CRLDistPointsSyntax");
  public static final Field CE_DISTRIBUTION_POINT_ELEMENT = none("x509ce.DistributionPoint_element", "DistributionPoint");
  public static final Field CE_DISTRIBUTION_POINT = f(Field.u32("x509ce.distributionPoint", "distributionPoint")
      .labels(Map.of(0L, "fullName", 1L, "nameRelativeToCRLIssuer")));
  public static final Field CE_FULL_NAME = count("x509ce.fullName", "fullName");
  public static final Field CE_CRL_ISSUER = count("x509ce.cRLIssuer", "cRLIssuer");
  public static final Field CE_GENERAL_NAMES = count("x509ce.GeneralNames", "GeneralNames");
  public static final Field CE_GENERAL_NAME = f(Field.u32("x509ce.GeneralName", "GeneralName").labels(X509Fields::generalNameLabel));
  public static final Field CE_RFC822_NAME = str("x509ce.rfc822Name", "rfc822Name");
  public static final Field CE_DNS_NAME = str("x509ce.dNSName", "dNSName");
  public static final Field CE_DIRECTORY_NAME = f(Field.u32("x509ce.directoryName", "directoryName")
      .labels(Map.of(0L, "rdnSequence")));
  public static final Field CE_URI = str("x509ce.uniformResourceIdentifier", "uniformResourceIdentifier");
  public static final Field CE_IP_ADDRESS = bytes("x509ce.iPAddress", "iPAddress");
  public static final Field CE_REGISTERED_ID = oid("x509ce.registeredID", "registeredID");

  // pkix1implicit, pkix1explicit
  public static final Field IMP_AIA_SYNTAX = count("pkix1implicit.AuthorityInfoAccessSyntax", "AuthorityInfoAccessSyntax");
  public static final Field IMP_ACCESS_DESCRIPTION = none("pkix1implicit.AccessDescription_element", "AccessDescription");
  public static final Field IMP_ACCESS_METHOD = oid("pkix1implicit.accessMethod", "accessMethod");
  public static final Field IMP_ACCESS_LOCATION = f(Field.u32("pkix1implicit.accessLocation", "accessLocation")
      .labels(X509Fields::generalNameLabel));
  public static final Field IMP_USER_NOTICE = none("pkix1implicit.UserNotice_element", "UserNotice");
  public static final Field IMP_NOTICE_REF = none("pkix1implicit.noticeRef_element", "noticeRef");
  public static final Field IMP_ORGANIZATION = f(Field.u32("pkix1implicit.organization", "organization")
      .labels(X509Fields::displayTextLabel));
  public static final Field IMP_NOTICE_NUMBERS = count("pkix1implicit.noticeNumbers", "noticeNumbers");
  public static final Field IMP_NOTICE_NUMBERS_ITEM =
      f(Field.of("pkix1implicit.noticeNumbers_item", "noticeNumbers item", FieldType.INT32));
  public static final Field IMP_EXPLICIT_TEXT = f(Field.u32("pkix1implicit.explicitText", "explicitText")
      .labels(X509Fields::displayTextLabel));
  public static final Field IMP_IA5 = str("pkix1implicit.ia5String", "ia5String");
  public static final Field IMP_VISIBLE = str("pkix1implicit.visibleString", "visibleString");
  public static final Field IMP_BMP = str("pkix1implicit.bmpString", "bmpString");
  public static final Field IMP_UTF8 = str("pkix1implicit.utf8String", "utf8String");
  public static final Field EXP_DIRECTORY_STRING = str("pkix1explicit.DirectoryString", "DirectoryString");

  // pkcs-1, ns_cert_exts
  public static final Field PKCS1_MODULUS = bytes("pkcs1.modulus", "modulus");
  public static final Field PKCS1_PUBLIC_EXPONENT = f(Field.of("pkcs1.publicExponent", "publicExponent", FieldType.INT32));
  public static final Field PKCS1_EC_PARAMETERS = f(Field.u32("pkcs1.ECParameters", "ECParameters")
      .labels(Map.of(0L, "specifiedCurve", 1L, "namedCurve")));
  public static final Field PKCS1_NAMED_CURVE = oid("pkcs1.namedCurve", "namedCurve");
  public static final Field NS_CERT_TYPE_FIELD = bytes("ns_cert_exts.CertType", "CertType");
  public static final Field NS_COMMENT_FIELD = str("ns_cert_exts.Comment", "Comment");

  private static Field ku(String name, int mask) {
    return f(Field.bool("x509ce.KeyUsage." + name, name).mask(mask, 8));
  }

  private static final String[] GENERAL_NAMES = {"otherName", "rfc822Name", "dNSName", "x400Address",
      "directoryName", "ediPartyName", "uniformResourceIdentifier", "iPAddress", "registeredID"};

  private static String generalNameLabel(long v) {
    return v >= 0 && v < GENERAL_NAMES.length ? GENERAL_NAMES[(int) v] : null;
  }

  private static final String[] DISPLAY_TEXT = {"ia5String", "visibleString", "bmpString", "utf8String"};

  private static String displayTextLabel(long v) {
    return v >= 0 && v < DISPLAY_TEXT.length ? DISPLAY_TEXT[(int) v] : null;
  }

  /** The fields whose names begin with one of {@code prefixes} ("x509if.", ...), in order. */
  public static List<Field> of(String... prefixes) {
    List<Field> out = new ArrayList<>();
    for (Field x : ALL) {
      for (String p : prefixes) {
        if (x.name().startsWith(p)) {
          out.add(x);
          break;
        }
      }
    }
    return out;
  }
}

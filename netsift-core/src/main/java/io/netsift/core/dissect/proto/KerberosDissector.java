package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Base;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import io.netsift.core.field.Strings;
import java.util.Map;

/**
 * Kerberos 5 (<a href="https://www.rfc-editor.org/rfc/rfc4120">RFC 4120</a>) on UDP and TCP
 * port 88; over TCP each message follows a 4-byte record mark (reserved bit, 31-bit length) and
 * may span segments. Messages are DER, read through {@link BerReader}:
 *
 * <pre>
 * AS-REQ [APPLICATION 10] / TGS-REQ [12] ::= SEQUENCE { pvno [1], msg-type [2], padata [3] OPTIONAL, req-body [4] }
 * AS-REP [11] / TGS-REP [13]  ::= SEQUENCE { pvno [0], msg-type [1], padata [2] OPTIONAL, crealm [3], cname [4],
 *                                            ticket [5], enc-part [6] }
 * AP-REQ [14] ::= SEQUENCE { pvno [0], msg-type [1], ap-options [2], ticket [3], authenticator [4] }
 * KRB-ERROR [30] ::= SEQUENCE { pvno [0], msg-type [1], ctime [2]?, cusec [3]?, stime [4], susec [5], error-code [6],
 *                               crealm [7]?, cname [8]?, realm [9], sname [10], e-text [11]?, e-data [12]? }
 * </pre>
 *
 * Pre-authentication data is decoded by type as tshark 4.0 does (PA-TGS-REQ's AP-REQ, encrypted
 * timestamps, ETYPE-INFO2, FAST armour, PKINIT's PA-PK-AS-REQ/REP of the RFC 4556 drafts), and so
 * is a KRB-ERROR's e-data for the error codes where tshark reads it (METHOD-DATA, or one PA-DATA
 * for the codes Windows KDCs use to carry an NT status).
 *
 * <p>Every SEQUENCE is matched against its definition the way Wireshark's BER engine does: an
 * optional member that does not match is skipped, a mandatory one that does not match is a
 * "Wrong field in SEQUENCE" note and is passed over, an element past the last member is a
 * "field lies beyond the end" note. Wireshark's definitions are older than some senders (the
 * PKINIT reply still as a bare ContentInfo, AuthPack without RFC 8636's supportedKDFs), so these
 * notes arise where tshark raises them. Notes from inside PKINIT's AuthPack, which Wireshark
 * reaches through a registered OID, count under PKInit in {@code -z expert}.
 *
 * <p>The {@code pkinit.*} fields are declared here too (netsift has no CMS dissector): the
 * AuthPack, the PKAuthenticator's values, and the KRB5PrincipalName of a client certificate's
 * id-pkinit-san subject alternative name, found by its OID inside the SignedData's certificates.
 */
public final class KerberosDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  public static final int PORT = 88;


  // ---- value names (tshark -G values) ----
  private static final Map<Long, String> MSG_TYPES = ValueNames.parse(
      """
      10=krb-as-req|11=krb-as-rep|12=krb-tgs-req|13=krb-tgs-rep|14=krb-ap-req|15=krb-ap-rep|
      16=krb-tgt-req|17=krb-tgt-rep|20=krb-safe|21=krb-priv|22=krb-cred|30=krb-error|
      """);
  private static final Map<Long, String> PADATA_TYPES = ValueNames.parse(
      """
      0=pA-NONE|1=pA-TGS-REQ|2=pA-ENC-TIMESTAMP|3=pA-PW-SALT|5=pA-ENC-UNIX-TIME|6=pA-SANDIA-SECUREID|
      7=pA-SESAME|8=pA-OSF-DCE|9=pA-CYBERSAFE-SECUREID|10=pA-AFS3-SALT|11=pA-ETYPE-INFO|
      12=pA-SAM-CHALLENGE|13=pA-SAM-RESPONSE|14=pA-PK-AS-REQ-19|15=pA-PK-AS-REP-19|16=pA-PK-AS-REQ|
      17=pA-PK-AS-REP|18=pA-PK-OCSP-RESPONSE|19=pA-ETYPE-INFO2|20=pA-USE-SPECIFIED-KVNO|
      21=pA-SAM-REDIRECT|22=pA-GET-FROM-TYPED-DATA|22=tD-PADATA|23=pA-SAM-ETYPE-INFO|24=pA-ALT-PRINC|
      25=pA-SERVER-REFERRAL|30=pA-SAM-CHALLENGE2|31=pA-SAM-RESPONSE2|41=pA-EXTRA-TGT|
      101=tD-PKINIT-CMS-CERTIFICATES|102=tD-KRB-PRINCIPAL|103=tD-KRB-REALM|104=tD-TRUSTED-CERTIFIERS|
      105=tD-CERTIFICATE-INDEX|106=tD-APP-DEFINED-ERROR|107=tD-REQ-NONCE|108=tD-REQ-SEQ|
      109=tD-DH-PARAMETERS|111=tD-CMS-DIGEST-ALGORITHMS|112=tD-CERT-DIGEST-ALGORITHMS|
      128=pA-PAC-REQUEST|129=pA-FOR-USER|130=pA-FOR-X509-USER|131=pA-FOR-CHECK-DUPS|
      132=pA-PK-AS-09-BINDING|133=pA-FX-COOKIE|134=pA-AUTHENTICATION-SET|135=pA-AUTH-SET-SELECTED|
      136=pA-FX-FAST|137=pA-FX-ERROR|138=pA-ENCRYPTED-CHALLENGE|141=pA-OTP-CHALLENGE|
      142=pA-OTP-REQUEST|143=pA-OTP-CONFIRM|144=pA-OTP-PIN-CHANGE|145=pA-EPAK-AS-REQ|
      146=pA-EPAK-AS-REP|147=pA-PKINIT-KX|148=pA-PKU2U-NAME|149=pA-REQ-ENC-PA-REP|150=pA-AS-FRESHNESS|
      151=pA-SPAKE|152=pA-REDHAT-IDP-OAUTH2|153=pA-REDHAT-PASSKEY|161=pA-KERB-KEY-LIST-REQ|
      162=pA-KERB-KEY-LIST-REP|165=pA-SUPPORTED-ETYPES|166=pA-EXTENDED-ERROR|167=pA-PAC-OPTIONS|
      -1=pA-PROV-SRV-LOCATION|
      """);
  private static final Map<Long, String> ETYPES = ValueNames.parse(
      """
      0=eTYPE-NULL|1=eTYPE-DES-CBC-CRC|2=eTYPE-DES-CBC-MD4|3=eTYPE-DES-CBC-MD5|5=eTYPE-DES3-CBC-MD5|
      7=eTYPE-OLD-DES3-CBC-SHA1|8=eTYPE-SIGN-DSA-GENERATE|9=eTYPE-DSA-SHA1|10=eTYPE-RSA-MD5|
      11=eTYPE-RSA-SHA1|12=eTYPE-RC2-CBC|13=eTYPE-RSA|14=eTYPE-RSAES-OAEP|15=eTYPE-DES-EDE3-CBC|
      16=eTYPE-DES3-CBC-SHA1|17=eTYPE-AES128-CTS-HMAC-SHA1-96|18=eTYPE-AES256-CTS-HMAC-SHA1-96|
      19=eTYPE-AES128-CTS-HMAC-SHA256-128|20=eTYPE-AES256-CTS-HMAC-SHA384-192|
      23=eTYPE-ARCFOUR-HMAC-MD5|24=eTYPE-ARCFOUR-HMAC-MD5-56|25=eTYPE-CAMELLIA128-CTS-CMAC|
      26=eTYPE-CAMELLIA256-CTS-CMAC|48=eTYPE-ENCTYPE-PK-CROSS|-128=eTYPE-ARCFOUR-MD4|
      -133=eTYPE-ARCFOUR-HMAC-OLD|-135=eTYPE-ARCFOUR-HMAC-OLD-EXP|-4096=eTYPE-DES-CBC-NONE|
      -4097=eTYPE-DES3-CBC-NONE|-4098=eTYPE-DES-CFB64-NONE|-4099=eTYPE-DES-PCBC-NONE|
      -4100=eTYPE-DIGEST-MD5-NONE|-4101=eTYPE-CRAM-MD5-NONE|
      """);
  private static final Map<Long, String> NAME_TYPES = ValueNames.parse(
      """
      0=kRB5-NT-UNKNOWN|1=kRB5-NT-PRINCIPAL|2=kRB5-NT-SRV-INST|3=kRB5-NT-SRV-HST|4=kRB5-NT-SRV-XHST|
      5=kRB5-NT-UID|6=kRB5-NT-X500-PRINCIPAL|7=kRB5-NT-SMTP-NAME|10=kRB5-NT-ENTERPRISE-PRINCIPAL|
      11=kRB5-NT-WELLKNOWN|12=kRB5-NT-SRV-HST-DOMAIN|-130=kRB5-NT-ENT-PRINCIPAL-AND-ID|
      -128=kRB5-NT-MS-PRINCIPAL|-129=kRB5-NT-MS-PRINCIPAL-AND-ID|-1200=kRB5-NT-NTLM|
      -1201=kRB5-NT-X509-GENERAL-NAME|-1202=kRB5-NT-GSS-HOSTBASED-SERVICE|-1203=kRB5-NT-CACHE-UUID|
      -195894762=kRB5-NT-SRV-HST-NEEDS-CANON|
      """);
  private static final Map<Long, String> ERROR_CODES = ValueNames.parse(
      """
      0=eRR-NONE|1=eRR-NAME-EXP|2=eRR-SERVICE-EXP|3=eRR-BAD-PVNO|4=eRR-C-OLD-MAST-KVNO|
      5=eRR-S-OLD-MAST-KVNO|6=eRR-C-PRINCIPAL-UNKNOWN|7=eRR-S-PRINCIPAL-UNKNOWN|
      8=eRR-PRINCIPAL-NOT-UNIQUE|9=eRR-NULL-KEY|10=eRR-CANNOT-POSTDATE|11=eRR-NEVER-VALID|
      12=eRR-POLICY|13=eRR-BADOPTION|14=eRR-ETYPE-NOSUPP|15=eRR-SUMTYPE-NOSUPP|
      16=eRR-PADATA-TYPE-NOSUPP|17=eRR-TRTYPE-NOSUPP|18=eRR-CLIENT-REVOKED|19=eRR-SERVICE-REVOKED|
      20=eRR-TGT-REVOKED|21=eRR-CLIENT-NOTYET|22=eRR-SERVICE-NOTYET|23=eRR-KEY-EXP|
      24=eRR-PREAUTH-FAILED|25=eRR-PREAUTH-REQUIRED|26=eRR-SERVER-NOMATCH|27=eRR-MUST-USE-USER2USER|
      28=eRR-PATH-NOT-ACCEPTED|29=eRR-SVC-UNAVAILABLE|31=eRR-BAD-INTEGRITY|32=eRR-TKT-EXPIRED|
      33=eRR-TKT-NYV|34=eRR-REPEAT|35=eRR-NOT-US|36=eRR-BADMATCH|37=eRR-SKEW|38=eRR-BADADDR|
      39=eRR-BADVERSION|40=eRR-MSG-TYPE|41=eRR-MODIFIED|42=eRR-BADORDER|43=eRR-ILL-CR-TKT|
      44=eRR-BADKEYVER|45=eRR-NOKEY|46=eRR-MUT-FAIL|47=eRR-BADDIRECTION|48=eRR-METHOD|49=eRR-BADSEQ|
      50=eRR-INAPP-CKSUM|51=pATH-NOT-ACCEPTED|52=eRR-RESPONSE-TOO-BIG|60=eRR-GENERIC|
      61=eRR-FIELD-TOOLONG|62=eRROR-CLIENT-NOT-TRUSTED|63=eRROR-KDC-NOT-TRUSTED|64=eRROR-INVALID-SIG|
      65=eRR-KEY-TOO-WEAK|66=eRR-CERTIFICATE-MISMATCH|67=eRR-NO-TGT|68=eRR-WRONG-REALM|
      69=eRR-USER-TO-USER-REQUIRED|70=eRR-CANT-VERIFY-CERTIFICATE|71=eRR-INVALID-CERTIFICATE|
      72=eRR-REVOKED-CERTIFICATE|73=eRR-REVOCATION-STATUS-UNKNOWN|
      74=eRR-REVOCATION-STATUS-UNAVAILABLE|75=eRR-CLIENT-NAME-MISMATCH|76=eRR-KDC-NAME-MISMATCH|
      """);
  private static final Map<Long, String> ADDR_TYPES = ValueNames.parse(
      """
      2=iPv4|5=cHAOS|6=xEROX|7=iSO|12=dECNET|16=aPPLETALK|20=nETBIOS|24=iPv6|
      """);
  private static final Map<Long, String> CKSUM_TYPES = ValueNames.parse(
      """
      0=cKSUMTYPE-NONE|1=cKSUMTYPE-CRC32|2=cKSUMTYPE-RSA-MD4|3=cKSUMTYPE-RSA-MD4-DES|
      4=cKSUMTYPE-DES-MAC|5=cKSUMTYPE-DES-MAC-K|6=cKSUMTYPE-RSA-MD4-DES-K|7=cKSUMTYPE-RSA-MD5|
      8=cKSUMTYPE-RSA-MD5-DES|9=cKSUMTYPE-RSA-MD5-DES3|10=cKSUMTYPE-SHA1-OTHER|
      12=cKSUMTYPE-HMAC-SHA1-DES3-KD|13=cKSUMTYPE-HMAC-SHA1-DES3|14=cKSUMTYPE-SHA1|
      15=cKSUMTYPE-HMAC-SHA1-96-AES-128|16=cKSUMTYPE-HMAC-SHA1-96-AES-256|
      17=cKSUMTYPE-CMAC-CAMELLIA128|18=cKSUMTYPE-CMAC-CAMELLIA256|19=cKSUMTYPE-HMAC-SHA256-128-AES128|
      20=cKSUMTYPE-HMAC-SHA384-192-AES256|32771=cKSUMTYPE-GSSAPI|-138=cKSUMTYPE-HMAC-MD5|
      -1138=cKSUMTYPE-HMAC-MD5-ENC|
      """);
  /** RFC 4120 section 7.5.9 error codes by the names tshark's Info column uses. */
  private static final Map<Long, String> ERROR_NAMES = ValueNames.parse(
      """
      0=KRB5KDC_ERR_NONE|1=KRB5KDC_ERR_NAME_EXP|2=KRB5KDC_ERR_SERVICE_EXP|3=KRB5KDC_ERR_BAD_PVNO|
      4=KRB5KDC_ERR_C_OLD_MAST_KVNO|5=KRB5KDC_ERR_S_OLD_MAST_KVNO|6=KRB5KDC_ERR_C_PRINCIPAL_UNKNOWN|
      7=KRB5KDC_ERR_S_PRINCIPAL_UNKNOWN|8=KRB5KDC_ERR_PRINCIPAL_NOT_UNIQUE|9=KRB5KDC_ERR_NULL_KEY|
      10=KRB5KDC_ERR_CANNOT_POSTDATE|11=KRB5KDC_ERR_NEVER_VALID|12=KRB5KDC_ERR_POLICY|13=KRB5KDC_ERR_BADOPTION|
      14=KRB5KDC_ERR_ETYPE_NOSUPP|15=KRB5KDC_ERR_SUMTYPE_NOSUPP|16=KRB5KDC_ERR_PADATA_TYPE_NOSUPP|
      17=KRB5KDC_ERR_TRTYPE_NOSUPP|18=KRB5KDC_ERR_CLIENT_REVOKED|19=KRB5KDC_ERR_SERVICE_REVOKED|
      20=KRB5KDC_ERR_TGT_REVOKED|21=KRB5KDC_ERR_CLIENT_NOTYET|22=KRB5KDC_ERR_SERVICE_NOTYET|23=KRB5KDC_ERR_KEY_EXP|
      24=KRB5KDC_ERR_PREAUTH_FAILED|25=KRB5KDC_ERR_PREAUTH_REQUIRED|26=KRB5KDC_ERR_SERVER_NOMATCH|
      27=KRB5KDC_ERR_MUST_USE_USER2USER|28=KRB5KDC_ERR_PATH_NOT_ACCEPTED|29=KRB5KDC_ERR_SVC_UNAVAILABLE|
      31=KRB5KRB_AP_ERR_BAD_INTEGRITY|32=KRB5KRB_AP_ERR_TKT_EXPIRED|33=KRB5KRB_AP_ERR_TKT_NYV|
      34=KRB5KRB_AP_ERR_REPEAT|35=KRB5KRB_AP_ERR_NOT_US|36=KRB5KRB_AP_ERR_BADMATCH|37=KRB5KRB_AP_ERR_SKEW|
      38=KRB5KRB_AP_ERR_BADADDR|39=KRB5KRB_AP_ERR_BADVERSION|40=KRB5KRB_AP_ERR_MSG_TYPE|41=KRB5KRB_AP_ERR_MODIFIED|
      42=KRB5KRB_AP_ERR_BADORDER|43=KRB5KRB_AP_ERR_ILL_CR_TKT|44=KRB5KRB_AP_ERR_BADKEYVER|45=KRB5KRB_AP_ERR_NOKEY|
      46=KRB5KRB_AP_ERR_MUT_FAIL|47=KRB5KRB_AP_ERR_BADDIRECTION|48=KRB5KRB_AP_ERR_METHOD|49=KRB5KRB_AP_ERR_BADSEQ|
      50=KRB5KRB_AP_ERR_INAPP_CKSUM|51=KRB5KDC_AP_PATH_NOT_ACCEPTED|52=KRB5KRB_ERR_RESPONSE_TOO_BIG|
      60=KRB5KRB_ERR_GENERIC|61=KRB5KRB_ERR_FIELD_TOOLONG|62=KDC_ERROR_CLIENT_NOT_TRUSTED|
      63=KDC_ERROR_KDC_NOT_TRUSTED|64=KDC_ERROR_INVALID_SIG|65=KDC_ERR_KEY_TOO_WEAK|66=KDC_ERR_CERTIFICATE_MISMATCH|
      67=KRB_AP_ERR_NO_TGT|68=KDC_ERR_WRONG_REALM|69=KRB_AP_ERR_USER_TO_USER_REQUIRED|
      70=KDC_ERR_CANT_VERIFY_CERTIFICATE|71=KDC_ERR_INVALID_CERTIFICATE|72=KDC_ERR_REVOKED_CERTIFICATE|
      73=KDC_ERR_REVOCATION_STATUS_UNKNOWN|74=KDC_ERR_REVOCATION_STATUS_UNAVAILABLE|75=KDC_ERR_CLIENT_NAME_MISMATCH|
      76=KDC_ERR_KDC_NAME_MISMATCH|
      """);
  private static final Map<Long, String> INFO = ValueNames.parse(
      "10=AS-REQ|11=AS-REP|12=TGS-REQ|13=TGS-REP|14=AP-REQ|15=AP-REP|20=KRB-SAFE|21=KRB-PRIV|22=KRB-CRED");

  // ---- fields ----
  public static final Field RM_RESERVED = Field.bool("kerberos.rm.reserved", "Reserved").mask(0x80000000L, 32)
      .states("Set", "Not set");
  public static final Field RM_LENGTH = Field.u32("kerberos.rm.length", "Record Length").mask(0x7fffffffL, 32);
  public static final Field AS_REQ = Field.none("kerberos.as_req_element", "as-req");
  public static final Field AS_REP = Field.none("kerberos.as_rep_element", "as-rep");
  public static final Field TGS_REQ = Field.none("kerberos.tgs_req_element", "tgs-req");
  public static final Field TGS_REP = Field.none("kerberos.tgs_rep_element", "tgs-rep");
  public static final Field AP_REQ = Field.none("kerberos.ap_req_element", "ap-req");
  public static final Field AP_REP = Field.none("kerberos.ap_rep_element", "ap-rep");
  public static final Field KRB_ERROR = Field.none("kerberos.krb_error_element", "krb-error");
  public static final Field PVNO = Field.u32("kerberos.pvno", "pvno");
  public static final Field MSG_TYPE = Field.of("kerberos.msg_type", "msg-type", FieldType.INT32).labels(MSG_TYPES);
  public static final Field PADATA = Field.u32("kerberos.padata", "padata").shown(KerberosDissector::items);
  public static final Field PA_DATA = Field.none("kerberos.PA_DATA_element", "PA-DATA");
  public static final Field PADATA_TYPE = Field.of("kerberos.padata_type", "padata-type", FieldType.INT32)
      .labels(PADATA_TYPES);
  public static final Field PADATA_VALUE = Field.bytes("kerberos.padata_value", "padata-value");
  public static final Field REQ_BODY = Field.none("kerberos.req_body_element", "req-body");
  public static final Field KDC_OPTIONS = Field.bytes("kerberos.kdc_options", "kdc-options");
  public static final Field AP_OPTIONS = Field.bytes("kerberos.ap_options", "ap-options");
  public static final Field CNAME = Field.none("kerberos.cname_element", "cname");
  public static final Field SNAME = Field.none("kerberos.sname_element", "sname");
  public static final Field NAME_TYPE = Field.of("kerberos.name_type", "name-type", FieldType.INT32).labels(NAME_TYPES);
  public static final Field NAME_STRING = Field.u32("kerberos.name_string", "name-string")
      .shown(KerberosDissector::items);
  public static final Field KERBEROS_STRING = Field.string("kerberos.KerberosString", "KerberosString");
  public static final Field CNAME_STRING = Field.u32("kerberos.cname_string", "cname-string")
      .shown(KerberosDissector::items);
  public static final Field CNAME_STRING_ITEM = Field.string("kerberos.CNameString", "CNameString");
  public static final Field SNAME_STRING = Field.u32("kerberos.sname_string", "sname-string")
      .shown(KerberosDissector::items);
  public static final Field SNAME_STRING_ITEM = Field.string("kerberos.SNameString", "SNameString");
  public static final Field REALM = Field.string("kerberos.realm", "realm");
  public static final Field CREALM = Field.string("kerberos.crealm", "crealm");
  public static final Field FROM = Field.of("kerberos.from", "from", FieldType.ABSOLUTE_TIME).base(Base.TIME_UTC);
  public static final Field TILL = Field.of("kerberos.till", "till", FieldType.ABSOLUTE_TIME).base(Base.TIME_UTC);
  public static final Field RTIME = Field.of("kerberos.rtime", "rtime", FieldType.ABSOLUTE_TIME).base(Base.TIME_UTC);
  public static final Field CTIME = Field.of("kerberos.ctime", "ctime", FieldType.ABSOLUTE_TIME).base(Base.TIME_UTC);
  public static final Field STIME = Field.of("kerberos.stime", "stime", FieldType.ABSOLUTE_TIME).base(Base.TIME_UTC);
  public static final Field CUSEC = Field.u32("kerberos.cusec", "cusec");
  public static final Field SUSEC = Field.u32("kerberos.susec", "susec");
  public static final Field NONCE = Field.u32("kerberos.nonce", "nonce");
  public static final Field REQ_ETYPES = Field.u32("kerberos.kdc-req-body.etype", "etype")
      .shown(KerberosDissector::items);
  public static final Field ENCTYPE = Field.of("kerberos.ENCTYPE", "ENCTYPE", FieldType.INT32).labels(ETYPES);
  public static final Field ADDRESSES = Field.u32("kerberos.addresses", "addresses").shown(KerberosDissector::items);
  public static final Field HOST_ADDRESS = Field.none("kerberos.HostAddress_element", "HostAddress");
  public static final Field ADDR_TYPE = Field.of("kerberos.addr_type", "addr-type", FieldType.INT32).labels(ADDR_TYPES);
  public static final Field ADDR_IP = Field.ipv4("kerberos.addr_ip", "IP Address");
  public static final Field ADDR_IPV6 = Field.ipv6("kerberos.addr_ipv6", "IPv6 Address");
  public static final Field ADDRESS = Field.bytes("kerberos.address", "address");
  public static final Field ENC_AUTHORIZATION_DATA =
      Field.none("kerberos.enc_authorization_data_element", "enc-authorization-data");
  public static final Field ADDITIONAL_TICKETS = Field.u32("kerberos.additional_tickets", "additional-tickets")
      .shown(KerberosDissector::items);
  public static final Field INCLUDE_PAC = Field.bool("kerberos.include_pac", "include-pac").states("True", "False");
  public static final Field TICKET = Field.none("kerberos.ticket_element", "ticket");
  public static final Field TKT_VNO = Field.u32("kerberos.tkt_vno", "tkt-vno");
  public static final Field ENC_PART = Field.none("kerberos.enc_part_element", "enc-part");
  public static final Field AUTHENTICATOR = Field.none("kerberos.authenticator_element", "authenticator");
  public static final Field ETYPE = Field.of("kerberos.etype", "etype", FieldType.INT32).labels(ETYPES);
  public static final Field KVNO = Field.u32("kerberos.kvno", "kvno");
  public static final Field CIPHER = Field.bytes("kerberos.cipher", "cipher");
  public static final Field CKSUMTYPE = Field.of("kerberos.cksumtype", "cksumtype", FieldType.INT32)
      .labels(CKSUM_TYPES);
  public static final Field CHECKSUM = Field.bytes("kerberos.checksum", "checksum");
  public static final Field ERROR_CODE = Field.of("kerberos.error_code", "error-code", FieldType.INT32)
      .labels(ERROR_CODES);
  public static final Field E_TEXT = Field.string("kerberos.e_text", "e-text");
  public static final Field E_DATA = Field.bytes("kerberos.e_data", "e-data");
  public static final Field ETYPE_INFO2_ENTRY = Field.none("kerberos.ETYPE_INFO2_ENTRY_element", "ETYPE-INFO2-ENTRY");
  public static final Field ETYPE_INFO_ENTRY = Field.none("kerberos.ETYPE_INFO_ENTRY_element", "ETYPE-INFO-ENTRY");
  public static final Field INFO2_SALT = Field.string("kerberos.info2_salt", "salt");
  public static final Field INFO_SALT = Field.bytes("kerberos.info_salt", "salt");
  public static final Field S2KPARAMS = Field.bytes("kerberos.s2kparams", "s2kparams");
  public static final Field ARMORED_DATA = Field.none("kerberos.armored_data_element", "armored-data");
  public static final Field ARMOR = Field.none("kerberos.armor_element", "armor");
  public static final Field ARMOR_TYPE = Field.of("kerberos.armor_type", "armor-type", FieldType.INT32);
  public static final Field ARMOR_VALUE = Field.bytes("kerberos.armor_value", "armor-value");
  public static final Field REQ_CHECKSUM = Field.none("kerberos.req_checksum_element", "req-checksum");
  public static final Field ENC_FAST_REQ = Field.none("kerberos.enc_fast_req_element", "enc-fast-req");
  public static final Field ENC_FAST_REP = Field.none("kerberos.enc_fast_rep_element", "enc-fast-rep");
  private static final String[] KDC_OPTION_NAMES = {
    "reserved", "forwardable", "forwarded", "proxiable", "proxy", "allow.postdate", "postdated", "unused7",
    "renewable", "unused9", "unused10", "opt.hardware.auth", "unused12", "unused13", "constrained.delegation",
    "canonicalize", "request.anonymous", "unused17", "unused18", "unused19", "unused20", "unused21", "unused22",
    "unused23", "unused24", "unused25", "disable.transited.check", "renewable.ok", "enc.tkt.in.skey", "unused29",
    "renew", "validate",
  };
  private static final Field[] KDC_OPTION_BITS = bits("kerberos.KDCOptions.", KDC_OPTION_NAMES);
  private static final Field[] AP_OPTION_BITS =
      bits("kerberos.APOptions.", new String[] {"reserved", "use.session.key", "mutual.required"});

  // PKINIT (Wireshark's pkinit protocol, reached from the padata).
  public static final Field PK_AUTH_PACK = Field.none("pkinit.AuthPack_element", "AuthPack");
  public static final Field PK_PRINCIPAL_NAME = Field.none("pkinit.KRB5PrincipalName_element", "KRB5PrincipalName");
  public static final Field PK_SIGNED_AUTH_PACK = Field.none("pkinit.signedAuthPack_element", "signedAuthPack");
  public static final Field PK_TRUSTED_CERTIFIERS = Field.u32("pkinit.trustedCertifiers", "trustedCertifiers")
      .shown(KerberosDissector::items);
  public static final Field PK_AUTHENTICATOR = Field.none("pkinit.pkAuthenticator_element", "pkAuthenticator");
  public static final Field PK_CLIENT_PUBLIC_VALUE =
      Field.none("pkinit.clientPublicValue_element", "clientPublicValue");
  public static final Field PK_SUPPORTED_CMS_TYPES = Field.u32("pkinit.supportedCMSTypes", "supportedCMSTypes")
      .shown(KerberosDissector::items);
  public static final Field PK_ALGORITHM_IDENTIFIER =
      Field.none("pkinit.AlgorithmIdentifier_element", "AlgorithmIdentifier");
  public static final Field PK_CLIENT_DH_NONCE = Field.bytes("pkinit.clientDHNonce", "clientDHNonce");
  public static final Field PK_CUSEC = Field.of("pkinit.cusec", "cusec", FieldType.INT32);
  public static final Field PK_NONCE = Field.u32("pkinit.nonce", "nonce");
  public static final Field PK_PA_CHECKSUM = Field.bytes("pkinit.paChecksum", "paChecksum");
  public static final Field PK_DH_SIGNED_DATA = Field.none("pkinit.dhSignedData_element", "dhSignedData");
  public static final Field PK_ENC_KEY_PACK = Field.none("pkinit.encKeyPack_element", "encKeyPack");

  /** tshark's item after each note of the Malformed group (as {@link IrcDissector#MALFORMED}). */
  public static final Field MALFORMED = Field.of("_ws.malformed", "Malformed Packet", FieldType.PROTOCOL);

  // Wireshark's BER engine notes.
  public static final Expert WRONG_FIELD = new Expert("ber.error.sequence.field_wrong", Expert.Severity.WARNING,
      "Malformed", "BER Error: Wrong field in SEQUENCE");
  public static final Expert BEYOND_END = new Expert("ber.error.unknown_field.sequence", Expert.Severity.WARNING,
      "Malformed", "BER Error: This field lies beyond the end of the known sequence definition.");
  private static final Expert WRONG_FIELD_PKINIT = WRONG_FIELD.inProtocol("PKInit");
  private static final Expert BEYOND_END_PKINIT = BEYOND_END.inProtocol("PKInit");

  private static final String OID_SIGNED_DATA = "1.2.840.113549.1.7.2";
  private static final String OID_PKAUTHDATA = "1.3.6.1.5.2.3.1";
  /** DER of OBJECT IDENTIFIER 1.3.6.1.5.2.2 (id-pkinit-san). */
  private static final byte[] PKINIT_SAN = {0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x02, 0x02};

  private static final int APP = BerReader.APPLICATION;
  private static final int CTX = BerReader.CONTEXT;
  private static final int UNI = BerReader.UNIVERSAL;
  /** Flag of an optional member in a SEQUENCE definition. */
  private static final int OPT = 1 << 24;

  private static Field[] bits(String prefix, String[] names) {
    Field[] f = new Field[names.length];
    for (int i = 0; i < names.length; i++) {
      String label = names[i].replace('.', '-');
      f[i] = Field.bool(prefix + names[i], label).mask(0x80 >> (i % 8), 8).states("True", "False");
    }
    return f;
  }

  /** A SEQUENCE OF count as tshark shows it ("2 items"). */
  private static String items(long n) {
    return n + (n == 1 ? " item" : " items");
  }

  /** A member of a SEQUENCE definition: its class and tag, OPT when optional. */
  private static int ctx(int tag) {
    return CTX << 16 | tag;
  }

  private static int uni(int tag) {
    return UNI << 16 | tag;
  }

  public KerberosDissector() {
    super("kerberos", "Kerberos", "KRB5");
  }

  @Override
  public java.util.List<Field> declaredFields() {
    java.util.List<Field> out = super.declaredFields();
    out.addAll(java.util.List.of(KDC_OPTION_BITS));
    out.addAll(java.util.List.of(AP_OPTION_BITS));
    return out;
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, PORT, this);
    p.map(Protocols.Table.TCP_PORT, PORT, this);
  }

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    if (avail < 4) {
      return MORE;
    }
    long len = Bytes.u32(b, off) & 0x7fffffffL;
    return len > Integer.MAX_VALUE - 4 ? NOT_MINE : (int) len + 4;
  }

  /** tshark's Kerberos clears Info before it asks TCP for the rest of a record. */
  @Override
  public String partialInfo(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    return "";
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    boolean tcp = Transport.isTcp(d, Transport.find(d, layer));
    d.annotate(layer, 1);
    d.setAnnotation(layer, 0, tcp ? 1 : 0);
    new Walker(new Tree().reset(d, layer, null), tcp, d, layer).message();
    return null;
  }

  @Override
  public void fields(Tree t) {
    new Walker(t, t.annotation(0) == 1, null, -1).message();
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    Walker w = new Walker(new Tree().reset(t.dissection(), t.layer(), null), t.annotation(0) == 1, null, -1);
    w.message();
    if (w.info != null) {
      c.setInfo(w.info);
    }
  }

  /**
   * Emits the fields of the Kerberos message (an AP-REQ, AP-REP, KRB-ERROR...) at {@code rel,
   * len} of {@code t}'s layer, without a record mark: for the protocols that carry Kerberos
   * inside their own messages (SPNEGO's mechToken, for instance). Info is left alone.
   */
  public static void message(Tree t, int rel, int len) {
    int from = t.start() + rel;
    new Walker(t, from, Math.min(from + len, t.start() + t.length()), false, null, -1).message();
  }

  /**
   * Records on layer {@code layer} of {@code d} the BER notes of the Kerberos message at
   * absolute {@code from..to}: the first-pass half of {@link #message}.
   */
  public static void notes(Dissection d, int layer, int from, int to) {
    notes(d, layer, from, to, null);
  }

  /**
   * {@link #notes(Dissection, int, int, int)} for a message another protocol carries, whose notes
   * tshark's expert list names after {@code protocol} (SPNEGO's "SPNEGO-KRB5") rather than the
   * layer's protocol (the SMB2 carrying the blob).
   */
  public static void notes(Dissection d, int layer, int from, int to, String protocol) {
    Tree t = new Tree().reset(d, layer, null);
    Walker w = new Walker(t, from, Math.min(to, t.start() + t.length()), false, d, layer);
    w.protocol = protocol;
    w.message();
  }

  /** A KerberosTime (GeneralizedTime "YYYYMMDDHHMMSSZ") in nanoseconds since the epoch, or null. */
  static Long kerberosTime(byte[] b, int off, int len) {
    if (len < 15 || b[off + 14] != 'Z') {
      return null;
    }
    for (int i = 0; i < 14; i++) {
      if (b[off + i] < '0' || b[off + i] > '9') {
        return null;
      }
    }
    try {
      java.time.LocalDateTime t = java.time.LocalDateTime.of(num(b, off, 4), num(b, off + 4, 2), num(b, off + 6, 2),
          num(b, off + 8, 2), num(b, off + 10, 2), num(b, off + 12, 2));
      return t.toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000_000L;
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private static int num(byte[] b, int off, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
      v = v * 10 + b[off + i] - '0';
    }
    return v;
  }

  /** Reads what a member's handler is given: the member's element (its header and contents). */
  @FunctionalInterface
  private interface Member {
    void at(int index, BerReader element);
  }

  /**
   * One walk over a message: the first pass records the BER notes ({@code d} not null), the
   * field pass emits through the tree, the column pass collects Info.
   */
  private static final class Walker {
    final Tree t;
    final byte[] b;
    final int base;
    final int from;
    final int limit;
    final boolean tcp;
    final Dissection d;
    final int layer;
    String info;
    boolean request;
    /** Inside a structure Wireshark reaches through PKINIT's registered OIDs. */
    boolean pkinit;
    /** The protocol the notes are named after when another protocol carries the message, or null. */
    String protocol;
    long errorCode = -1;

    Walker(Tree t, boolean tcp, Dissection d, int layer) {
      this(t, t.start(), t.start() + t.length(), tcp, d, layer);
    }

    /** A walk over the message at {@code from..to} (absolute) of the tree's bytes. */
    Walker(Tree t, int from, int to, boolean tcp, Dissection d, int layer) {
      this.t = t;
      this.b = t.data();
      this.base = t.start();
      this.from = from;
      this.limit = to;
      this.tcp = tcp;
      this.d = d;
      this.layer = layer;
    }

    int rel(int abs) {
      return abs - base;
    }

    void message() {
      int p = from;
      if (tcp) {
        if (limit - p < 4) {
          return;
        }
        long rm = Bytes.u32(b, p);
        t.text(rel(p), 4, "Record Mark: " + (rm & 0x7fffffffL) + " bytes");
        t.enter();
        t.number(RM_RESERVED, rel(p), 4, RM_RESERVED.extract(rm));
        t.number(RM_LENGTH, rel(p), 4, RM_LENGTH.extract(rm));
        t.exit();
        p += 4;
      }
      BerReader r = new BerReader();
      if (r.read(b, p, limit)) {
        application(r, true);
      }
    }

    // ---- the BER engine ----

    /**
     * A BER note: recorded in the first pass; in the field pass tshark's "Malformed Packet" item
     * ({@code _ws.malformed}) that follows every note of the Malformed group, where it arose.
     */
    void note(Expert e, BerReader at, String text) {
      if (d == null) {
        t.object(MALFORMED, rel(at.start), 0, "Malformed Packet");
      } else {
        Expert kind = pkinit ? (e == WRONG_FIELD ? WRONG_FIELD_PKINIT : BEYOND_END_PKINIT) : e;
        if (protocol != null && !pkinit) {
          kind = kind.inProtocol(protocol);
        }
        d.expert(layer, kind, at.start, at.end - at.start, text);
      }
    }

    /** Walks the members of a SEQUENCE whose contents are {@code from..to} against {@code spec}. */
    void members(int from, int to, int[] spec, Member m) {
      BerReader r = new BerReader();
      int i = 0;
      for (int p = from; p < to; ) {
        if (!r.read(b, p, to)) {
          return;
        }
        p = r.end;
        while (i < spec.length && !matches(spec[i], r) && (spec[i] & OPT) != 0) {
          i++;
        }
        if (i >= spec.length) {
          note(BEYOND_END, r, null);
          continue;
        }
        if (!matches(spec[i], r)) {
          note(WRONG_FIELD, r, wrongField(spec[i], r));
          i++;
          continue;
        }
        m.at(i++, r);
      }
    }

    /** Walks a SEQUENCE element (as Wireshark, only when it is one) against {@code spec}. */
    void sequence(BerReader el, int[] spec, Member m) {
      if (el.is(UNI, true, 16)) {
        members(el.contentStart, el.end, spec, m);
      }
    }

    static boolean matches(int member, BerReader r) {
      return r.tagClass == (member >>> 16 & 0xff) && r.tag == (member & 0xffff);
    }

    static String wrongField(int member, BerReader r) {
      int cls = member >>> 16 & 0xff;
      int tag = member & 0xffff;
      String expected = "class:" + CLASS_NAMES[cls] + "(" + cls + ") tag:" + tag
          + (cls == UNI ? "(" + UNIVERSAL_NAMES.getOrDefault((long) tag, "Unknown") + ")" : "");
      return "BER Error: Wrong field in SEQUENCE: expected " + expected + " but found class:"
          + CLASS_NAMES[r.tagClass] + "(" + r.tagClass + ") tag:" + r.tag;
    }

    /** The element inside an explicitly tagged member, or null. */
    BerReader inner(BerReader tagged) {
      BerReader r = new BerReader();
      return r.read(b, tagged.contentStart, tagged.end) ? r : null;
    }

    /** The elements of a SEQUENCE OF (or SET OF) element. */
    int count(BerReader el) {
      int n = 0;
      BerReader r = new BerReader();
      for (int p = el.contentStart; p < el.end && r.read(b, p, el.end); p = r.end) {
        n++;
      }
      return n;
    }

    void forEach(BerReader el, java.util.function.Consumer<BerReader> each) {
      BerReader r = new BerReader();
      for (int p = el.contentStart; p < el.end && r.read(b, p, el.end); p = r.end) {
        BerReader item = new BerReader();
        item.read(b, p, el.end);
        each.accept(item);
      }
    }

    // ---- primitive members (explicitly tagged) ----

    void integer(Field f, BerReader tagged, boolean signed) {
      BerReader v = inner(tagged);
      if (v != null && v.length() > 0) {
        long n = signed ? BerReader.signed(b, v.contentStart, v.length())
            : BerReader.unsigned(b, v.contentStart, v.length());
        t.number(f, rel(v.contentStart), v.length(), signed ? (int) n : n & 0xffffffffL);
      }
    }

    long intValue(BerReader tagged) {
      BerReader v = inner(tagged);
      return v == null ? -1 : BerReader.signed(b, v.contentStart, v.length());
    }

    void string(Field f, BerReader tagged) {
      BerReader v = inner(tagged);
      if (v != null) {
        stringAt(f, v);
      }
    }

    void stringAt(Field f, BerReader v) {
      t.object(f, rel(v.contentStart), v.length(), Strings.printable(b, v.contentStart, v.length()));
    }

    void time(Field f, BerReader tagged) {
      BerReader v = inner(tagged);
      if (v != null) {
        Long when = kerberosTime(b, v.contentStart, v.length());
        if (when != null) {
          t.number(f, rel(v.contentStart), v.length(), when);
        }
      }
    }

    /** An OCTET STRING member's value; tshark shows an empty one as {@code <MISSING>}. */
    BerReader octets(Field f, BerReader tagged) {
      BerReader v = inner(tagged);
      if (v != null) {
        octetsAt(f, v);
      }
      return v;
    }

    void octetsAt(Field f, BerReader v) {
      if (v.length() == 0) {
        t.object(f, rel(v.contentStart), 0, "<MISSING>");
      } else {
        t.bytes(f, rel(v.contentStart), v.length());
      }
    }

    void open(Field f, BerReader el) {
      t.object(f, rel(el.start), el.end - el.start, null);
      t.enter();
    }

    void close() {
      t.exit();
    }

    // ---- Kerberos ----

    /** An application-tagged message (the top level, or PA-TGS-REQ's AP-REQ). */
    void application(BerReader app, boolean top) {
      if (app.tagClass != APP) {
        return;
      }
      int type = app.tag;
      if (top) {
        String name = INFO.get((long) type);
        if (name != null) {
          info = name;
        }
      }
      BerReader seq = inner(app);
      if (seq == null) {
        return;
      }
      switch (type) {
        case 10, 12 -> {
          if (top) {
            request = true;
          }
          open(type == 10 ? AS_REQ : TGS_REQ, app);
          sequence(seq, new int[] {ctx(1), ctx(2), ctx(3) | OPT, ctx(4)}, (i, m) -> {
            switch (i) {
              case 0 -> integer(PVNO, m, false);
              case 1 -> integer(MSG_TYPE, m, true);
              case 2 -> padata(m);
              default -> reqBody(m);
            }
          });
          close();
        }
        case 11, 13 -> {
          open(type == 11 ? AS_REP : TGS_REP, app);
          sequence(seq, new int[] {ctx(0), ctx(1), ctx(2) | OPT, ctx(3), ctx(4), ctx(5), ctx(6)}, (i, m) -> {
            switch (i) {
              case 0 -> integer(PVNO, m, false);
              case 1 -> integer(MSG_TYPE, m, true);
              case 2 -> padata(m);
              case 3 -> string(CREALM, m);
              case 4 -> principal(m, CNAME, CNAME_STRING, CNAME_STRING_ITEM);
              case 5 -> ticket(m);
              default -> encrypted(ENC_PART, m);
            }
          });
          close();
        }
        case 14 -> {
          open(AP_REQ, app);
          sequence(seq, new int[] {ctx(0), ctx(1), ctx(2), ctx(3), ctx(4)}, (i, m) -> {
            switch (i) {
              case 0 -> integer(PVNO, m, false);
              case 1 -> integer(MSG_TYPE, m, true);
              case 2 -> options(AP_OPTIONS, AP_OPTION_BITS, m);
              case 3 -> ticket(m);
              default -> encrypted(AUTHENTICATOR, m);
            }
          });
          close();
        }
        case 15 -> {
          open(AP_REP, app);
          sequence(seq, new int[] {ctx(0), ctx(1), ctx(2)}, (i, m) -> {
            switch (i) {
              case 0 -> integer(PVNO, m, false);
              case 1 -> integer(MSG_TYPE, m, true);
              default -> encrypted(ENC_PART, m);
            }
          });
          close();
        }
        case 30 -> {
          open(KRB_ERROR, app);
          int[] spec = {ctx(0), ctx(1), ctx(2) | OPT, ctx(3) | OPT, ctx(4), ctx(5), ctx(6), ctx(7) | OPT,
            ctx(8) | OPT, ctx(9), ctx(10), ctx(11) | OPT, ctx(12) | OPT};
          sequence(seq, spec, (i, m) -> {
            switch (i) {
              case 0 -> integer(PVNO, m, false);
              case 1 -> integer(MSG_TYPE, m, true);
              case 2 -> time(CTIME, m);
              case 3 -> integer(CUSEC, m, false);
              case 4 -> time(STIME, m);
              case 5 -> integer(SUSEC, m, false);
              case 6 -> {
                errorCode = intValue(m);
                integer(ERROR_CODE, m, true);
                if (top) {
                  info = "KRB Error: " + ERROR_NAMES.getOrDefault(errorCode, "Unknown error code " + errorCode);
                }
              }
              case 7 -> string(CREALM, m);
              case 8 -> principal(m, CNAME, CNAME_STRING, CNAME_STRING_ITEM);
              case 9 -> string(REALM, m);
              case 10 -> principal(m, SNAME, SNAME_STRING, SNAME_STRING_ITEM);
              case 11 -> string(E_TEXT, m);
              default -> eData(m);
            }
          });
          close();
        }
        default -> { }
      }
    }

    void padata(BerReader tagged) {
      BerReader list = inner(tagged);
      if (list == null) {
        return;
      }
      t.number(PADATA, rel(list.start), list.end - list.start, count(list));
      t.enter();
      forEach(list, item -> {
        paDataItem(item);
        paData(item);
        close();
      });
      t.exit();
    }

    /** A PA-DATA of a list, labelled with its type as in tshark ("PA-DATA pA-ETYPE-INFO2"). */
    void paDataItem(BerReader item) {
      BerReader first = inner(item);
      BerReader type = first != null && first.is(CTX, true, 1) ? inner(first) : null;
      String name = type == null ? null
          : PADATA_TYPES.get(BerReader.signed(b, type.contentStart, type.length()));
      t.object(PA_DATA, rel(item.start), item.end - item.start, name == null ? null : "PA-DATA " + name);
      t.enter();
    }

    /** PA-DATA ::= SEQUENCE { padata-type [1] Int32, padata-value [2] OCTET STRING }. */
    void paData(BerReader el) {
      long[] type = {-1};
      boolean[] entered = {false};
      sequence(el, new int[] {ctx(1), ctx(2)}, (i, m) -> {
        if (i == 0) {
          type[0] = intValue(m);
          integer(PADATA_TYPE, m, true);
          t.enter(); // tshark hangs the value under the type
          entered[0] = true;
          return;
        }
        BerReader v = octets(PADATA_VALUE, m);
        if (v != null && v.length() > 0) {
          t.enter();
          paValue((int) type[0], v);
          t.exit();
        }
      });
      if (entered[0]) {
        t.exit();
      }
    }

    void paValue(int type, BerReader octets) {
      BerReader v = new BerReader();
      if (!v.read(b, octets.contentStart, octets.end)) {
        return;
      }
      switch (type) {
        case 1 -> application(v, false);
        case 2, 138 -> sequence(v, ENCRYPTED_DATA, this::encryptedMember);
        case 11 -> forEach(v, e -> {
          open(ETYPE_INFO_ENTRY, e);
          sequence(e, new int[] {ctx(0), ctx(1) | OPT}, (i, m) -> {
            if (i == 0) {
              integer(ETYPE, m, true);
            } else {
              octets(INFO_SALT, m);
            }
          });
          close();
        });
        case 19 -> forEach(v, e -> {
          open(ETYPE_INFO2_ENTRY, e);
          sequence(e, new int[] {ctx(0), ctx(1) | OPT, ctx(2) | OPT}, (i, m) -> {
            switch (i) {
              case 0 -> integer(ETYPE, m, true);
              case 1 -> string(INFO2_SALT, m);
              default -> octets(S2KPARAMS, m);
            }
          });
          close();
        });
        case 16 -> paPkAsReq(v);
        case 17 -> paPkAsRep(v);
        case 128 -> sequence(v, new int[] {ctx(0)}, (i, m) -> {
          BerReader flag = inner(m);
          if (flag != null && flag.length() == 1) {
            t.number(INCLUDE_PAC, rel(flag.contentStart), 1, b[flag.contentStart] != 0 ? 1 : 0);
          }
        });
        case 136 -> fxFast(v);
        default -> { }
      }
    }

    /** KRB-ERROR e-data: METHOD-DATA, or one PA-DATA, by error code (as tshark 4.0). */
    void eData(BerReader tagged) {
      BerReader v = octets(E_DATA, tagged);
      if (v == null || v.length() == 0) {
        return;
      }
      BerReader el = new BerReader();
      if (!el.read(b, v.contentStart, v.end)) {
        return;
      }
      t.enter();
      if (errorCode == 24 || errorCode == 25) {
        if (el.is(UNI, true, 16)) {
          forEach(el, item -> {
            paDataItem(item);
            paData(item);
            close();
          });
        }
      } else if (errorCode == 12 || errorCode == 13 || errorCode == 18 || errorCode == 23) {
        paData(el);
      }
      t.exit();
    }

    void fxFast(BerReader choice) {
      if (!choice.is(CTX, true, 0)) {
        return;
      }
      BerReader seq = inner(choice);
      if (seq == null) {
        return;
      }
      open(ARMORED_DATA, choice);
      if (request) {
        sequence(seq, new int[] {ctx(0) | OPT, ctx(1), ctx(2)}, (i, m) -> {
          switch (i) {
            case 0 -> {
              open(ARMOR, m);
              BerReader a = inner(m);
              if (a != null) {
                sequence(a, new int[] {ctx(0), ctx(1)}, (j, n) -> {
                  if (j == 0) {
                    integer(ARMOR_TYPE, n, true);
                  } else {
                    octets(ARMOR_VALUE, n);
                  }
                });
              }
              close();
            }
            case 1 -> {
              open(REQ_CHECKSUM, m);
              BerReader c = inner(m);
              if (c != null) {
                sequence(c, new int[] {ctx(0), ctx(1)}, (j, n) -> {
                  if (j == 0) {
                    integer(CKSUMTYPE, n, true);
                  } else {
                    octets(CHECKSUM, n);
                  }
                });
              }
              close();
            }
            default -> encrypted(ENC_FAST_REQ, m);
          }
        });
      } else {
        sequence(seq, new int[] {ctx(0)}, (i, m) -> encrypted(ENC_FAST_REP, m));
      }
      close();
    }

    void reqBody(BerReader tagged) {
      BerReader seq = inner(tagged);
      if (seq == null) {
        return;
      }
      open(REQ_BODY, tagged);
      int[] spec = {ctx(0), ctx(1) | OPT, ctx(2), ctx(3) | OPT, ctx(4) | OPT, ctx(5), ctx(6) | OPT, ctx(7), ctx(8),
        ctx(9) | OPT, ctx(10) | OPT, ctx(11) | OPT};
      sequence(seq, spec, (i, m) -> {
        switch (i) {
          case 0 -> options(KDC_OPTIONS, KDC_OPTION_BITS, m);
          case 1 -> principal(m, CNAME, CNAME_STRING, CNAME_STRING_ITEM);
          case 2 -> string(REALM, m);
          case 3 -> principal(m, SNAME, SNAME_STRING, SNAME_STRING_ITEM);
          case 4 -> time(FROM, m);
          case 5 -> time(TILL, m);
          case 6 -> time(RTIME, m);
          case 7 -> integer(NONCE, m, false);
          case 8 -> {
            BerReader list = inner(m);
            if (list != null) {
              t.number(REQ_ETYPES, rel(list.start), list.end - list.start, count(list));
              t.enter();
              forEach(list, e -> {
                if (e.length() > 0) {
                  t.number(ENCTYPE, rel(e.contentStart), e.length(),
                      (int) BerReader.signed(b, e.contentStart, e.length()));
                }
              });
              t.exit();
            }
          }
          case 9 -> addresses(m);
          case 10 -> encrypted(ENC_AUTHORIZATION_DATA, m);
          default -> {
            BerReader list = inner(m);
            if (list != null) {
              t.number(ADDITIONAL_TICKETS, rel(list.start), list.end - list.start, count(list));
              t.enter();
              forEach(list, this::ticketAt);
              t.exit();
            }
          }
        }
      });
      close();
    }

    void addresses(BerReader tagged) {
      BerReader list = inner(tagged);
      if (list == null) {
        return;
      }
      t.number(ADDRESSES, rel(list.start), list.end - list.start, count(list));
      t.enter();
      forEach(list, a -> {
        open(HOST_ADDRESS, a);
        long[] type = {-1};
        sequence(a, new int[] {ctx(0), ctx(1)}, (i, m) -> {
          if (i == 0) {
            type[0] = intValue(m);
            integer(ADDR_TYPE, m, true);
            return;
          }
          BerReader v = inner(m);
          if (v == null) {
            return;
          }
          if (type[0] == 2 && v.length() == 4) {
            t.bytes(ADDR_IP, rel(v.contentStart), 4);
          } else if (type[0] == 24 && v.length() == 16) {
            t.bytes(ADDR_IPV6, rel(v.contentStart), 16);
          } else {
            octetsAt(ADDRESS, v);
          }
        });
        close();
      });
      t.exit();
    }

    /** A BIT STRING of options: the bytes after the unused-bits octet, then one flag per bit. */
    void options(Field f, Field[] flags, BerReader tagged) {
      BerReader v = inner(tagged);
      if (v == null || v.length() < 1) {
        return;
      }
      int from = v.contentStart + 1;
      t.bytes(f, rel(from), v.end - from);
      t.enter();
      for (int k = 0; k < flags.length && from + k / 8 < v.end; k++) {
        int octet = b[from + k / 8] & 0xff;
        t.number(flags[k], rel(from + k / 8), 1, flags[k].extract(octet));
      }
      t.exit();
    }

    /** PrincipalName ::= SEQUENCE { name-type [0] Int32, name-string [1] SEQUENCE OF KerberosString }. */
    void principal(BerReader tagged, Field element, Field count, Field item) {
      BerReader seq = inner(tagged);
      if (seq == null) {
        return;
      }
      open(element, tagged);
      sequence(seq, new int[] {ctx(0), ctx(1)}, (i, m) -> {
        if (i == 0) {
          integer(NAME_TYPE, m, true);
          return;
        }
        BerReader list = inner(m);
        if (list != null) {
          t.number(count, rel(list.start), list.end - list.start, count(list));
          t.enter();
          forEach(list, s -> stringAt(item, s));
          t.exit();
        }
      });
      close();
    }

    /** Ticket ::= [APPLICATION 1] SEQUENCE { tkt-vno [0], realm [1], sname [2], enc-part [3] }. */
    void ticket(BerReader tagged) {
      BerReader app = inner(tagged);
      if (app != null) {
        ticketAt(app);
      }
    }

    void ticketAt(BerReader app) {
      BerReader seq = app.tagClass == APP && app.tag == 1 ? inner(app) : null;
      if (seq == null) {
        return;
      }
      open(TICKET, app);
      sequence(seq, new int[] {ctx(0), ctx(1), ctx(2), ctx(3)}, (i, m) -> {
        switch (i) {
          case 0 -> integer(TKT_VNO, m, false);
          case 1 -> string(REALM, m);
          case 2 -> principal(m, SNAME, SNAME_STRING, SNAME_STRING_ITEM);
          default -> encrypted(ENC_PART, m);
        }
      });
      close();
    }

    /** EncryptedData ::= SEQUENCE { etype [0] Int32, kvno [1] UInt32 OPTIONAL, cipher [2] OCTET STRING }. */
    void encrypted(Field element, BerReader tagged) {
      BerReader seq = inner(tagged);
      if (seq == null) {
        return;
      }
      if (element != null) {
        open(element, tagged);
      }
      sequence(seq, ENCRYPTED_DATA, this::encryptedMember);
      if (element != null) {
        close();
      }
    }

    void encryptedMember(int i, BerReader m) {
      switch (i) {
        case 0 -> integer(ETYPE, m, true);
        case 1 -> integer(KVNO, m, false);
        default -> octets(CIPHER, m);
      }
    }

    // ---- PKINIT (draft-era definitions, as Wireshark's) ----

    /** PaPkAsReq ::= SEQUENCE { signedAuthPack [0] ContentInfo, trustedCertifiers [1]?, kdcCert [2]? }. */
    void paPkAsReq(BerReader el) {
      sequence(el, new int[] {ctx(0), ctx(1) | OPT, ctx(2) | OPT}, (i, m) -> {
        if (i == 0) {
          open(PK_SIGNED_AUTH_PACK, m);
          BerReader ci = inner(m);
          if (ci != null) {
            contentInfo(ci);
          }
          close();
        } else if (i == 1) {
          BerReader list = inner(m);
          if (list != null) {
            t.number(PK_TRUSTED_CERTIFIERS, rel(list.start), list.end - list.start, count(list));
          }
        }
      });
    }

    /** PaPkAsRep ::= CHOICE { dhSignedData [0] ContentInfo, encKeyPack [1] ContentInfo }. */
    void paPkAsRep(BerReader choice) {
      if (choice.tagClass != CTX || choice.tag > 1) {
        return;
      }
      open(choice.tag == 0 ? PK_DH_SIGNED_DATA : PK_ENC_KEY_PACK, choice);
      BerReader ci = inner(choice);
      if (ci != null) {
        contentInfo(ci);
      }
      close();
    }

    /** ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT ANY }: SignedData read on. */
    void contentInfo(BerReader el) {
      String[] type = {null};
      sequence(el, new int[] {uni(6), ctx(0)}, (i, m) -> {
        if (i == 0) {
          type[0] = BerReader.oid(b, m.contentStart, m.length());
        } else if (OID_SIGNED_DATA.equals(type[0])) {
          BerReader sd = inner(m);
          if (sd != null) {
            signedData(sd);
          }
        }
      });
    }

    /** SignedData: the encapsulated AuthPack, then the client certificates' PKINIT names. */
    void signedData(BerReader el) {
      int[] spec = {uni(2), uni(17), uni(16), ctx(0) | OPT, ctx(1) | OPT, uni(17)};
      sequence(el, spec, (i, m) -> {
        if (i == 2) {
          String[] type = {null};
          sequence(m, new int[] {uni(6), ctx(0) | OPT}, (j, n) -> {
            if (j == 0) {
              type[0] = BerReader.oid(b, n.contentStart, n.length());
            } else if (OID_PKAUTHDATA.equals(type[0])) {
              BerReader os = inner(n);
              BerReader ap = new BerReader();
              if (os != null && ap.read(b, os.contentStart, os.end)) {
                boolean was = pkinit;
                pkinit = true;
                authPack(ap);
                pkinit = was;
              }
            }
          });
        } else if (i == 3) {
          certificateNames(m.contentStart, m.end);
        }
      });
    }

    /**
     * AuthPack ::= SEQUENCE { pkAuthenticator [0], clientPublicValue [1]?, supportedCMSTypes [2]?,
     * clientDHNonce [3]? }.
     */
    void authPack(BerReader el) {
      open(PK_AUTH_PACK, el);
      sequence(el, new int[] {ctx(0), ctx(1) | OPT, ctx(2) | OPT, ctx(3) | OPT}, (i, m) -> {
        switch (i) {
          case 0 -> {
            open(PK_AUTHENTICATOR, m);
            BerReader seq = inner(m);
            if (seq != null) {
              sequence(seq, new int[] {ctx(0), ctx(1), ctx(2), ctx(3) | OPT}, (j, n) -> {
                switch (j) {
                  case 0 -> integer(PK_CUSEC, n, true);
                  case 1 -> time(CTIME, n);
                  case 2 -> integer(PK_NONCE, n, false);
                  default -> octets(PK_PA_CHECKSUM, n);
                }
              });
            }
            close();
          }
          case 1 -> {
            open(PK_CLIENT_PUBLIC_VALUE, m);
            close();
          }
          case 2 -> {
            BerReader list = inner(m);
            if (list != null) {
              t.number(PK_SUPPORTED_CMS_TYPES, rel(list.start), list.end - list.start, count(list));
              t.enter();
              forEach(list, a -> {
                open(PK_ALGORITHM_IDENTIFIER, a);
                close();
              });
              t.exit();
            }
          }
          default -> octets(PK_CLIENT_DH_NONCE, m);
        }
      });
      close();
    }

    /**
     * The KRB5PrincipalName of each id-pkinit-san otherName in the certificates at
     * {@code from..to}: found by the OID's encoding, followed by the [0] holding the name.
     */
    void certificateNames(int from, int to) {
      for (int p = from; p + PKINIT_SAN.length < to; p++) {
        if (!java.util.Arrays.equals(b, p, p + PKINIT_SAN.length, PKINIT_SAN, 0, PKINIT_SAN.length)) {
          continue;
        }
        BerReader value = new BerReader();
        BerReader seq;
        if (value.read(b, p + PKINIT_SAN.length, to) && value.is(CTX, true, 0) && (seq = inner(value)) != null) {
          boolean was = pkinit;
          pkinit = true;
          open(PK_PRINCIPAL_NAME, seq);
          sequence(seq, new int[] {ctx(0), ctx(1)}, (i, m) -> {
            if (i == 0) {
              string(REALM, m);
            } else {
              principal(m, CNAME, NAME_STRING, KERBEROS_STRING);
            }
          });
          close();
          pkinit = was;
          p = value.end - 1;
        }
      }
    }
  }

  private static final int[] ENCRYPTED_DATA = {ctx(0), ctx(1) | OPT, ctx(2)};
  private static final String[] CLASS_NAMES = {"UNIVERSAL", "APPLICATION", "CONTEXT", "PRIVATE"};
  private static final Map<Long, String> UNIVERSAL_NAMES = ValueNames.parse(
      """
      0=EOC|1=BOOLEAN|2=INTEGER|3=BIT STRING|4=OCTET STRING|5=NULL|6=OBJECT IDENTIFIER|7=ObjectDescriptor|
      8=EXTERNAL|9=REAL|10=ENUMERATED|11=EMBEDDED PDV|12=UTF8String|13=RELATIVE-OID|16=SEQUENCE|17=SET|
      18=NumericString|19=PrintableString|20=TeletexString|21=VideotexString|22=IA5String|23=UTCTime|
      24=GeneralizedTime|25=GraphicString|26=VisibleString|27=GeneralString|28=UniversalString|
      29=CHARACTER STRING|30=BMPString|
      """);
}

package io.netsift.core.dissect.proto;

/**
 * PKIX1Implitit (pkix1implicit): values inside X.509 certificates that tshark hands to this protocol by
 * object identifier; see {@link X509ValueDissector}.
 */
public final class Pkix1ImplicitDissector extends X509ValueDissector {
  public Pkix1ImplicitDissector() {
    super("pkix1implicit", "PKIX1Implitit", "PKIX1IMPLICIT", "pkix1implicit.", "x509ce.GeneralName", "x509ce.rfc822Name", "x509ce.dNSName", "x509ce.uniformResourceIdentifier", "x509ce.iPAddress", "x509ce.registeredID", "x509ce.directoryName", "x509if.");
  }
}

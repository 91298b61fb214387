package io.netsift.core.dissect.proto;

/**
 * PKCS#1 (pkcs-1): values inside X.509 certificates that tshark hands to this protocol by
 * object identifier; see {@link X509ValueDissector}.
 */
public final class Pkcs1Dissector extends X509ValueDissector {
  public Pkcs1Dissector() {
    super("pkcs-1", "PKCS#1", "PKCS-1", "pkcs1.ECParameters", "pkcs1.namedCurve");
  }
}

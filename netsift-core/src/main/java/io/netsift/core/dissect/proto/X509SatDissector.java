package io.netsift.core.dissect.proto;

/**
 * X.509 Selected Attribute Types (x509sat): values inside X.509 certificates that tshark hands to this protocol by
 * object identifier; see {@link X509ValueDissector}.
 */
public final class X509SatDissector extends X509ValueDissector {
  public X509SatDissector() {
    super("x509sat", "X.509 Selected Attribute Types", "X509SAT", "x509sat.");
  }
}

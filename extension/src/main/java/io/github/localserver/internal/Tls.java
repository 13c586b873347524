package io.github.localserver.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The self-signed certificate HTTPS servers present, and the trust material clients need for it.
 *
 * <p>Making a key pair and certificate is the slowest part of an HTTPS start, so it is made once per
 * JVM (per bind address: 127.0.0.1 and ::1 share one whose subject alternative names are
 * 127.0.0.1, ::1 and localhost; another 127.x.y.z address gets its own with that address added)
 * and written once to a temporary PKCS#12 key store for WireMock's Jetty.
 */
final class Tls {

  private static final String PASSWORD = "localserver";
  private static final Map<String, Tls> BY_HOST = new ConcurrentHashMap<>();

  private final HandshakeCertificates clientTrust;
  private final Path keyStore;

  private Tls(HeldCertificate certificate) {
    this.clientTrust =
        new HandshakeCertificates.Builder().addTrustedCertificate(certificate.certificate()).build();
    this.keyStore = writeKeyStore(certificate);
  }

  /** The material for a server bound to this address. */
  static Tls forAddress(InetAddress address) {
    ClasspathCheck.requireOkHttp(); // okhttp-tls makes the certificate
    String literal = Loopback.literal(address);
    String key = literal.equals("::1") ? "127.0.0.1" : literal;
    return BY_HOST.computeIfAbsent(key, Tls::make);
  }

  private static Tls make(String extraSan) {
    HeldCertificate.Builder builder =
        new HeldCertificate.Builder()
            .commonName("LocalServer test certificate")
            .addSubjectAlternativeName("127.0.0.1")
            .addSubjectAlternativeName("::1")
            .addSubjectAlternativeName("localhost")
            .duration(2, TimeUnit.DAYS);
    if (!extraSan.equals("127.0.0.1")) {
      builder.addSubjectAlternativeName(extraSan);
    }
    return new Tls(builder.build());
  }

  SSLContext sslContext() {
    return clientTrust.sslContext();
  }

  SSLSocketFactory sslSocketFactory() {
    return clientTrust.sslSocketFactory();
  }

  X509TrustManager trustManager() {
    return clientTrust.trustManager();
  }

  String keyStorePath() {
    return keyStore.toString();
  }

  String keyStorePassword() {
    return PASSWORD;
  }

  private static Path writeKeyStore(HeldCertificate certificate) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "localserver",
          certificate.keyPair().getPrivate(),
          PASSWORD.toCharArray(),
          new Certificate[] {certificate.certificate()});
      Path file = Files.createTempFile("localserver-", ".p12");
      file.toFile().deleteOnExit();
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, PASSWORD.toCharArray());
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the HTTPS key store", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not build the HTTPS key store", e);
    }
  }
}

package dev.resilientsession.lab.fleet;

import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;
import org.jspecify.annotations.Nullable;

/**
 * The one client a fleet's devices derive theirs from, as an app's screens share one: one
 * connection pool and one dispatcher for every device, sized for a fleet rather than an app.
 */
final class SharedClient {
  private static final String END = "-----END CERTIFICATE-----";

  private SharedClient() {
  }

  /** {@code caPem}: PEM certificates to trust besides the platform's, or null. */
  static OkHttpClient create(@Nullable String caPem) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(512);
    dispatcher.setMaxRequestsPerHost(512);
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(256, 5, TimeUnit.MINUTES))
        .connectTimeout(10, TimeUnit.SECONDS)
        .readTimeout(30, TimeUnit.SECONDS)
        .writeTimeout(30, TimeUnit.SECONDS);
    if (caPem != null) {
      HandshakeCertificates.Builder certificates = new HandshakeCertificates.Builder().addPlatformTrustedCertificates();
      for (String part : caPem.split(END)) {
        if (part.contains("-----BEGIN CERTIFICATE-----")) {
          certificates.addTrustedCertificate(Certificates.decodeCertificatePem(part.strip() + "\n" + END + "\n"));
        }
      }
      HandshakeCertificates trust = certificates.build();
      builder.sslSocketFactory(trust.sslSocketFactory(), trust.trustManager());
    }
    return builder.build();
  }
}

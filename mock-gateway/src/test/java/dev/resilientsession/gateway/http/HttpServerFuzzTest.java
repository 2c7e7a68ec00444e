package dev.resilientsession.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Valid requests, mutated by a random generator with a fixed seed, so that a failure replays. Not
 * a Jazzer fuzz test: each input is a connection, and the property is about the wire. Whatever
 * arrives, the client gets well-formed HTTP/1.1 responses, or none, and then the connection
 * closes: never a hang, which {@link RawClient}'s read timeout turns into a failure.
 */
class HttpServerFuzzTest {
  private static final long SEED = 9112;
  private static final int CASES = 3000;

  private static final String[] SEEDS = {
      "GET /t/oauth2/authorize?client_id=abc&scope=openid HTTP/1.1\r\nHost: localhost:9443\r\n\r\n",
      "POST /oauth2/token HTTP/1.1\r\nHost: x\r\nAuthorization :Basic YWJjOmRlZg==\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 18\r\n\r\ngrant_type=refresh",
      "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\nX-Trailer: v\r\n\r\n",
      "PUT /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
      "GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.1\r\nConnection: close\r\n\r\n",
      "OPTIONS * HTTP/1.1\r\n\r\nGET http://gateway:8243/api?x=1 HTTP/1.1\r\n\r\n",
  };

  /** What mutations insert: the bytes and fragments that steer a parser. */
  private static final String[] FRAGMENTS = {
      "\r", "\n", "\r\n", "\r\n\r\n", " ", "\t", ":", ";", ",", "\u0000", "\u007f", "0", "9", "f", "-", "*", "/",
      "HTTP/1.0", "HTTP/2.0", "Content-Length: 5\r\n", "Content-Length: 99999999\r\n", "Transfer-Encoding: chunked\r\n",
      "Transfer-Encoding: gzip\r\n", "Expect: 100-continue\r\n", "Connection: close\r\n", "Connection: keep-alive\r\n",
      "ffffffff\r\n", "0\r\n\r\n", "http://", " X: folded\r\n", "é",
  };

  private HttpServer server;

  @BeforeEach void start() throws IOException {
    // No body on a HEAD's answer, so the client can read every answer alike.
    server = HttpServer.builder(request -> HttpResponse.status(200)
        .setBody(request.method().equals("HEAD") ? "" : request.target() + " " + request.bodyUtf8()))
        .bodyLimit(64)
        .start();
  }

  @AfterEach void stop() {
    server.close();
  }

  @Test void mutatedRequestsGetWellFormedAnswersOrACloseAndNeverAHang() throws IOException {
    Random random = new Random(SEED);
    for (int i = 0; i < CASES; i++) {
      byte[] wire = mutate(random, SEEDS[random.nextInt(SEEDS.length)].getBytes(StandardCharsets.UTF_8));
      try (RawClient client = RawClient.connect(server)) {
        try {
          client.send(wire);
          client.shutdownOutput();
        } catch (SocketException e) {
          // The server answered and closed before it had all of this: the answer is still to read.
        }
        client.readUntilClosed();
      } catch (IOException | AssertionError e) {
        throw new AssertionError("case " + i + ": " + printable(wire), e);
      }
    }

    try (RawClient client = RawClient.connect(server)) {
      assertThat(client.send("GET /still HTTP/1.1\r\n\r\n").read().bodyUtf8()).isEqualTo("/still ");
    }
  }

  private static byte[] mutate(Random random, byte[] seed) {
    byte[] wire = seed;
    for (int mutations = 1 + random.nextInt(4); mutations > 0; mutations--) {
      int at = random.nextInt(wire.length + 1);
      switch (random.nextInt(7)) {
        case 0: // replace a byte with any byte
          if (at < wire.length) wire[at] = (byte) random.nextInt(256);
          break;
        case 1:
          wire = insert(wire, at, FRAGMENTS[random.nextInt(FRAGMENTS.length)].getBytes(StandardCharsets.UTF_8));
          break;
        case 2: // delete a run
          int end = Math.min(wire.length, at + 1 + random.nextInt(8));
          wire = concat(Arrays.copyOf(wire, at), Arrays.copyOfRange(wire, end, wire.length));
          break;
        case 3: // repeat a run
          int runEnd = Math.min(wire.length, at + 1 + random.nextInt(40));
          wire = insert(wire, at, Arrays.copyOfRange(wire, at, runEnd));
          break;
        case 4: // cut the rest
          wire = Arrays.copyOf(wire, at);
          break;
        case 5: // a long run, past a limit now and then
          wire = insert(wire, at, "a".repeat(random.nextInt(10) == 0 ? 9000 : 1 + random.nextInt(100))
              .getBytes(StandardCharsets.US_ASCII));
          break;
        default: // another valid request behind this one
          wire = concat(wire, SEEDS[random.nextInt(SEEDS.length)].getBytes(StandardCharsets.UTF_8));
          break;
      }
    }
    return wire;
  }

  private static byte[] insert(byte[] wire, int at, byte[] fragment) {
    return concat(concat(Arrays.copyOf(wire, at), fragment), Arrays.copyOfRange(wire, at, wire.length));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] result = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, result, a.length, b.length);
    return result;
  }

  /** The input as Java would write it in a string, to paste into a test. */
  private static String printable(byte[] wire) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    for (byte b : wire) {
      if (b == '\r') {
        text.writeBytes("\\r".getBytes(StandardCharsets.US_ASCII));
      } else if (b == '\n') {
        text.writeBytes("\\n".getBytes(StandardCharsets.US_ASCII));
      } else if (b >= 0x20 && b < 0x7f && b != '\\') {
        text.write(b);
      } else {
        text.writeBytes(String.format("\\u%04x", b & 0xff).getBytes(StandardCharsets.US_ASCII));
      }
    }
    return text.toString(StandardCharsets.US_ASCII);
  }
}

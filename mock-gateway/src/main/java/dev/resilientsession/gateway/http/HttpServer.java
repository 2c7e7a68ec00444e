package dev.resilientsession.gateway.http;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLSocketFactory;

/**
 * A small HTTP/1.1 server, over plain sockets or TLS, that hands each request to an {@link
 * HttpHandler}. It serves a thread per connection with blocking IO and frames messages as RFC 9112
 * says, refusing what a real server refuses. It uses nothing but {@code java.base}, so that the
 * standalone gateway starts in milliseconds where MockWebServer's classes take a cold JVM about a
 * hundred; {@link Builder#start} only binds and starts one thread.
 */
public final class HttpServer implements Closeable {
  private static final int BACKLOG = 1024;
  private static final long ACCEPT_RETRY_NANOS = 10_000_000L;
  private static final long CLOSE_WAIT_SECONDS = 5;

  private final ServerSocket serverSocket;
  private final HttpHandler handler;
  private final SSLSocketFactory tls;
  private final long bodyLimit;
  private final ExecutorService executor;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final Thread acceptThread;
  /** Threads of our own when the caller gave no executor; made by the accept thread, off the start path. */
  private volatile ExecutorService ownThreads;
  private volatile boolean closed;

  private HttpServer(Builder builder, ServerSocket serverSocket) {
    this.serverSocket = serverSocket;
    this.handler = builder.handler;
    this.tls = builder.tls;
    this.bodyLimit = builder.bodyLimit;
    this.executor = builder.executor;
    this.acceptThread = new Thread(new Acceptor(), "mock-gateway-http-accept-" + serverSocket.getLocalPort());
    this.acceptThread.setDaemon(true);
  }

  public static Builder builder(HttpHandler handler) {
    return new Builder(handler);
  }

  /** The bound port. */
  public int port() {
    return serverSocket.getLocalPort();
  }

  /** The bound address. */
  public InetAddress address() {
    return serverSocket.getInetAddress();
  }

  /**
   * Stops accepting, closes every open connection, and stops the server's own threads, waiting a
   * few seconds at most for handlers still running. The port is free when this returns.
   */
  @Override public void close() {
    synchronized (this) {
      if (closed) return;
      closed = true;
    }
    closeQuietly(serverSocket);
    closeConnections();
    boolean interrupted = false;
    if (Thread.currentThread() != acceptThread) {
      try {
        acceptThread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    closeConnections(); // any the accept thread took in while the first sweep ran
    ExecutorService threads = ownThreads;
    if (threads != null) {
      threads.shutdown();
      try {
        if (!interrupted) threads.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  private void closeConnections() {
    for (Socket socket : connections) {
      closeQuietly(socket);
    }
  }

  private void acceptConnections() {
    ExecutorService threads = executor;
    if (threads == null) {
      threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
          new ConnectionThreads());
      ownThreads = threads;
    }
    while (!closed) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (closed) return;
        // Transient, such as too many open files: wait for a connection to close, then go on.
        LockSupport.parkNanos(ACCEPT_RETRY_NANOS);
        continue;
      }
      connections.add(socket);
      try {
        threads.execute(new HttpConnection(socket, handler, tls, bodyLimit, connections));
      } catch (RejectedExecutionException | OutOfMemoryError e) {
        // No thread for it: the caller's executor is shut down or full, or the OS refused a thread.
        connections.remove(socket);
        closeQuietly(socket);
      }
    }
  }

  static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // Nothing to do: it's closed or broken either way.
    }
  }

  /** A class rather than a lambda: a cold JVM's first lambda costs tens of milliseconds. */
  private final class Acceptor implements Runnable {
    @Override public void run() {
      acceptConnections();
    }
  }

  /** Daemon threads, so that a server left open never keeps a JVM alive. */
  private static final class ConnectionThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable, "mock-gateway-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }

  /** Configures and starts an {@link HttpServer}. */
  public static final class Builder {
    private final HttpHandler handler;
    private InetAddress address = InetAddress.getLoopbackAddress();
    private int port;
    private SSLSocketFactory tls;
    private long bodyLimit = 1024 * 1024;
    private ExecutorService executor;

    private Builder(HttpHandler handler) {
      this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** The address to listen on; the loopback address by default. */
    public Builder address(InetAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0-65535, was " + port);
      this.port = port;
      return this;
    }

    /**
     * Serves HTTPS with sockets from {@code factory}, which holds the server's certificate; null
     * (the default) serves plain HTTP.
     */
    public Builder tls(SSLSocketFactory factory) {
      this.tls = factory;
      return this;
    }

    /**
     * The most body bytes a request keeps; 1 MiB by default. A larger body is cut, handed over
     * with its full {@link HttpRequest#bodySize}, and its connection closed after the answer.
     */
    public Builder bodyLimit(long bytes) {
      if (bytes < 0 || bytes > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("bodyLimit: " + bytes);
      this.bodyLimit = bytes;
      return this;
    }

    /**
     * Runs each connection on {@code executor}, which needs a thread per open connection and stays
     * the caller's to shut down. By default, a cached pool of daemon threads.
     */
    public Builder executor(ExecutorService executor) {
      this.executor = executor;
      return this;
    }

    /** Binds, and starts accepting on a thread of its own; returns once the port is bound. */
    public HttpServer start() throws IOException {
      ServerSocket serverSocket = new ServerSocket();
      try {
        serverSocket.bind(new InetSocketAddress(address, port), BACKLOG);
      } catch (IOException e) {
        closeQuietly(serverSocket);
        throw e;
      }
      HttpServer server = new HttpServer(this, serverSocket);
      server.acceptThread.start();
      return server;
    }
  }
}

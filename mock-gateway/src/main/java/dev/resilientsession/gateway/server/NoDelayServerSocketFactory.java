package dev.resilientsession.gateway.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;

/**
 * Server sockets whose accepted sockets have TCP_NODELAY. MockWebServer writes headers and body
 * separately and never sets it, so every keep-alive response would wait about 40 ms for Nagle's
 * algorithm and the client's delayed ACK. MockWebServer also binds with a backlog of 50, which
 * drops connections when hundreds of clients connect at once; these sockets raise it. Use it for
 * any MockWebServer under load: {@code server.setServerSocketFactory(new NoDelayServerSocketFactory())}.
 */
public final class NoDelayServerSocketFactory extends ServerSocketFactory {
  @Override public ServerSocket createServerSocket() throws IOException {
    return new NoDelayServerSocket();
  }

  @Override public ServerSocket createServerSocket(int port) throws IOException {
    ServerSocket socket = new NoDelayServerSocket();
    socket.bind(new java.net.InetSocketAddress(port));
    return socket;
  }

  @Override public ServerSocket createServerSocket(int port, int backlog) throws IOException {
    ServerSocket socket = new NoDelayServerSocket();
    socket.bind(new java.net.InetSocketAddress(port), backlog);
    return socket;
  }

  @Override public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
    ServerSocket socket = new NoDelayServerSocket();
    socket.bind(new java.net.InetSocketAddress(address, port), backlog);
    return socket;
  }

  private static final class NoDelayServerSocket extends ServerSocket {
    private static final int MIN_BACKLOG = 1024;

    NoDelayServerSocket() throws IOException {
    }

    @Override public void bind(java.net.SocketAddress endpoint, int backlog) throws IOException {
      super.bind(endpoint, Math.max(backlog, MIN_BACKLOG));
    }

    @Override public Socket accept() throws IOException {
      Socket socket = super.accept();
      socket.setTcpNoDelay(true);
      return socket;
    }
  }
}

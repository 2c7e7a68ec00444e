/**
 * The gateway's own HTTP/1.1: a request and a response as the gateway's endpoints see them, and
 * the small server the standalone gateway listens with, which starts in a few milliseconds where
 * MockWebServer's classes take a cold JVM about a hundred.
 *
 * <p>Public API: {@link dev.resilientsession.gateway.http.HttpRequest}, which {@code
 * MockGatewayServer.takeRequest} returns to tests, and {@link dev.resilientsession.gateway.http.HttpHandler}
 * with {@link dev.resilientsession.gateway.http.HttpResponse}, for a handler that wraps the
 * gateway's ({@code MockGatewayServer.Builder.handler}). {@link
 * dev.resilientsession.gateway.http.HttpServer} is public only so that {@code MockGatewayServer}, in
 * {@code ...gateway.server}, can start it: serve a gateway with {@code MockGatewayServer}, or hand
 * {@code MockGateway.dispatcher()} to a MockWebServer.
 */
package dev.resilientsession.gateway.http;

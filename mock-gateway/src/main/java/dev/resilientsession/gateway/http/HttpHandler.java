package dev.resilientsession.gateway.http;

/** Answers one request. Called from many connections at once. */
public interface HttpHandler {
  HttpResponse handle(HttpRequest request);
}

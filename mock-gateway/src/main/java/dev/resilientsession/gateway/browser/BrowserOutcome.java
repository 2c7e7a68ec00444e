package dev.resilientsession.gateway.browser;

import java.util.ArrayList;
import java.util.List;

/**
 * What a step of the browser flow answers, before HTTP: a redirect, or a page to render (the login
 * form, an error, the signed-out notice), and the cookies to set or clear.
 */
final class BrowserOutcome {
  enum Page { LOGIN, ERROR, SIGNED_OUT }

  /** A cookie to set; a null value clears it. Its value (a session) never reaches {@link #toString()}. */
  record Cookie(String name, String value) {
    @Override public String toString() {
      return "Cookie{name=" + name + (value == null ? ", cleared" : "") + "}";
    }
  }

  final int status;
  final String location;
  final Page page;
  final LoginPage login;
  final String error;
  final String errorDescription;
  final List<Cookie> cookies = new ArrayList<>(2);

  private BrowserOutcome(int status, String location, Page page, LoginPage login, String error, String errorDescription) {
    this.status = status;
    this.location = location;
    this.page = page;
    this.login = login;
    this.error = error;
    this.errorDescription = errorDescription;
  }

  static BrowserOutcome redirect(String location) {
    return new BrowserOutcome(302, location, null, null, null, null);
  }

  static BrowserOutcome loginPage(LoginPage login) {
    return new BrowserOutcome(200, null, Page.LOGIN, login, null, null);
  }

  static BrowserOutcome errorPage(int status, String error, String description) {
    return new BrowserOutcome(status, null, Page.ERROR, null, error, description);
  }

  static BrowserOutcome signedOut() {
    return new BrowserOutcome(200, null, Page.SIGNED_OUT, null, null, null);
  }

  BrowserOutcome cookie(String name, String value) {
    cookies.add(new Cookie(name, value));
    return this;
  }
}

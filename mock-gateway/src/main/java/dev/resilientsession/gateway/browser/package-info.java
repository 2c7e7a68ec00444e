/**
 * Browser sign-in as WSO2 does it: the authorization endpoint, the login page, the browser
 * sessions (single sign-on) and RP-initiated logout. {@link
 * dev.resilientsession.gateway.browser.BrowserSignIn} holds the rules in plain Java; {@link
 * dev.resilientsession.gateway.browser.BrowserEndpoint} only translates HTTP.
 *
 * <p>Not public API, except {@link dev.resilientsession.gateway.browser.BrowserSession}: {@code
 * BrowserEndpoint} is public only so that the gateway's dispatcher, in the parent package, can
 * hand it requests, and the generated {@code Jte*Generated} template classes are public because
 * JTE makes them so. Use {@code MockGateway}'s methods instead.
 */
package dev.resilientsession.gateway.browser;

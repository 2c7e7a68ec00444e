package dev.resilientsession.gateway;

/**
 * How the gateway writes the body of an API fault (401, 403, 429, 500). Security faults use WSO2's
 * {@code ams:} namespace, throttling faults its {@code amt:} one.
 */
public enum ErrorFormat {
  /** {@code {"code":"900901","message":"Invalid Credentials","description":"..."}} */
  JSON,
  /** WSO2's {@code <ams:fault xmlns:ams="http://wso2.org/apimanager/security">} document. */
  XML
}

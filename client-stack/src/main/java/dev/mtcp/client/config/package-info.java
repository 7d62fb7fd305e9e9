/**
 * The client configuration file ({@code mtcp proxy --config FILE}): the YAML model as records, its
 * parser with precise errors (file, line, field), and {@link dev.mtcp.client.config.ServiceDirectory},
 * which matches a destination a client asked for to a configured service.
 */
package dev.mtcp.client.config;

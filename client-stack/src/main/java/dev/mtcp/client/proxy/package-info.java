/** Transparent proxy modes that turn plain TCP into migratory connections. */
package dev.mtcp.client.proxy;

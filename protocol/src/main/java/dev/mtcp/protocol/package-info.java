/** Shared protocol types: connection ids, error codes, protocol exceptions. */
package dev.mtcp.protocol;

/** Handshake crypto from the JDK only: X25519, HKDF-SHA256, signed MIGRATE requests, sealed tickets. */
package dev.mtcp.protocol.crypto;

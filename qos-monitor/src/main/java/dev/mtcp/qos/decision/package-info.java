/** The decision engine: metrics + policy + clock in, Stay or Migrate out. */
package dev.mtcp.qos.decision;

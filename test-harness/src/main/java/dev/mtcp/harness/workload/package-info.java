/**
 * The clients of a scenario run: the built-in verifying client ({@link dev.mtcp.harness.workload.WorkloadMain},
 * echo and stream, every byte checked against the stream app's deterministic sequence) and unchanged
 * {@code curl} downloads (http, checked by SHA-256), both driven through the proxy in the client namespace.
 */
package dev.mtcp.harness.workload;

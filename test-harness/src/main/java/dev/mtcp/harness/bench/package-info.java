/**
 * The benchmark suite behind {@code mtcp bench}: bulk throughput, request/response latency,
 * migration pause, failover gap, mass drain, idle-connection scale and codec micro-benchmarks.
 *
 * <p>Every comparison runs its baseline in the same invocation (direct TCP, a socat relay chain, an
 * HAProxy relay chain, a plain TCP server), because the machines are noisy: the claim is the ratio,
 * not the absolute figure. Entry point: {@link dev.mtcp.harness.bench.BenchRunner#run}. Everything
 * listens and connects on 127.0.0.1 only.
 */
package dev.mtcp.harness.bench;

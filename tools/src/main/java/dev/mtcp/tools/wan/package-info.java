/**
 * {@code mtcp wan}: runs scenario files over emulated WAN links ({@code run}) and keeps a
 * scenario's testbed up for interactive use ({@code up}, {@code link}, {@code down}), on top of the
 * test-harness's testbed, link emulation and scenario runner.
 */
package dev.mtcp.tools.wan;

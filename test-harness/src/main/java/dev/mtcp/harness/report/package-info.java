/**
 * Self-contained HTML reports with inline SVG charts (no scripts, no network): time series such as
 * goodput and RTT, bands showing which server served each interval, and markers for migrations
 * and link events. Used by {@code mtcp demo} and the WAN scenario runner.
 */
package dev.mtcp.harness.report;

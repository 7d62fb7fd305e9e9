/** WAN testbed: network namespaces, link impairments, scenarios, runner, reports. */
package dev.mtcp.harness;

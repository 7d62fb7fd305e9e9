/**
 * Running a scenario: playing its timeline of faults against the testbed and checking its
 * expectations against what was observed.
 */
package dev.mtcp.harness.run;

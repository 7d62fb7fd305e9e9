/** The mtcp command line (Picocli): one class per verb. */
package dev.mtcp.tools;

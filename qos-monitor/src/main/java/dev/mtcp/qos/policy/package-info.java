/** Policy files (YAML): model, parser, validation with file/line/field errors. */
package dev.mtcp.qos.policy;

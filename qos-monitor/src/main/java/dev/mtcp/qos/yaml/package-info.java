/** A line-aware YAML tree ({@link dev.mtcp.qos.yaml.YamlNode}) for parsers that point errors at lines. */
package dev.mtcp.qos.yaml;

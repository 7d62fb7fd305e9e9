/** Wire frames (sealed records), FrameReader and FrameWriter: the only codec. */
package dev.mtcp.protocol.frame;

package dev.kino.container.mp4;

/** A picture size in pixels, after cropping (conformance window): what a player displays before aspect correction. */
record VideoSize(int width, int height) {}

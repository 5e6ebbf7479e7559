package dev.kino.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The media folder.
 *
 * @param root            folder scanned recursively for video and audio files
 * @param rescanInterval  how often the folder is rescanned in the background
 */
public record LibraryConfig(Path root, Duration rescanInterval) {}

package dev.kino.transcode;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One block of ffmpeg's {@code -progress} output. Values ffmpeg reported as {@code N/A} (or not at all) are empty.
 *
 * @param outTimeMicros how far into the output ffmpeg has got, in microseconds
 * @param speed         encoding speed as a multiple of real time ({@code speed=1.23x} → 1.23)
 * @param frame         video frames written so far
 * @param fps           video frames encoded per second
 * @param totalSize     bytes written so far
 * @param end           true for the last block ({@code progress=end}), false for {@code progress=continue}
 */
public record Progress(OptionalLong outTimeMicros, OptionalDouble speed, OptionalLong frame, OptionalDouble fps,
                       OptionalLong totalSize, boolean end) {
}

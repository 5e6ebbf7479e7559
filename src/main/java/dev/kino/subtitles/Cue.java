package dev.kino.subtitles;

/**
 * One subtitle cue as WebVTT has it.
 *
 * @param startMillis from the start of the media
 * @param endMillis   after {@code startMillis}
 * @param settings    WebVTT cue settings ({@code line:0 align:start}), or empty
 * @param text        cue text in WebVTT markup ({@code <i>}, {@code <b>}, {@code <u>}, escaped {@code &amp; &lt; &gt;}),
 *                    lines separated by {@code \n}, none of them empty
 */
public record Cue(long startMillis, long endMillis, String settings, String text) {}

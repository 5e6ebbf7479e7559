package dev.kino.subtitles;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of an SRT or ASS cue into WebVTT markup: italics, bold and underline (SRT's {@code <i>} tags and
 * ASS's {@code {\i1}} overrides alike) become properly nested {@code <i> <b> <u>}; other tags ({@code <font>},
 * colours, fades) are dropped; {@code {\anN}} and {@code {\pos(x,y)}} become cue settings; ASS drawings are left
 * out. Pure.
 */
final class Markup {
    private static final Pattern HTML_TAG = Pattern.compile("</?([A-Za-z]+)(?:\\s[^<>]*)?>");
    private static final Pattern POS = Pattern.compile("(?:pos|move)\\(\\s*(-?[0-9.]+)\\s*,\\s*(-?[0-9.]+)");

    /** How a cue's text looks before its own overrides: a style's flags and alignment (numpad 1 to 9). */
    record Style(boolean italic, boolean bold, boolean underline, int alignment) {
        static final Style PLAIN = new Style(false, false, false, 2);
    }

    /** Converted text; {@code x} and {@code y} are the {@code \pos} as fractions of the video's size, or NaN. */
    record Result(String text, int alignment, double x, double y) {
        /** The WebVTT cue settings for this placement; empty for the default, bottom centre. */
        String settings() {
            int row = (alignment - 1) / 3; // 0 bottom, 1 middle, 2 top
            int col = (alignment - 1) % 3; // 0 left, 1 centre, 2 right
            StringBuilder s = new StringBuilder();
            if (!Double.isNaN(x)) {
                s.append("line:").append(percent(y)).append(row == 0 ? ",end" : row == 1 ? ",center" : ",start");
                s.append(" position:").append(percent(x)).append(col == 0 ? ",line-left" : col == 1 ? ",center" : ",line-right");
            } else if (row == 2) {
                s.append("line:0");
            } else if (row == 1) {
                s.append("line:50%,center");
            }
            if (col != 1) {
                s.append(s.isEmpty() ? "" : " ").append(col == 0 ? "align:start" : "align:end");
            }
            return s.toString();
        }
    }

    private final boolean ass;
    private final Style base;
    private final double playResX;
    private final double playResY;
    private final StringBuilder out = new StringBuilder();
    private final Deque<Character> open = new ArrayDeque<>();
    private boolean italic;
    private boolean bold;
    private boolean underline;
    private boolean drawing;
    private int alignment;
    private double x = Double.NaN;
    private double y = Double.NaN;

    private Markup(boolean ass, Style base, double playResX, double playResY) {
        this.ass = ass;
        this.base = base;
        this.playResX = playResX;
        this.playResY = playResY;
        reset();
        this.alignment = base.alignment();
    }

    /** An SRT cue's text (lines already joined with {@code \n}). */
    static Result srt(String text) {
        return new Markup(false, Style.PLAIN, 0, 0).convert(text);
    }

    /** An ASS event's text under its style, on a script of {@code playResX} by {@code playResY}. */
    static Result ass(String text, Style style, double playResX, double playResY) {
        return new Markup(true, style, playResX, playResY).convert(text);
    }

    private void reset() {
        italic = base.italic();
        bold = base.bold();
        underline = base.underline();
    }

    private Result convert(String text) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{') {
                int close = text.indexOf('}', i);
                if (close > 0) {
                    override(text.substring(i + 1, close));
                    i = close + 1;
                    continue;
                }
            } else if (c == '<' && !ass) {
                Matcher m = HTML_TAG.matcher(text).region(i, text.length());
                if (m.lookingAt()) {
                    htmlTag(m.group(0).startsWith("</"), m.group(1).toLowerCase(Locale.ROOT));
                    i = m.end();
                    continue;
                }
            } else if (c == '\\' && ass && i + 1 < text.length()) {
                char e = text.charAt(i + 1);
                if (e == 'N' || e == 'n' || e == 'h') {
                    literal(e == 'N' ? '\n' : e == 'n' ? ' ' : '\u00A0');
                    i += 2;
                    continue;
                }
            }
            literal(c);
            i++;
        }
        closeAll();
        return new Result(tidy(out.toString()), alignment, x, y);
    }

    private void htmlTag(boolean closing, String name) {
        switch (name) {
            case "i" -> italic = !closing;
            case "b" -> bold = !closing;
            case "u" -> underline = !closing;
            default -> { } // <font>, <span> and the like: their colours and faces are not carried
        }
    }

    /** The tags of one {@code {...}} block. */
    private void override(String block) {
        for (String tag : block.split("\\\\")) {
            String t = tag.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("an") && t.length() == 3 && Character.isDigit(t.charAt(2))) {
                int a = t.charAt(2) - '0';
                alignment = a >= 1 && a <= 9 ? a : alignment;
            } else if (t.matches("a[0-9]{1,2}")) {
                alignment = legacyAlignment(Integer.parseInt(t.substring(1)));
            } else if (t.startsWith("pos(") || t.startsWith("move(")) {
                Matcher m = POS.matcher(t);
                if (m.lookingAt() && playResX > 0 && playResY > 0) {
                    x = clamp(Double.parseDouble(m.group(1)) / playResX);
                    y = clamp(Double.parseDouble(m.group(2)) / playResY);
                }
            } else if (t.matches("i[01]")) {
                italic = t.charAt(1) == '1';
            } else if (t.matches("b[0-9]{1,3}")) {
                int w = Integer.parseInt(t.substring(1));
                bold = w == 1 || w >= 600;
            } else if (t.matches("u[01]")) {
                underline = t.charAt(1) == '1';
            } else if (t.matches("p[0-9]+")) {
                drawing = !t.equals("p0");
            } else if (t.equals("r") || t.startsWith("r") && !t.startsWith("rnd")) {
                reset();
            }
        }
    }

    /** SSA's alignment: 1 to 3 at the bottom, plus 4 for the top, plus 8 for the middle. */
    static int legacyAlignment(int a) {
        int col = (a - 1) % 4;
        int row = a >= 9 ? 1 : a >= 5 ? 2 : 0;
        return col < 0 || col > 2 ? 2 : row * 3 + col + 1;
    }

    private static double clamp(double f) {
        return Double.isFinite(f) ? Math.max(0, Math.min(1, f)) : Double.NaN;
    }

    private static String percent(double f) {
        String s = String.format(Locale.ROOT, "%.2f", f * 100);
        s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }

    private void literal(char c) {
        if (drawing) {
            return;
        }
        if (c == '\n') {
            closeAll();
            out.append('\n');
            return;
        }
        syncTags();
        switch (c) {
            case '&' -> out.append("&amp;");
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            default -> out.append(c);
        }
    }

    /** Makes the open tags those of the current state, closing and reopening so they stay nested. */
    private void syncTags() {
        boolean[] want = {italic, bold, underline};
        char[] names = {'i', 'b', 'u'};
        boolean same = open.size() == (italic ? 1 : 0) + (bold ? 1 : 0) + (underline ? 1 : 0);
        for (int k = 0; k < 3 && same; k++) {
            same = want[k] == open.contains(names[k]);
        }
        if (same) {
            return;
        }
        closeAll();
        for (int k = 0; k < 3; k++) {
            if (want[k]) {
                out.append('<').append(names[k]).append('>');
                open.push(names[k]);
            }
        }
    }

    private void closeAll() {
        while (!open.isEmpty()) {
            out.append("</").append(open.pop()).append('>');
        }
    }

    /** Lines trimmed, empty ones (a cue text may not have any) left out. */
    private static String tidy(String s) {
        StringBuilder b = new StringBuilder();
        for (String line : s.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty()) {
                b.append(b.isEmpty() ? "" : "\n").append(l);
            }
        }
        return b.toString();
    }
}

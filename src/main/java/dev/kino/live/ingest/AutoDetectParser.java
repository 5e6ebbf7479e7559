package dev.kino.live.ingest;

import dev.kino.container.ContainerListener;
import dev.kino.container.ContainerParser;
import dev.kino.container.ParseException;
import java.io.ByteArrayOutputStream;

/**
 * A parser for a publisher that did not say its container: it holds the first bytes until there are enough to
 * tell WebM, MP4 and FLV apart (a recorder's first timeslice can be a single byte), then hands everything to the right one.
 */
public final class AutoDetectParser implements ContainerParser {
    private static final int SNIFF_BYTES = 4;

    private final ContainerListener listener;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private ContainerParser parser;

    public AutoDetectParser(ContainerListener listener) {
        this.listener = listener;
    }

    /** The declared format's parser, or one that detects it. */
    public static ContainerParser forFormat(java.util.Optional<ContainerFormat> declared, ContainerListener listener) {
        return declared.map(f -> f.parser(listener)).orElseGet(() -> new AutoDetectParser(listener));
    }

    @Override
    public void feed(byte[] data, int off, int len) throws ParseException {
        if (parser != null) {
            parser.feed(data, off, len);
            return;
        }
        head.write(data, off, len);
        if (head.size() >= SNIFF_BYTES) {
            byte[] first = head.toByteArray();
            parser = ContainerFormat.sniff(first).parser(listener);
            parser.feed(first, 0, first.length);
        }
    }

    @Override
    public void endOfInput() throws ParseException {
        if (parser == null) {
            if (head.size() > 0) {
                throw ParseException.malformed("truncated: only " + head.size() + " bytes");
            }
            return;
        }
        parser.endOfInput();
    }
}

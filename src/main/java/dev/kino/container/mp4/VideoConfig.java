package dev.kino.container.mp4;

import dev.kino.container.ParseException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A video track's decoder configuration as the sample entry carries it: the coding ({@code avc1}, {@code hvc1},
 * {@code av01}) and the body of its {@code avcC}, {@code hvcC} or {@code av1C} box, which is also what an FLV
 * sequence header holds.
 */
public record VideoConfig(Coding coding, byte[] record) {
    /** The video codings Kino re-packages. */
    public enum Coding {
        AVC("avc1", BoxType.AVC1, BoxType.AVCC), HEVC("hvc1", BoxType.HVC1, BoxType.HVCC), AV1("av01", BoxType.AV01, BoxType.AV1C);

        final String prefix;
        final int sampleEntry;
        final int configBox;

        Coding(String prefix, int sampleEntry, int configBox) {
            this.prefix = prefix;
            this.sampleEntry = sampleEntry;
            this.configBox = configBox;
        }
    }

    /** The RFC 6381 codec string, e.g. {@code avc1.64001F}, {@code hvc1.1.6.L60.90}, {@code av01.0.00M.08}. */
    public String codec() throws ParseException {
        Box box = new Box(coding.configBox, record, 0, record.length);
        return switch (coding) {
            case AVC -> VideoCodecStrings.avc(coding.prefix, box);
            case HEVC -> VideoCodecStrings.hevc(coding.prefix, box);
            case AV1 -> VideoCodecStrings.av1(box);
        };
    }

    /** The picture size its parameter set (or AV1 sequence header) says, as {@code {width, height}}, if it holds one. */
    public Optional<int[]> pictureSize() throws ParseException {
        VideoSize size = switch (coding) {
            case AVC -> AvcSps.fromAvcC(record);
            case HEVC -> HevcSps.fromHvcC(record);
            case AV1 -> Av1SequenceHeader.fromAv1C(record);
        };
        return size == null || size.width() <= 0 || size.height() <= 0 ? Optional.empty()
                : Optional.of(new int[] {size.width(), size.height()});
    }

    /** Removes AV1 temporal delimiter OBUs from a sample (ISO/IEC AV1 binding: samples do not carry them). */
    public static byte[] withoutTemporalDelimiters(byte[] sample) throws ParseException {
        int pos = 0;
        byte[] out = null;
        int n = 0;
        while (pos < sample.length) {
            Obu obu = Obu.at(sample, pos, sample.length);
            if (obu.type() == Obu.TEMPORAL_DELIMITER) {
                if (out == null) {
                    out = new byte[sample.length];
                    System.arraycopy(sample, 0, out, 0, pos);
                    n = pos;
                }
            } else if (out != null) {
                System.arraycopy(sample, obu.start(), out, n, obu.end() - obu.start());
                n += obu.end() - obu.start();
            }
            pos = obu.end();
        }
        return out == null ? sample : Arrays.copyOf(out, n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VideoConfig v && v.coding == coding && Arrays.equals(v.record, record);
    }

    @Override
    public int hashCode() {
        return coding.hashCode() * 31 + Arrays.hashCode(record);
    }

    @Override
    public String toString() {
        return coding.prefix + " (" + record.length + " bytes of configuration)";
    }
}

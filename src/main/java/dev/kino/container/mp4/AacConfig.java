package dev.kino.container.mp4;

import dev.kino.container.ParseException;
import java.util.Arrays;

/**
 * An AAC track's AudioSpecificConfig (ISO/IEC 14496-3 §1.6.2.1), as an FLV AAC sequence header and an {@code esds}
 * box carry it, with the three fields a sample entry needs.
 *
 * @param objectType audio object type (2 = AAC LC, 5 = SBR, 29 = PS)
 * @param sampleRate the sampling frequency of the coded frames, in Hz: 1024 samples per frame at this rate
 * @param channels   the channel configuration (0 = defined in the stream)
 */
public record AacConfig(byte[] asc, int objectType, int sampleRate, int channels) {
    private static final int[] RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350};

    /** Reads the leading fields of an AudioSpecificConfig. */
    public static AacConfig parse(byte[] asc) throws ParseException {
        BitReader r = new BitReader(asc, 0, asc.length, "AAC AudioSpecificConfig");
        int type = r.u(5);
        if (type == 31) {
            type = 32 + r.u(6);
        }
        int index = r.u(4);
        int rate;
        if (index == 15) {
            rate = r.u(24);
        } else if (index < RATES.length) {
            rate = RATES[index];
        } else {
            throw ParseException.malformed("AAC AudioSpecificConfig: reserved sampling frequency index " + index);
        }
        if (rate <= 0) {
            throw ParseException.malformed("AAC AudioSpecificConfig: sampling frequency 0");
        }
        return new AacConfig(asc.clone(), type, rate, r.u(4));
    }

    /** {@code mp4a.40.N}. */
    public String codec() {
        return "mp4a.40." + objectType;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AacConfig a && Arrays.equals(a.asc, asc);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(asc);
    }

    @Override
    public String toString() {
        return codec() + " " + sampleRate + " Hz, " + channels + " channels";
    }
}

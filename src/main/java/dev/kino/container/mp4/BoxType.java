package dev.kino.container.mp4;

/** Four-character box codes as big-endian ints, and the checks made on codes read from the wire. */
final class BoxType {
    static final int FTYP = of("ftyp");
    static final int MOOV = of("moov");
    static final int STYP = of("styp");
    static final int SIDX = of("sidx");
    static final int SSIX = of("ssix");
    static final int PRFT = of("prft");
    static final int EMSG = of("emsg");
    static final int MOOF = of("moof");
    static final int MDAT = of("mdat");

    static final int TRAK = of("trak");
    static final int TKHD = of("tkhd");
    static final int MDIA = of("mdia");
    static final int MDHD = of("mdhd");
    static final int HDLR = of("hdlr");
    static final int MINF = of("minf");
    static final int STBL = of("stbl");
    static final int STSD = of("stsd");
    static final int MVEX = of("mvex");
    static final int TREX = of("trex");

    static final int MFHD = of("mfhd");
    static final int TRAF = of("traf");
    static final int TFHD = of("tfhd");
    static final int TFDT = of("tfdt");
    static final int TRUN = of("trun");

    static final int VIDE = of("vide");
    static final int SOUN = of("soun");

    static final int AVC1 = of("avc1");
    static final int AVC3 = of("avc3");
    static final int AVCC = of("avcC");
    static final int HVC1 = of("hvc1");
    static final int HEV1 = of("hev1");
    static final int HVCC = of("hvcC");
    static final int VP09 = of("vp09");
    static final int VPCC = of("vpcC");
    static final int AV01 = of("av01");
    static final int AV1C = of("av1C");
    static final int MP4A = of("mp4a");
    static final int ESDS = of("esds");
    static final int OPUS = of("Opus");
    static final int FLAC = of("fLaC");
    static final int AC_3 = of("ac-3");
    static final int EC_3 = of("ec-3");
    static final int ENCV = of("encv");
    static final int ENCA = of("enca");

    private BoxType() {}

    static int of(String code) {
        if (code.length() != 4) {
            throw new IllegalArgumentException("not a four-character code: " + code);
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (code.charAt(i) & 0xFF);
        }
        return v;
    }

    /** Whether all four bytes are printable ASCII, as every registered top-level box code is. */
    static boolean isPrintable(int type) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = (type >>> shift) & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** The code as text for messages ({@code 'moov'}), or in hex when it is not printable. */
    static String name(int type) {
        if (!isPrintable(type)) {
            return String.format("0x%08X", type);
        }
        char[] c = {(char) (type >>> 24), (char) ((type >>> 16) & 0xFF), (char) ((type >>> 8) & 0xFF), (char) (type & 0xFF)};
        return "'" + new String(c) + "'";
    }
}

package dev.kino.container.webm;

/** The Matroska/WebM element IDs the parser looks at, with their marker bits kept (as they appear on the wire). */
final class ElementId {
    private ElementId() {}

    // EBML header and global elements
    static final int EBML = 0x1A45DFA3;
    static final int EBML_READ_VERSION = 0x42F7;
    static final int EBML_MAX_ID_LENGTH = 0x42F2;
    static final int EBML_MAX_SIZE_LENGTH = 0x42F3;
    static final int DOC_TYPE = 0x4282;
    static final int VOID = 0xEC;
    static final int CRC32 = 0xBF;

    // Segment and its level-1 children
    static final int SEGMENT = 0x18538067;
    static final int SEEK_HEAD = 0x114D9B74;
    static final int INFO = 0x1549A966;
    static final int TRACKS = 0x1654AE6B;
    static final int CUES = 0x1C53BB6B;
    static final int CLUSTER = 0x1F43B675;

    // Info
    static final int TIMECODE_SCALE = 0x2AD7B1;

    // Tracks
    static final int TRACK_ENTRY = 0xAE;
    static final int TRACK_NUMBER = 0xD7;
    static final int TRACK_TYPE = 0x83;
    static final int CODEC_ID = 0x86;
    static final int CODEC_PRIVATE = 0x63A2;
    static final int VIDEO = 0xE0;
    static final int COLOUR = 0x55B0;
    static final int BITS_PER_CHANNEL = 0x55B2;

    // Cluster children
    static final int TIMECODE = 0xE7;
    static final int SILENT_TRACKS = 0x5854;
    static final int POSITION = 0xA7;
    static final int PREV_SIZE = 0xAB;
    static final int SIMPLE_BLOCK = 0xA3;
    static final int BLOCK_GROUP = 0xA0;
    static final int ENCRYPTED_BLOCK = 0xAF;

    // BlockGroup children
    static final int BLOCK = 0xA1;
    static final int REFERENCE_BLOCK = 0xFB;

    /** Whether {@code id} may appear directly inside a Cluster; any other element ends an unknown-size Cluster. */
    static boolean isClusterChild(int id) {
        return switch (id) {
            case TIMECODE, SILENT_TRACKS, POSITION, PREV_SIZE, SIMPLE_BLOCK, BLOCK_GROUP, ENCRYPTED_BLOCK, VOID, CRC32 -> true;
            default -> false;
        };
    }

    /** {@code id} as it is usually written: {@code 0x1F43B675}. */
    static String hex(int id) {
        return String.format("0x%X", id);
    }
}

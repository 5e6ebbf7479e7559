package dev.kino.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalPathTest {
    @ParameterizedTest
    @ValueSource(strings = {"/", "/healthz", "/media/0123abcd", "/media/0123abcd/hls/remux/index.m3u8", "/vendor/hls.min.js",
        "/live/cam_1-b.webm", "/torrents/abc/files/0/", "/a~b"})
    void plainPathsPass(String path) {
        assertTrue(CanonicalPath.test(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "media", "//", "/a//b", "/.", "/..", "/a/.", "/a/..", "/a/../b", "/a/./b", "/.hidden", "/a/.git/x",
        "/a%2e", "/%2e%2e/x", "/a%2fb", "/a%5cb", "/a%252e", "/a\\b", "/a;x", "/a/..;/b", "/a b", "/a\u0000b", "/a?b", "/a#b",
        "/a\u00e9", "/a:b", "/a@b", "/a+b"})
    void anythingANormaliserWouldTouchFails(String path) {
        assertFalse(CanonicalPath.test(path), path);
    }

    @ParameterizedTest
    @ValueSource(ints = {3000, 16000})
    void longPathsAreCheckedWithoutRecursion(int segments) {
        assertTrue(CanonicalPath.test("/x".repeat(segments)));
        assertFalse(CanonicalPath.test("/x".repeat(segments) + "/.."));
    }
}

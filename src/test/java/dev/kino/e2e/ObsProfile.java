package dev.kino.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A home folder for OBS Studio that streams at once: no first-run wizard, a 640x360 30 fps profile with x264, a
 * scene with one colour source, and the custom RTMP service a user fills in from Kino's /live page.
 */
final class ObsProfile {
    private ObsProfile() {}

    /** Writes the configuration under {@code home}/.config/obs-studio and returns {@code home}. */
    static Path write(Path home, String server, String streamKey) throws IOException {
        Path obs = home.resolve(".config/obs-studio");
        Path profile = Files.createDirectories(obs.resolve("basic/profiles/kino"));
        Path scenes = Files.createDirectories(obs.resolve("basic/scenes"));
        Files.writeString(obs.resolve("global.ini"), """
                [General]
                FirstRun=true
                EnableAutoUpdates=false
                ConfirmOnExit=false

                [Basic]
                Profile=kino
                ProfileDir=kino
                SceneCollection=kino
                SceneCollectionFile=kino
                """);
        Files.writeString(profile.resolve("basic.ini"), """
                [General]
                Name=kino

                [Video]
                BaseCX=640
                BaseCY=360
                OutputCX=640
                OutputCY=360
                FPSType=0
                FPSCommon=30

                [Output]
                Mode=Simple

                [SimpleOutput]
                StreamEncoder=x264
                VBitrate=800
                ABitrate=128
                Preset=veryfast
                """);
        Files.writeString(profile.resolve("service.json"), new io.vertx.core.json.JsonObject().put("type", "rtmp_custom")
                .put("settings", new io.vertx.core.json.JsonObject().put("server", server).put("key", streamKey)
                        .put("use_auth", false).put("bwtest", false)).encode());
        String colour = "11111111-1111-1111-1111-111111111111";
        Files.writeString(scenes.resolve("kino.json"), """
                {"name": "kino", "current_scene": "Scene", "current_program_scene": "Scene", "scene_order": [{"name": "Scene"}],
                 "sources": [
                  {"id": "color_source_v3", "versioned_id": "color_source_v3", "name": "Colour", "uuid": "%s",
                   "settings": {"color": 4278222848, "width": 640, "height": 360}},
                  {"id": "scene", "versioned_id": "scene", "name": "Scene", "uuid": "22222222-2222-2222-2222-222222222222",
                   "settings": {"id_counter": 1, "items": [{"name": "Colour", "source_uuid": "%s", "visible": true, "id": 1,
                     "pos": {"x": 0, "y": 0}, "scale": {"x": 1, "y": 1}}]}}
                 ]}
                """.formatted(colour, colour));
        return home;
    }
}

package dev.sessionkit.testapp;

/** {@link RecordingSessionListener} registered in web.xml. */
public class XmlSessionListener extends RecordingSessionListener {
}

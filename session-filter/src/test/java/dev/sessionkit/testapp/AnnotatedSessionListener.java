package dev.sessionkit.testapp;

import jakarta.servlet.annotation.WebListener;

/** {@link RecordingSessionListener} registered by annotation. */
@WebListener
public class AnnotatedSessionListener extends RecordingSessionListener {
}

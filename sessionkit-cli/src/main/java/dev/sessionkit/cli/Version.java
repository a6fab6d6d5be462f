package dev.sessionkit.cli;

import picocli.CommandLine;

/** The version the jar's manifest records. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"sessionkit " + (version != null ? version : "(development build)")};
    }
}

package dev.sessionkit.config;

/** Which attributes a request saves. */
public enum SaveMode {
    /** Attributes set or removed by the request, and those passed to {@link dev.sessionkit.Session#markDirty}. The default. */
    ON_SET_ATTRIBUTE,
    /** Also every attribute the request read, so values changed in place are saved without markDirty. */
    ON_GET_ATTRIBUTE,
    /** Every attribute on every request that uses the session; costs a full write each time. */
    ALWAYS
}

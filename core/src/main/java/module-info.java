/**
 * panagit as a library: git's on-disk formats, repositories, history, diff, merge and
 * transport, with object hashing and compression in libpanagit (through the Foreign Function
 * and Memory API) or in pure Java with the same results.
 *
 * <p>The exported packages are the public API; their types are listed in
 * {@code core/api/panagit-core.api}, which a test keeps in step. Not exported: the native
 * boundary ({@code dev.panagit.nativeaccess} and its jextract bindings), the codecs
 * ({@code dev.panagit.codec}) and the pack storage internals ({@code dev.panagit.storage.pack}).
 *
 * <p>A modular application adds {@code --enable-native-access=dev.panagit.core}; on the class
 * path, {@code --enable-native-access=ALL-UNNAMED}. Without it the library still works, on
 * its pure-Java backend, and says why ({@link dev.panagit.backend.Backends#current()}).
 */
module dev.panagit.core {
    exports dev.panagit.backend;
    exports dev.panagit.diff;
    exports dev.panagit.fsck;
    exports dev.panagit.history;
    exports dev.panagit.index;
    exports dev.panagit.lib;
    exports dev.panagit.merge;
    exports dev.panagit.objects;
    exports dev.panagit.repo;
    exports dev.panagit.status;
    exports dev.panagit.storage;
    exports dev.panagit.transport;
    exports dev.panagit.worktree;
}

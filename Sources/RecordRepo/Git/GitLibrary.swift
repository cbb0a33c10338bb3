internal import CGit2

/// One-time, process-wide libgit2 set-up: initialise, turn fsync on, and keep global, XDG and
/// system git config out (the repository behaves the same on every machine).
enum GitLibrary {
    private static let ready: Bool = {
        git_libgit2_init()
        _ = cgit2_enable_fsync(1)
        _ = cgit2_enable_strict_object_creation(1)
        for level in [GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL,
                      GIT_CONFIG_LEVEL_PROGRAMDATA] {
            _ = cgit2_set_search_path(Int32(level.rawValue), "")
        }
        return true
    }()

    static func setUp() { _ = ready }
}

//! The `archive` rules: one per way an archive can be refused.

use mcp_audit_core::{Category, Severity};

mcp_audit_core::declare_rules! {
    /// Archive rules.
    pub static RULES;

    /// The archive is truncated, corrupt, or not an archive at all.
    pub static ARCHIVE_MALFORMED: Rule = Rule {
        id: "archive-malformed",
        category: Category::Archive,
        severity: Severity::High,
        summary:
            "The package archive is truncated, corrupt or not an archive; nothing in it was audited.",
        example: "a .tgz whose gzip stream ends early",
    };

    /// An entry path contains a `..` component.
    pub static ARCHIVE_PATH_TRAVERSAL: Rule = Rule {
        id: "archive-path-traversal",
        category: Category::Archive,
        severity: Severity::Critical,
        summary: "An archive entry's path contains `..` and would be written outside the package.",
        example: "package/../../.bashrc",
    };

    /// An entry path is absolute (Unix, Windows drive or UNC).
    pub static ARCHIVE_ABSOLUTE_PATH: Rule = Rule {
        id: "archive-absolute-path",
        category: Category::Archive,
        severity: Severity::Critical,
        summary: "An archive entry has an absolute path (`/…`, `C:…` or `\\\\server\\…`).",
        example: "/etc/cron.d/evil",
    };

    /// A zip entry name contains a backslash.
    pub static ARCHIVE_BACKSLASH_PATH: Rule = Rule {
        id: "archive-backslash-path",
        category: Category::Archive,
        severity: Severity::High,
        summary: "An archive entry's name contains a backslash, a path separator on Windows that \
                  extractors disagree about.",
        example: "..\\..\\AppData\\evil.dll",
    };

    /// An entry name is not valid: not UTF-8, a NUL or another control character, or ambiguous.
    pub static ARCHIVE_INVALID_NAME: Rule = Rule {
        id: "archive-invalid-name",
        category: Category::Archive,
        severity: Severity::High,
        summary: "An archive entry's name is not valid UTF-8, contains a NUL or control character, \
                  or decodes differently depending on the reader.",
        example: "a name with an ANSI escape sequence",
    };

    /// A symbolic link entry.
    pub static ARCHIVE_SYMLINK: Rule = Rule {
        id: "archive-symlink",
        category: Category::Archive,
        severity: Severity::Critical,
        summary: "The archive contains a symbolic link (or, for a directory, a link leading outside \
                  it); links can make later entries write outside the sandbox.",
        example: "package/lib -> /home/user/.ssh",
    };

    /// A hard link entry.
    pub static ARCHIVE_HARDLINK: Rule = Rule {
        id: "archive-hardlink",
        category: Category::Archive,
        severity: Severity::Critical,
        summary: "The archive contains a hard link, which can alias a file outside the package.",
        example: "package/key => /etc/shadow",
    };

    /// A device, fifo, socket or other non-regular entry.
    pub static ARCHIVE_SPECIAL_FILE: Rule = Rule {
        id: "archive-special-file",
        category: Category::Archive,
        severity: Severity::High,
        summary: "The archive contains a device, fifo or other special entry that no package needs.",
        example: "a character device entry",
    };

    /// An unsupported or encrypted entry.
    pub static ARCHIVE_UNSUPPORTED_ENTRY: Rule = Rule {
        id: "archive-unsupported-entry",
        category: Category::Archive,
        severity: Severity::High,
        summary: "An archive entry is encrypted or uses a format feature the sandbox does not \
                  unpack, so its content could not be audited.",
        example: "a password-protected zip entry",
    };

    /// Two entries with the same path (exactly, ignoring case, or after Unicode NFC normalization).
    pub static ARCHIVE_DUPLICATE_ENTRY: Rule = Rule {
        id: "archive-duplicate-entry",
        category: Category::Archive,
        severity: Severity::High,
        summary: "Two archive entries have the same path, exactly or up to case or Unicode \
                  normalization; extractors disagree on which one wins.",
        example: "package/index.js twice, or INDEX.js and index.js",
    };

    /// A file where a directory is needed, or the reverse.
    pub static ARCHIVE_PATH_CONFLICT: Rule = Rule {
        id: "archive-path-conflict",
        category: Category::Archive,
        severity: Severity::High,
        summary: "An archive entry is a file where another entry needs a directory, or the reverse.",
        example: "a file `lib` and a file `lib/index.js`",
    };

    /// Local and central zip headers disagree, or a size the archive declares is not the real one.
    pub static ARCHIVE_HEADER_MISMATCH: Rule = Rule {
        id: "archive-header-mismatch",
        category: Category::Archive,
        severity: Severity::Critical,
        summary: "The archive's headers disagree with each other or with the data (local vs central \
                  zip headers, declared vs actual size, data before the archive).",
        example: "a zip entry declaring 10 bytes that inflates to 4 GiB",
    };

    /// More unpacked bytes than the total limit.
    pub static ARCHIVE_TOO_LARGE: Rule = Rule {
        id: "archive-too-large",
        category: Category::Archive,
        severity: Severity::High,
        summary: "The archive unpacks to more bytes than the total limit.",
        example: "a 3 GiB package",
    };

    /// One entry larger than the per-entry limit.
    pub static ARCHIVE_ENTRY_TOO_LARGE: Rule = Rule {
        id: "archive-entry-too-large",
        category: Category::Archive,
        severity: Severity::High,
        summary: "One archive entry unpacks to more bytes than the per-entry limit.",
        example: "a 600 MiB file",
    };

    /// Decompressed bytes out of proportion to the compressed input (a decompression bomb).
    pub static ARCHIVE_COMPRESSION_RATIO: Rule = Rule {
        id: "archive-compression-ratio",
        category: Category::Archive,
        severity: Severity::Critical,
        summary: "The archive decompresses to far more bytes per compressed byte than real packages \
                  do: a decompression bomb.",
        example: "a 5 MiB .tgz that inflates to 5 GiB of zeros",
    };

    /// More entries than the limit.
    pub static ARCHIVE_TOO_MANY_ENTRIES: Rule = Rule {
        id: "archive-too-many-entries",
        category: Category::Archive,
        severity: Severity::High,
        summary: "The archive has more entries than the entry-count limit.",
        example: "200,000 empty files",
    };

    /// A path with too many components.
    pub static ARCHIVE_PATH_TOO_DEEP: Rule = Rule {
        id: "archive-path-too-deep",
        category: Category::Archive,
        severity: Severity::High,
        summary: "An archive entry's path has more components than the depth limit.",
        example: "a/a/a/… 2,000 levels deep",
    };

    /// A path longer than the limit.
    pub static ARCHIVE_PATH_TOO_LONG: Rule = Rule {
        id: "archive-path-too-long",
        category: Category::Archive,
        severity: Severity::High,
        summary: "An archive entry's path is longer than the path-length limit.",
        example: "a 5,000-byte file name",
    };

    /// The package contained nothing to analyze.
    pub static EMPTY_PACKAGE: Rule = Rule {
        id: "empty-package",
        category: Category::Archive,
        severity: Severity::High,
        summary: "The package contains no files, so nothing could be inspected.",
        example: "an archive with only directories",
    };
}

//! The adapters' error type: one enum, each variant naming the package, URL or path involved.

use std::path::PathBuf;

/// Why a package could not be resolved or delivered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A setting (base URL, cache directory) is unusable.
    #[error("{message}")]
    Config {
        /// What is wrong.
        message: String,
    },
    /// The request could not be sent or the response not read (after retries).
    #[error("request to {url} failed: {message}")]
    Transport {
        /// The URL (without credentials).
        url: String,
        /// The underlying failure.
        message: String,
    },
    /// The server answered with an unexpected status.
    #[error("{url} answered HTTP {status}{hint}")]
    Status {
        /// The URL.
        url: String,
        /// The status code.
        status: u16,
        /// An explanation, starting with `: ` or empty.
        hint: String,
    },
    /// A response is larger than the configured cap.
    #[error("{url} is larger than the {limit}-byte limit")]
    TooLarge {
        /// The URL.
        url: String,
        /// The cap in bytes.
        limit: u64,
    },
    /// The body ended before the announced length.
    #[error("download of {url} was cut short: got {received} of {expected} bytes")]
    Truncated {
        /// The URL.
        url: String,
        /// Announced length.
        expected: u64,
        /// Bytes received.
        received: u64,
    },
    /// A redirect pointed somewhere the client will not go.
    #[error(
        "refusing redirect from {from} to {to}: only https or same-origin redirects are followed"
    )]
    Redirect {
        /// The URL that redirected.
        from: String,
        /// The refused target.
        to: String,
    },
    /// The bytes do not match the digest the registry published.
    #[error("{0}")]
    Integrity(Box<Mismatch>),
    /// The package does not exist.
    #[error("{what} was not found on {registry}")]
    NotFound {
        /// `npm package `x``, …
        what: String,
        /// The registry base URL.
        registry: String,
    },
    /// No published version satisfies the request.
    #[error("no version of `{name}` matches `{requirement}`{detail}")]
    NoMatchingVersion {
        /// Package name.
        name: String,
        /// The requirement, tag or `latest`.
        requirement: String,
        /// Extra context, starting with `; ` or empty.
        detail: String,
    },
    /// The requested version or specifier cannot be parsed.
    #[error("invalid version requirement `{requirement}` for `{name}`: {reason}")]
    InvalidRequirement {
        /// Package name.
        name: String,
        /// The requirement as typed.
        requirement: String,
        /// Parser message.
        reason: String,
    },
    /// No downloadable artifact for the chosen version.
    #[error("`{package}` has no artifact to audit: {reason}")]
    NoArtifact {
        /// `name@version`.
        package: String,
        /// Why.
        reason: String,
    },
    /// A registry document is not what the protocol says.
    #[error("unexpected response from {url}: {reason}")]
    InvalidDocument {
        /// The URL.
        url: String,
        /// What is wrong.
        reason: String,
    },
    /// `--offline` and nothing usable in the cache.
    #[error("`{request}` is not in the download cache and --offline forbids the network (audit it once online first)")]
    NotCached {
        /// The request as text.
        request: String,
    },
    /// GitHub's API rate limit.
    #[error("GitHub API rate limit reached at {url}{detail}; set GITHUB_TOKEN (or GH_TOKEN) for 5,000 requests/hour instead of 60")]
    RateLimited {
        /// The URL.
        url: String,
        /// When it resets, starting with `; ` or empty.
        detail: String,
    },
    /// A cache file could not be read or written.
    #[error("cache error at `{path}`: {source}")]
    Cache {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// Whether this is a digest mismatch (an `integrity` finding as well as an error).
    #[must_use]
    pub fn is_integrity(&self) -> bool {
        matches!(self, Error::Integrity(_))
    }

    pub(crate) fn cache(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Cache {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn invalid(url: impl ToString, reason: impl Into<String>) -> Error {
        Error::InvalidDocument {
            url: url.to_string(),
            reason: reason.into(),
        }
    }
}

/// A digest mismatch: what was expected and what arrived (the bytes themselves are deleted).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("integrity check failed for `{name}@{version}` from {url}: expected {expected}, got {actual}; the download was discarded")]
pub struct Mismatch {
    /// Package name.
    pub name: String,
    /// Version.
    pub version: String,
    /// Download URL.
    pub url: String,
    /// `sha512`, `sha256` or `sha1`.
    pub algorithm: String,
    /// Published digest.
    pub expected: String,
    /// Digest of the received bytes.
    pub actual: String,
    /// Hex sha256 of the received (and deleted) bytes.
    pub sha256: String,
}

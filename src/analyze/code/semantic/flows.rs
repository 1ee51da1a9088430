//! Events → findings.

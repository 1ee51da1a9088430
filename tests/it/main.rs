//! Integration tests (one binary). Each module covers one area; shared helpers live in `support`.
#![allow(unreachable_pub)]

mod cli;
mod lockfile;
mod policy;
mod report;
#[allow(dead_code)]
mod support;

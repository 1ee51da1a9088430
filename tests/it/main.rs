//! Integration tests (one binary). Each module covers one area; shared helpers live in `support`.
#![allow(unreachable_pub)]

mod cli;
mod descriptions;
mod live;
mod lockfile;
mod policy;
mod registry;
mod registry_server;
mod report;
mod scan_tools;
#[allow(dead_code)]
mod support;

//! Integration tests (one binary). Each module covers one area; shared helpers live in `support`.
#![allow(unreachable_pub)]

mod advisories;
mod analysis_cache;
mod attest;
mod audit_local;
mod ci;
mod cli;
mod code;
mod descriptions;
mod diff;
mod dynamic;
mod evasive;
mod extract;
mod groundtruth;
mod guard;
mod install;
mod layers;
mod live;
mod live_servers;
mod lockfile;
mod pathological;
mod policy;
mod registry;
mod registry_server;
mod report;
mod sandbox;
mod scan_tools;
mod site;
#[allow(dead_code)]
mod support;
#[allow(dead_code)]
mod testkit;
mod toxic_flow;

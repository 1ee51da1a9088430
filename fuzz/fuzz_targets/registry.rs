#![no_main]
//! See `mcp_audit_fuzz::registry` and docs/fuzzing.md.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| mcp_audit_fuzz::registry(data));

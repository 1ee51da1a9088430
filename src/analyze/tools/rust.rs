//! rust declarations.

use super::Found;
use crate::analyze::source::SourceFile;

pub(crate) fn extract(_file: &SourceFile, _found: &mut Found) {}

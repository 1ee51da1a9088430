//! Tar archives (plain or gzip-compressed), read entry by entry.
//!
//! The `tar` crate is used in raw mode: GNU long-name and PAX headers are read here, bounded,
//! instead of by the crate (which would read a header of any declared size into memory). Only
//! regular files and directories are accepted; every other entry type is refused.

use std::io::Read;

use ::tar::EntryType;

use super::names::{self, EntryName};
use super::write::Writer;
use super::{
    UnpackError, ARCHIVE_HARDLINK, ARCHIVE_INVALID_NAME, ARCHIVE_PATH_CONFLICT,
    ARCHIVE_PATH_TOO_LONG, ARCHIVE_SPECIAL_FILE, ARCHIVE_SYMLINK, ARCHIVE_UNSUPPORTED_ENTRY,
};

/// Largest PAX extended header read.
const MAX_PAX_BYTES: u64 = 64 * 1024;

/// Unpacks the tar stream `reader` (already decompressed) through `w`.
///
/// # Errors
/// A rejected entry, a limit, or a malformed stream.
pub(crate) fn unpack(reader: impl Read, w: &mut Writer<'_>) -> Result<(), UnpackError> {
    let mut archive = tar::Archive::new(reader);
    let entries = archive.entries().map_err(|e| w.malformed(e))?.raw(true);
    let mut long_name: Option<Vec<u8>> = None;
    let mut pax: Pax = Pax::default();
    for entry in entries {
        let mut entry = entry.map_err(|e| w.malformed(e))?;
        let header_name = entry.path_bytes().into_owned();
        w.count_entry(&header_name)?;
        let kind = entry.header().entry_type();
        let size = entry.size();
        match kind {
            EntryType::GNULongName => {
                let max = w.limits().max_path_len as u64 + 1;
                if size > max {
                    // Name the entry by the start of its long name.
                    let mut start = Vec::new();
                    let _ = (&mut entry).take(256).read_to_end(&mut start);
                    return Err(names::reject(
                        &start,
                        &ARCHIVE_PATH_TOO_LONG,
                        format!(
                            "GNU long name of {size} bytes exceeds the path limit of {}",
                            w.limits().max_path_len
                        ),
                    ));
                }
                let mut bytes = read_header(w, &mut entry, &header_name, size)?;
                while bytes.last() == Some(&0) {
                    bytes.pop();
                }
                long_name = Some(bytes);
                continue;
            }
            EntryType::XHeader | EntryType::XGlobalHeader | EntryType::GNULongLink => {
                if size > MAX_PAX_BYTES {
                    return Err(w.malformed(format_args!(
                        "extended header of {size} bytes is larger than {MAX_PAX_BYTES}"
                    )));
                }
                let bytes = read_header(w, &mut entry, &header_name, size)?;
                if kind == EntryType::XHeader {
                    pax = Pax::parse(&bytes).map_err(|reason| w.malformed(reason))?;
                } else if kind == EntryType::GNULongLink {
                    pax.link = Some(bytes);
                }
                continue;
            }
            _ => {}
        }
        let raw = pax
            .path
            .take()
            .or_else(|| long_name.take())
            .unwrap_or(header_name);
        let pax_size = pax.size.take();
        let link = pax.link.take();
        long_name = None;
        if let Some(declared) = pax_size {
            if declared != size {
                return Err(w.malformed(format_args!(
                    "entry `{}`: PAX size {declared} disagrees with the header size {size}",
                    names::display(&raw)
                )));
            }
        }
        let mode = entry.header().mode().unwrap_or(0);
        match kind {
            EntryType::Regular | EntryType::Continuous | EntryType::Directory => {}
            EntryType::Symlink => {
                let target = link
                    .or_else(|| entry.link_name_bytes().map(|l| l.into_owned()))
                    .unwrap_or_default();
                return Err(names::reject(
                    &raw,
                    &ARCHIVE_SYMLINK,
                    format!("symbolic link to `{}`", names::display(&target)),
                ));
            }
            EntryType::Link => {
                let target = link
                    .or_else(|| entry.link_name_bytes().map(|l| l.into_owned()))
                    .unwrap_or_default();
                return Err(names::reject(
                    &raw,
                    &ARCHIVE_HARDLINK,
                    format!("hard link to `{}`", names::display(&target)),
                ));
            }
            EntryType::Char | EntryType::Block | EntryType::Fifo => {
                return Err(names::reject(
                    &raw,
                    &ARCHIVE_SPECIAL_FILE,
                    format!("{} entry", kind_name(kind)),
                ));
            }
            other => {
                return Err(names::reject(
                    &raw,
                    &ARCHIVE_UNSUPPORTED_ENTRY,
                    format!("unsupported tar entry type 0x{:02X}", other.as_byte()),
                ));
            }
        }
        let Some(name) = names::validate(&raw, w.limits())? else {
            if kind == EntryType::Directory {
                continue; // `./`: the archive root
            }
            return Err(names::reject(
                &raw,
                &ARCHIVE_INVALID_NAME,
                "a file entry without a name",
            ));
        };
        if kind == EntryType::Directory {
            if size > 0 {
                return Err(names::reject(
                    &raw,
                    &ARCHIVE_PATH_CONFLICT,
                    "a directory entry that carries data",
                ));
            }
            w.add_dir(
                &raw,
                &EntryName {
                    dir_marker: true,
                    ..name
                },
            )?;
        } else {
            w.add_file(&raw, &name, &mut entry, Some(size), mode & 0o111 != 0)?;
        }
    }
    Ok(())
}

fn kind_name(kind: EntryType) -> &'static str {
    match kind {
        EntryType::Char => "character device",
        EntryType::Block => "block device",
        EntryType::Fifo => "fifo",
        _ => "special",
    }
}

/// Reads a metadata entry (long name, PAX header) whose declared `size` is already bounded.
fn read_header(
    w: &Writer<'_>,
    entry: &mut impl Read,
    raw: &[u8],
    size: u64,
) -> Result<Vec<u8>, UnpackError> {
    let mut bytes = Vec::new();
    match entry.take(size).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 == size => Ok(bytes),
        Ok(_) => Err(w.malformed(format_args!(
            "header entry `{}` is truncated",
            names::display(raw)
        ))),
        Err(e) => Err(w.malformed(format_args!("header entry `{}`: {e}", names::display(raw)))),
    }
}

/// The records of a PAX extended header that matter here.
#[derive(Debug, Default)]
struct Pax {
    path: Option<Vec<u8>>,
    link: Option<Vec<u8>>,
    size: Option<u64>,
}

impl Pax {
    /// Parses `LEN KEY=VALUE\n` records.
    fn parse(mut data: &[u8]) -> Result<Pax, String> {
        let mut pax = Pax::default();
        while !data.is_empty() {
            let space = data
                .iter()
                .position(|&b| b == b' ')
                .ok_or("PAX record without a length")?;
            let len: usize = std::str::from_utf8(&data[..space])
                .ok()
                .and_then(|s| s.parse().ok())
                .ok_or("PAX record with a bad length")?;
            if len <= space + 1 || len > data.len() || data[len - 1] != b'\n' {
                return Err("PAX record with a bad length".into());
            }
            let record = &data[space + 1..len - 1];
            let eq = record
                .iter()
                .position(|&b| b == b'=')
                .ok_or("PAX record without `=`")?;
            let (key, value) = (&record[..eq], &record[eq + 1..]);
            match key {
                b"path" => pax.path = Some(value.to_vec()),
                b"linkpath" => pax.link = Some(value.to_vec()),
                b"size" => {
                    pax.size = Some(
                        std::str::from_utf8(value)
                            .ok()
                            .and_then(|s| s.parse().ok())
                            .ok_or("PAX size is not a number")?,
                    );
                }
                _ => {}
            }
            data = &data[len..];
        }
        Ok(pax)
    }
}

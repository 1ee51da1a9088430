//! Zip archives (wheels, `.mcpb`/`.dxt` bundles, plain zips).
//!
//! Before anything is written, the central directory is walked by hand (the `zip` crate keeps
//! only the last of two entries with the same name, so duplicates would go unseen), and every
//! entry's local header is compared with its central record: name, compression method and,
//! unless a data descriptor is used, CRC and sizes. Entries' data ranges must not overlap each
//! other or the central directory, and nothing may precede the first entry. Then entries are
//! copied one by one through [`Writer`], which counts the bytes really inflated and refuses
//! more than the declared size; the `zip` crate verifies each CRC at the end of the data.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use ::zip::result::ZipError;
use ::zip::ZipArchive;

use super::names::{self, EntryName};
use super::write::{Counting, Writer, MAX_NAME_BYTES};
use super::{
    UnpackError, ARCHIVE_DUPLICATE_ENTRY, ARCHIVE_HEADER_MISMATCH, ARCHIVE_INVALID_NAME,
    ARCHIVE_PATH_CONFLICT, ARCHIVE_SPECIAL_FILE, ARCHIVE_SYMLINK, ARCHIVE_TOO_MANY_ENTRIES,
    ARCHIVE_UNSUPPORTED_ENTRY,
};

const CENTRAL_SIG: u32 = 0x0201_4b50;
const END_SIG: u32 = 0x0605_4b50;
const ZIP64_END_SIG: u32 = 0x0606_4b50;
const ZIP64_LOCATOR_SIG: u32 = 0x0706_4b50;
const LOCAL_SIG: u32 = 0x0403_4b50;
const S_IFMT: u32 = 0o170_000;
const S_IFREG: u32 = 0o100_000;
const S_IFDIR: u32 = 0o040_000;
const S_IFLNK: u32 = 0o120_000;
/// General-purpose flag: sizes and CRC follow the data in a data descriptor.
const DATA_DESCRIPTOR: u16 = 1 << 3;
/// A 32-bit field whose real value is in the zip64 extra field.
const ZIP64_MARK: u32 = 0xFFFF_FFFF;

/// One central-directory record, as read by hand.
#[derive(Debug)]
struct Central {
    flags: u16,
    method: u16,
    crc: u32,
    compressed: u32,
    size: u32,
    name: Vec<u8>,
}

/// Unpacks the zip at `path` through `w`.
///
/// # Errors
/// A rejected entry, a limit, or a malformed archive.
pub(crate) fn unpack(path: &Path, w: &mut Writer<'_>) -> Result<(), UnpackError> {
    precheck_end_record(path, w)?;
    let file = open(path)?;
    let reader = Counting::new(BufReader::new(file), w.consumed());
    let mut archive = ZipArchive::new(reader).map_err(|e| w.malformed(e))?;
    if archive.offset() != 0 {
        return Err(names::reject(
            b"(archive start)",
            &ARCHIVE_HEADER_MISMATCH,
            format!("{} bytes of data precede the first entry", archive.offset()),
        ));
    }
    let central = read_central(path, archive.central_directory_start(), w)?;
    if central.len() != archive.len() {
        let mut seen = HashSet::new();
        for record in &central {
            if !seen.insert(record.name.as_slice()) {
                return Err(names::reject(
                    &record.name,
                    &ARCHIVE_DUPLICATE_ENTRY,
                    "the central directory lists this name twice",
                ));
            }
        }
        return Err(names::reject(
            b"(central directory)",
            &ARCHIVE_HEADER_MISMATCH,
            format!(
                "the central directory holds {} records but the archive declares {}",
                central.len(),
                archive.len()
            ),
        ));
    }
    check_headers(path, &mut archive, &central, w)?;
    for (i, record) in central.iter().enumerate() {
        let raw = record.name.as_slice();
        w.count_entry(raw)?;
        let mut entry = archive.by_index(i).map_err(|e| zip_error(w, raw, e))?;
        let mode = entry.unix_mode().unwrap_or(0);
        let is_dir = entry.is_dir() || mode & S_IFMT == S_IFDIR;
        match mode & S_IFMT {
            0 | S_IFREG | S_IFDIR => {}
            S_IFLNK => {
                return Err(names::reject(
                    raw,
                    &ARCHIVE_SYMLINK,
                    "symbolic link (unix mode S_IFLNK)",
                ))
            }
            other => {
                return Err(names::reject(
                    raw,
                    &ARCHIVE_SPECIAL_FILE,
                    format!("special file (unix mode type {other:o})"),
                ))
            }
        }
        let Some(name) = names::validate(raw, w.limits())? else {
            if is_dir {
                continue;
            }
            return Err(names::reject(
                raw,
                &ARCHIVE_INVALID_NAME,
                "a file entry without a name",
            ));
        };
        if is_dir {
            let mut probe = [0u8; 1];
            let n = entry
                .read(&mut probe)
                .map_err(|e| w.malformed(format_args!("entry `{}`: {e}", names::display(raw))))?;
            if n > 0 || entry.size() > 0 {
                return Err(names::reject(
                    raw,
                    &ARCHIVE_PATH_CONFLICT,
                    "a directory entry that carries data",
                ));
            }
            w.add_dir(
                raw,
                &EntryName {
                    dir_marker: true,
                    ..name
                },
            )?;
        } else {
            let declared = entry.size();
            w.add_file(raw, &name, &mut entry, Some(declared), mode & 0o111 != 0)?;
        }
    }
    Ok(())
}

fn open(path: &Path) -> Result<File, UnpackError> {
    File::open(path).map_err(|source| UnpackError::Io {
        context: format!("cannot open `{}`", path.display()),
        source,
    })
}

/// Largest central directory read: the `zip` crate holds all of it in memory.
const MAX_CENTRAL_BYTES: u64 = 64 * 1024 * 1024;

/// Reads the end-of-central-directory record (and its zip64 form) and refuses an entry count
/// or a central-directory size over the limits before the `zip` crate loads the directory.
/// A missing record is left to the `zip` crate to report.
fn precheck_end_record(path: &Path, w: &Writer<'_>) -> Result<(), UnpackError> {
    let mut file = open(path)?;
    let len = file.seek(SeekFrom::End(0)).map_err(|e| w.malformed(e))?;
    let tail_len = len.min(22 + 0xFFFF + 20 + 56);
    let mut tail = vec![0u8; usize::try_from(tail_len).unwrap_or(0)];
    file.seek(SeekFrom::Start(len - tail_len))
        .and_then(|_| file.read_exact(&mut tail))
        .map_err(|e| w.malformed(e))?;
    let base = len - tail_len;
    // The last signature whose directory ends right where the record starts (a signature
    // block after the zip may contain the same four bytes).
    let mut found = None;
    for at in (0..tail.len().saturating_sub(21)).rev() {
        if u32_at(&tail, at) != END_SIG {
            continue;
        }
        let size = u64::from(u32_at(&tail, at + 12));
        let offset = u64::from(u32_at(&tail, at + 16));
        if offset + size == base + at as u64 {
            found = Some((u64::from(u16_at(&tail, at + 10)), size));
            break;
        }
        if at >= 20 && u32_at(&tail, at - 20) == ZIP64_LOCATOR_SIG {
            let record_at =
                u64::from_le_bytes(tail[at - 12..at - 4].try_into().unwrap_or_default());
            let mut record = [0u8; 56];
            let read = file
                .seek(SeekFrom::Start(record_at))
                .and_then(|_| file.read_exact(&mut record));
            if read.is_ok() && u32_at(&record, 0) == ZIP64_END_SIG {
                let entries = u64::from_le_bytes(record[32..40].try_into().unwrap_or_default());
                let size = u64::from_le_bytes(record[40..48].try_into().unwrap_or_default());
                let offset = u64::from_le_bytes(record[48..56].try_into().unwrap_or_default());
                if offset.saturating_add(size) == record_at {
                    found = Some((entries, size));
                    break;
                }
            }
        }
    }
    let Some((entries, size)) = found else {
        return Ok(());
    };
    let limit = w.limits().max_entries as u64;
    if entries > limit {
        return Err(names::reject(
            b"(central directory)",
            &ARCHIVE_TOO_MANY_ENTRIES,
            format!("the archive declares {entries} entries, more than {limit}"),
        ));
    }
    if size > MAX_CENTRAL_BYTES {
        return Err(names::reject(
            b"(central directory)",
            &ARCHIVE_TOO_MANY_ENTRIES,
            format!("a central directory of {size} bytes is larger than {MAX_CENTRAL_BYTES}"),
        ));
    }
    Ok(())
}

fn zip_error(w: &Writer<'_>, raw: &[u8], err: ZipError) -> UnpackError {
    match err {
        ZipError::UnsupportedArchive(what) => names::reject(
            raw,
            &ARCHIVE_UNSUPPORTED_ENTRY,
            if what == ZipError::PASSWORD_REQUIRED {
                "encrypted entry".to_string()
            } else {
                what.to_string()
            },
        ),
        other => w.malformed(format_args!("entry `{}`: {other}", names::display(raw))),
    }
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// Walks the central directory record by record, up to the entry limit.
fn read_central(path: &Path, start: u64, w: &Writer<'_>) -> Result<Vec<Central>, UnpackError> {
    let mut r = BufReader::new(open(path)?);
    r.seek(SeekFrom::Start(start)).map_err(|e| w.malformed(e))?;
    let mut records = Vec::new();
    let mut name_bytes = 0u64;
    let mut fixed = [0u8; 46];
    loop {
        let mut sig = [0u8; 4];
        match r.read_exact(&mut sig) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
            Err(e) => return Err(w.malformed(e)),
        }
        if u32::from_le_bytes(sig) != CENTRAL_SIG {
            break;
        }
        fixed[..4].copy_from_slice(&sig);
        r.read_exact(&mut fixed[4..])
            .map_err(|e| w.malformed(format_args!("central directory: {e}")))?;
        let mut name = vec![0u8; usize::from(u16_at(&fixed, 28))];
        r.read_exact(&mut name)
            .map_err(|e| w.malformed(format_args!("central directory: {e}")))?;
        let skip = i64::from(u16_at(&fixed, 30)) + i64::from(u16_at(&fixed, 32));
        r.seek_relative(skip)
            .map_err(|e| w.malformed(format_args!("central directory: {e}")))?;
        name_bytes += name.len() as u64;
        if name_bytes > MAX_NAME_BYTES {
            return Err(names::reject(
                &name,
                &ARCHIVE_TOO_MANY_ENTRIES,
                format!("entry names total more than {MAX_NAME_BYTES} bytes"),
            ));
        }
        if records.len() >= w.limits().max_entries {
            return Err(names::reject(
                &name,
                &ARCHIVE_TOO_MANY_ENTRIES,
                format!("more than {} entries", w.limits().max_entries),
            ));
        }
        records.push(Central {
            flags: u16_at(&fixed, 8),
            method: u16_at(&fixed, 10),
            crc: u32_at(&fixed, 16),
            compressed: u32_at(&fixed, 20),
            size: u32_at(&fixed, 24),
            name,
        });
    }
    Ok(records)
}

/// Compares every local header with its central record, and checks the data ranges.
fn check_headers<R: Read + Seek>(
    path: &Path,
    archive: &mut ZipArchive<R>,
    central: &[Central],
    w: &Writer<'_>,
) -> Result<(), UnpackError> {
    let mut file = open(path)?;
    let mut ranges = Vec::with_capacity(central.len());
    for (i, record) in central.iter().enumerate() {
        let raw = record.name.as_slice();
        let entry = archive.by_index_raw(i).map_err(|e| zip_error(w, raw, e))?;
        if entry.name_raw() != raw {
            return Err(names::reject(
                raw,
                &ARCHIVE_HEADER_MISMATCH,
                "the central directory and the zip reader disagree on the entry order",
            ));
        }
        if std::str::from_utf8(raw).is_ok_and(|s| s != entry.name()) {
            return Err(names::reject(
                raw,
                &ARCHIVE_INVALID_NAME,
                format!(
                    "the name decodes differently through its Unicode path field (`{}`)",
                    names::display(entry.name().as_bytes())
                ),
            ));
        }
        if entry.encrypted() {
            return Err(names::reject(
                raw,
                &ARCHIVE_UNSUPPORTED_ENTRY,
                "encrypted entry",
            ));
        }
        let mismatch = |what: &str| {
            names::reject(
                raw,
                &ARCHIVE_HEADER_MISMATCH,
                format!("the local header's {what} differs from the central directory's"),
            )
        };
        let header_start = entry.header_start();
        let mut local = [0u8; 30];
        file.seek(SeekFrom::Start(header_start))
            .and_then(|_| file.read_exact(&mut local))
            .map_err(|e| w.malformed(format_args!("entry `{}`: {e}", names::display(raw))))?;
        if u32_at(&local, 0) != LOCAL_SIG {
            return Err(mismatch("signature"));
        }
        let mut local_name = vec![0u8; usize::from(u16_at(&local, 26))];
        file.read_exact(&mut local_name)
            .map_err(|e| w.malformed(format_args!("entry `{}`: {e}", names::display(raw))))?;
        if local_name != raw {
            return Err(mismatch("name"));
        }
        if u16_at(&local, 8) != record.method {
            return Err(mismatch("compression method"));
        }
        if record.flags & DATA_DESCRIPTOR == 0 {
            if u32_at(&local, 14) != record.crc {
                return Err(mismatch("CRC-32"));
            }
            for (at, central_value, what) in [
                (18, record.compressed, "compressed size"),
                (22, record.size, "size"),
            ] {
                let local_value = u32_at(&local, at);
                if local_value != ZIP64_MARK
                    && central_value != ZIP64_MARK
                    && local_value != central_value
                {
                    return Err(mismatch(what));
                }
            }
        }
        let end = entry.data_start().saturating_add(entry.compressed_size());
        ranges.push((header_start, end, i));
    }
    ranges.sort_unstable();
    let cd_start = archive.central_directory_start();
    for pair in ranges.windows(2) {
        if pair[1].0 < pair[0].1 {
            return Err(names::reject(
                &central[pair[1].2].name,
                &ARCHIVE_HEADER_MISMATCH,
                format!(
                    "its data overlaps entry `{}`",
                    names::display(&central[pair[0].2].name)
                ),
            ));
        }
    }
    if let Some(&(_, end, i)) = ranges.last() {
        if end > cd_start {
            return Err(names::reject(
                &central[i].name,
                &ARCHIVE_HEADER_MISMATCH,
                "its data overlaps the central directory",
            ));
        }
    }
    Ok(())
}

//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The built `mcp-audit` binary.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_mcp-audit"))
}

/// Runs the binary with args in `dir` (environment isolated from the user's registries).
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin()
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .env("NO_COLOR", "1")
        .output()
        .expect("run mcp-audit")
}

/// `testdata/` of this repository.
pub fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

/// Builders for hostile archives: every field under the test's control, nothing validated.
pub mod archive {
    use std::io::Write;

    /// Tar entry types.
    pub const REGULAR: u8 = b'0';
    pub const HARDLINK: u8 = b'1';
    pub const SYMLINK: u8 = b'2';
    pub const CHAR_DEVICE: u8 = b'3';
    pub const BLOCK_DEVICE: u8 = b'4';
    pub const DIRECTORY: u8 = b'5';
    pub const FIFO: u8 = b'6';
    pub const GNU_LONG_NAME: u8 = b'L';

    /// A raw ustar header (names up to 100 bytes, written as given).
    pub fn tar_header(name: &[u8], kind: u8, size: u64, mode: u32, link: &[u8]) -> [u8; 512] {
        let mut h = [0u8; 512];
        h[..name.len()].copy_from_slice(name);
        h[100..108].copy_from_slice(format!("{mode:07o}\0").as_bytes());
        h[108..116].copy_from_slice(b"0000000\0");
        h[116..124].copy_from_slice(b"0000000\0");
        h[124..136].copy_from_slice(format!("{size:011o}\0").as_bytes());
        h[136..148].copy_from_slice(b"00000000000\0");
        h[156] = kind;
        h[157..157 + link.len()].copy_from_slice(link);
        h[257..263].copy_from_slice(b"ustar\0");
        h[263..265].copy_from_slice(b"00");
        h[148..156].copy_from_slice(b"        ");
        let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
        h[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
        h
    }

    /// An uncompressed tar stream, built entry by entry.
    #[derive(Default)]
    pub struct Tar {
        pub bytes: Vec<u8>,
    }

    impl Tar {
        pub fn new() -> Self {
            Tar::default()
        }

        /// Any entry, with `data` padded to 512 bytes.
        pub fn raw(mut self, name: &[u8], kind: u8, mode: u32, link: &[u8], data: &[u8]) -> Self {
            let h = tar_header(name, kind, data.len() as u64, mode, link);
            self.bytes.extend_from_slice(&h);
            self.bytes.extend_from_slice(data);
            let pad = (512 - data.len() % 512) % 512;
            self.bytes.extend(std::iter::repeat_n(0u8, pad));
            self
        }

        pub fn file(self, name: &str, data: &[u8]) -> Self {
            self.raw(name.as_bytes(), REGULAR, 0o644, b"", data)
        }

        pub fn file_mode(self, name: &str, mode: u32, data: &[u8]) -> Self {
            self.raw(name.as_bytes(), REGULAR, mode, b"", data)
        }

        pub fn dir(self, name: &str) -> Self {
            self.raw(name.as_bytes(), DIRECTORY, 0o755, b"", b"")
        }

        pub fn link(self, name: &str, kind: u8, target: &[u8]) -> Self {
            self.raw(name.as_bytes(), kind, 0o777, target, b"")
        }

        /// A GNU long-name entry followed by a regular file under that name.
        pub fn long_file(self, name: &[u8], data: &[u8]) -> Self {
            let mut long = name.to_vec();
            long.push(0);
            self.raw(b"././@LongLink", GNU_LONG_NAME, 0o644, b"", &long)
                .raw(b"placeholder", REGULAR, 0o644, b"", data)
        }

        /// A PAX extended header applying `records` to the next entry.
        pub fn pax(self, records: &[(&str, &str)]) -> Self {
            let mut data = Vec::new();
            for (key, value) in records {
                let body = format!(" {key}={value}\n");
                let mut len = body.len() + 1;
                while len.to_string().len() + body.len() != len {
                    len += 1;
                }
                data.extend_from_slice(format!("{len}{body}").as_bytes());
            }
            self.raw(b"PaxHeaders/x", b'x', 0o644, b"", &data)
        }

        /// The stream with its end-of-archive blocks.
        pub fn finish(mut self) -> Vec<u8> {
            self.bytes.extend_from_slice(&[0u8; 1024]);
            self.bytes
        }

        /// The stream, gzip-compressed.
        pub fn gz(self) -> Vec<u8> {
            gzip(&self.finish())
        }
    }

    pub fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    /// Raw deflate that inflates to `header` followed by `mib` MiB of zeros, built without
    /// compressing the zeros more than once: one full-flushed MiB is repeated.
    pub fn deflate_zeros(header: &[u8], mib: u64) -> Vec<u8> {
        let mut c = flate2::Compress::new(flate2::Compression::best(), false);
        let mut run = |input: &[u8], flush| {
            let mut out = Vec::with_capacity(input.len() + 1024);
            let before = c.total_in();
            loop {
                let done = (c.total_in() - before) as usize;
                out.reserve(64 * 1024);
                c.compress_vec(&input[done..], &mut out, flush).unwrap();
                if (c.total_in() - before) as usize == input.len() && out.len() < out.capacity() {
                    break;
                }
            }
            out
        };
        let head = run(header, flate2::FlushCompress::Full);
        let chunk = run(&vec![0u8; 1 << 20], flate2::FlushCompress::Full);
        let tail = run(&[], flate2::FlushCompress::Finish);
        let mut out = head;
        for _ in 0..mib {
            out.extend_from_slice(&chunk);
        }
        out.extend_from_slice(&tail);
        out
    }

    /// CRC-32 of `header` followed by `mib` MiB of zeros, without hashing them all.
    pub fn crc_zeros(header: &[u8], mib: u64) -> u32 {
        let mut crc = flate2::Crc::new();
        crc.update(header);
        let mut mb = flate2::Crc::new();
        mb.update(&vec![0u8; 1 << 20]);
        for _ in 0..mib {
            crc.combine(&mb);
        }
        crc.sum()
    }

    /// A gzip member around a raw deflate stream (trailer from `crc` and `size`).
    pub fn gzip_member(deflate: &[u8], crc: u32, size: u64) -> Vec<u8> {
        let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
        out.extend_from_slice(deflate);
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&(size as u32).to_le_bytes());
        out
    }

    /// One zip entry; the central record copies the local fields unless overridden.
    #[derive(Clone)]
    pub struct ZipEntry {
        pub name: Vec<u8>,
        pub method: u16,
        pub flags: u16,
        pub crc: u32,
        pub compressed: Vec<u8>,
        pub size: u32,
        /// Unix mode (sets "made by Unix" and the external attributes).
        pub mode: Option<u32>,
        /// Central-directory overrides: name, size.
        pub central_name: Option<Vec<u8>>,
        pub central_size: Option<u32>,
    }

    impl ZipEntry {
        /// A stored entry with a correct CRC.
        pub fn stored(name: &[u8], data: &[u8]) -> Self {
            let mut crc = flate2::Crc::new();
            crc.update(data);
            ZipEntry {
                name: name.to_vec(),
                method: 0,
                // bit 11: the name is UTF-8
                flags: if name.is_ascii() { 0 } else { 1 << 11 },
                crc: crc.sum(),
                compressed: data.to_vec(),
                size: data.len() as u32,
                mode: None,
                central_name: None,
                central_size: None,
            }
        }

        /// A deflated entry (raw deflate data given), with the CRC and size given.
        pub fn deflated(name: &[u8], deflate: Vec<u8>, crc: u32, size: u32) -> Self {
            ZipEntry {
                method: 8,
                crc,
                compressed: deflate,
                size,
                ..ZipEntry::stored(name, b"")
            }
        }

        pub fn mode(mut self, mode: u32) -> Self {
            self.mode = Some(mode);
            self
        }
    }

    /// A zip archive written by hand.
    pub fn zip(entries: &[ZipEntry]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for e in entries {
            let offset = out.len() as u32;
            out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
            out.extend_from_slice(&20u16.to_le_bytes());
            out.extend_from_slice(&e.flags.to_le_bytes());
            out.extend_from_slice(&e.method.to_le_bytes());
            out.extend_from_slice(&[0, 0, 0x21, 0]); // time, date
            out.extend_from_slice(&e.crc.to_le_bytes());
            out.extend_from_slice(&(e.compressed.len() as u32).to_le_bytes());
            out.extend_from_slice(&e.size.to_le_bytes());
            out.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(&e.name);
            out.extend_from_slice(&e.compressed);

            let name = e.central_name.as_ref().unwrap_or(&e.name);
            let made_by: u16 = if e.mode.is_some() { (3 << 8) | 20 } else { 20 };
            central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            central.extend_from_slice(&made_by.to_le_bytes());
            central.extend_from_slice(&20u16.to_le_bytes());
            central.extend_from_slice(&e.flags.to_le_bytes());
            central.extend_from_slice(&e.method.to_le_bytes());
            central.extend_from_slice(&[0, 0, 0x21, 0]);
            central.extend_from_slice(&e.crc.to_le_bytes());
            central.extend_from_slice(&(e.compressed.len() as u32).to_le_bytes());
            central.extend_from_slice(&e.central_size.unwrap_or(e.size).to_le_bytes());
            central.extend_from_slice(&(name.len() as u16).to_le_bytes());
            central.extend_from_slice(&[0; 8]); // extra len, comment len, disk, internal attrs
            central.extend_from_slice(&(e.mode.unwrap_or(0) << 16).to_le_bytes());
            central.extend_from_slice(&offset.to_le_bytes());
            central.extend_from_slice(name);
        }
        let cd_start = out.len() as u32;
        out.extend_from_slice(&central);
        if entries.len() >= 0xFFFF {
            // zip64 end of central directory record and locator
            let record = out.len() as u64;
            out.extend_from_slice(&0x0606_4b50u32.to_le_bytes());
            out.extend_from_slice(&44u64.to_le_bytes());
            out.extend_from_slice(&45u16.to_le_bytes());
            out.extend_from_slice(&45u16.to_le_bytes());
            out.extend_from_slice(&[0; 8]);
            out.extend_from_slice(&(entries.len() as u64).to_le_bytes());
            out.extend_from_slice(&(entries.len() as u64).to_le_bytes());
            out.extend_from_slice(&(central.len() as u64).to_le_bytes());
            out.extend_from_slice(&u64::from(cd_start).to_le_bytes());
            out.extend_from_slice(&0x0706_4b50u32.to_le_bytes());
            out.extend_from_slice(&0u32.to_le_bytes());
            out.extend_from_slice(&record.to_le_bytes());
            out.extend_from_slice(&1u32.to_le_bytes());
        }
        let count = entries.len().min(0xFFFF) as u16;
        out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&(central.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_start.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }
}

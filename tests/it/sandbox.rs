//! The sandbox against hostile archives built here, in code. Each test checks the rule that
//! refused the archive and that nothing was written outside the sandbox (and that the sandbox
//! itself is gone once the error is returned).

use std::path::{Path, PathBuf};

use mcp_audit::sandbox::{self, Limits, PackageTree, UnpackError};

use crate::support::archive::{
    self, crc_zeros, deflate_zeros, gzip, gzip_member, tar_header, zip, Tar, ZipEntry,
};

/// A scratch directory with a `sandboxes/` parent for the sandbox and an `outside/` directory
/// that escapes would land in.
struct Scene {
    dir: tempfile::TempDir,
}

impl Scene {
    fn new() -> Scene {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sandboxes")).unwrap();
        std::fs::create_dir(dir.path().join("outside")).unwrap();
        Scene { dir }
    }

    fn sandboxes(&self) -> PathBuf {
        self.dir.path().join("sandboxes")
    }

    fn outside(&self) -> PathBuf {
        self.dir.path().join("outside")
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn unpack(
        &self,
        name: &str,
        bytes: &[u8],
        limits: &Limits,
    ) -> Result<PackageTree, UnpackError> {
        let path = self.write(name, bytes);
        sandbox::unpack_in(&path, limits, &self.sandboxes())
    }

    /// Unpacks, expects a rejection, checks nothing was left anywhere; returns (rule, entry,
    /// reason).
    fn rejected(&self, name: &str, bytes: &[u8], limits: &Limits) -> (String, String, String) {
        let result = self.unpack(name, bytes, limits);
        self.assert_clean();
        match result {
            Err(UnpackError::Rejected {
                entry,
                reason,
                rule,
            }) => (rule.id.to_string(), entry, reason),
            Err(other) => panic!("expected a rejection, got {other}"),
            Ok(tree) => panic!("expected a rejection, got {:?}", tree.files()),
        }
    }

    fn malformed(&self, name: &str, bytes: &[u8]) -> String {
        let result = self.unpack(name, bytes, &Limits::default());
        self.assert_clean();
        match result {
            Err(err @ UnpackError::Malformed { .. }) => {
                assert_eq!(err.rule().map(|r| r.id), Some("archive-malformed"));
                err.to_string()
            }
            Err(other) => panic!("expected malformed, got {other}"),
            Ok(tree) => panic!("expected malformed, got {:?}", tree.files()),
        }
    }

    /// `outside/` and `sandboxes/` are empty.
    fn assert_clean(&self) {
        for dir in [self.outside(), self.sandboxes()] {
            let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
            assert!(left.is_empty(), "{} is not empty: {left:?}", dir.display());
        }
    }
}

fn default() -> Limits {
    Limits::default()
}

fn rule(scene: &Scene, name: &str, bytes: &[u8]) -> String {
    scene.rejected(name, bytes, &default()).0
}

fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode()
}

// --- accepted archives -------------------------------------------------------------------

#[test]
fn npm_tarball_root_is_the_package_directory() {
    let s = Scene::new();
    let tgz = Tar::new()
        .dir("package/")
        .file("package/package.json", br#"{"name":"x","version":"1.0.0"}"#)
        .file_mode("package/bin/cli.js", 0o755, b"#!/usr/bin/env node\n")
        .gz();
    let tree = s.unpack("x.tgz", &tgz, &default()).unwrap();
    assert!(tree.root().starts_with(s.sandboxes()));
    assert!(tree.root().ends_with("package"));
    let paths: Vec<_> = tree.files().iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["bin/cli.js", "package.json"]);
    assert!(tree.file("bin/cli.js").unwrap().executable);
    assert!(!tree.file("package.json").unwrap().executable);
    assert_eq!(
        tree.read("package.json").unwrap(),
        br#"{"name":"x","version":"1.0.0"}"#
    );
    drop(tree);
    s.assert_clean();
}

#[test]
fn zip_with_several_top_level_entries_stays_at_the_root() {
    let s = Scene::new();
    let whl = zip(&[
        ZipEntry::stored(b"pkg/__init__.py", b""),
        ZipEntry::stored(b"pkg-1.0.dist-info/METADATA", b"Name: pkg\nVersion: 1.0\n"),
    ]);
    let tree = s
        .unpack("pkg-1.0-py3-none-any.whl", &whl, &default())
        .unwrap();
    let paths: Vec<_> = tree.files().iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["pkg-1.0.dist-info/METADATA", "pkg/__init__.py"]);
}

#[test]
fn format_comes_from_magic_bytes_not_the_extension() {
    let s = Scene::new();
    let zipped = zip(&[ZipEntry::stored(b"a.txt", b"hi")]);
    let tree = s.unpack("misnamed.tgz", &zipped, &default()).unwrap();
    assert_eq!(tree.files()[0].path, "a.txt");
    let plain = Tar::new().file("b.txt", b"hi").finish();
    let tree = s.unpack("plain.zip", &plain, &default()).unwrap();
    assert_eq!(tree.files()[0].path, "b.txt");
}

#[test]
fn setuid_setgid_and_sticky_bits_are_stripped_and_exec_kept() {
    let s = Scene::new();
    let tgz = Tar::new()
        .file_mode("suid", 0o4755, b"x")
        .file_mode("sgid-sticky", 0o3644, b"y")
        .gz();
    let tree = s.unpack("modes.tgz", &tgz, &default()).unwrap();
    assert!(tree.file("suid").unwrap().executable);
    assert!(!tree.file("sgid-sticky").unwrap().executable);
    for f in tree.files() {
        let mode = mode_of(&tree.root().join(&f.path));
        assert_eq!(mode & 0o7000, 0, "{} kept mode {mode:o}", f.path);
        assert_eq!(mode & 0o111, 0, "{} is executable on disk", f.path);
    }
    let z = zip(&[ZipEntry::stored(b"suid", b"x").mode(0o104_755)]);
    let tree = s.unpack("modes.zip", &z, &default()).unwrap();
    assert!(tree.file("suid").unwrap().executable);
    assert_eq!(mode_of(&tree.root().join("suid")) & 0o7111, 0);
}

// --- paths ------------------------------------------------------------------------------

#[test]
fn dot_dot_paths_are_rejected_tar_and_zip() {
    let s = Scene::new();
    // From sandboxes/<sandbox>/, `../../outside/pwned` is the scene's outside/ directory.
    for name in ["../../outside/pwned", "package/../../../outside/pwned"] {
        let tgz = Tar::new().file(name, b"pwned").gz();
        assert_eq!(rule(&s, "dotdot.tgz", &tgz), "archive-path-traversal");
        let z = zip(&[ZipEntry::stored(name.as_bytes(), b"pwned")]);
        assert_eq!(rule(&s, "dotdot.zip", &z), "archive-path-traversal");
    }
}

#[test]
fn absolute_paths_are_rejected_tar_and_zip() {
    let s = Scene::new();
    let target = s.outside().join("pwned");
    let target = target.to_str().unwrap();
    for name in [target, "C:/Windows/pwned", "//server/share/pwned"] {
        let tgz = Tar::new().file(name, b"pwned").gz();
        assert_eq!(rule(&s, "abs.tgz", &tgz), "archive-absolute-path", "{name}");
        let z = zip(&[ZipEntry::stored(name.as_bytes(), b"pwned")]);
        assert_eq!(rule(&s, "abs.zip", &z), "archive-absolute-path", "{name}");
    }
}

#[test]
fn backslash_paths_in_zips_are_rejected() {
    let s = Scene::new();
    for name in [
        &b"..\\..\\outside\\pwned"[..],
        b"package\\index.js",
        b"\\\\server\\share",
    ] {
        let z = zip(&[ZipEntry::stored(name, b"pwned")]);
        assert_eq!(rule(&s, "bs.zip", &z), "archive-backslash-path");
    }
}

#[test]
fn control_characters_and_bad_utf8_names_are_rejected_and_shown_escaped() {
    let s = Scene::new();
    let z = zip(&[ZipEntry::stored(b"evil\x1b[2Jname", b"x")]);
    let (rule, entry, _) = s.rejected("ctl.zip", &z, &default());
    assert_eq!(rule, "archive-invalid-name");
    assert_eq!(entry, "evil\\u{001B}[2Jname");
    let tgz = Tar::new()
        .raw(b"bad\xff.js", archive::REGULAR, 0o644, b"", b"x")
        .gz();
    let (rule, entry, _) = s.rejected("utf8.tgz", &tgz, &default());
    assert_eq!(rule, "archive-invalid-name");
    assert_eq!(entry, "bad\\xFF.js");
}

#[test]
fn pax_and_gnu_long_names_are_the_names_validated() {
    let s = Scene::new();
    let tgz = Tar::new()
        .pax(&[("path", "../../outside/pwned")])
        .file("innocent.txt", b"pwned")
        .gz();
    let (rule_id, entry, _) = s.rejected("pax.tgz", &tgz, &default());
    assert_eq!(rule_id, "archive-path-traversal");
    assert_eq!(entry, "../../outside/pwned");
    let tgz = Tar::new().long_file(b"../../outside/pwned", b"pwned").gz();
    assert_eq!(rule(&s, "gnu.tgz", &tgz), "archive-path-traversal");
    // A PAX path that is fine replaces the header name.
    let tgz = Tar::new()
        .pax(&[("path", "package/r\u{e9}sum\u{e9}.md"), ("mtime", "1.5")])
        .file("package/placeholder", b"ok")
        .gz();
    let tree = s.unpack("pax-ok.tgz", &tgz, &default()).unwrap();
    assert_eq!(tree.files()[0].path, "r\u{e9}sum\u{e9}.md");
    drop(tree);
    // A PAX size that disagrees with the header is malformed.
    let tgz = Tar::new()
        .pax(&[("size", "999999")])
        .file("package/a.txt", b"ok")
        .gz();
    let err = s.malformed("pax-size.tgz", &tgz);
    assert!(err.contains("PAX size 999999"), "{err}");
}

#[test]
fn zip_names_that_decode_two_ways_are_rejected() {
    let s = Scene::new();
    // Non-ASCII bytes without the UTF-8 flag: the zip crate reads them as CP437.
    let mut entry = ZipEntry::stored("caf\u{e9}.js".as_bytes(), b"x");
    entry.flags = 0;
    assert_eq!(rule_of_zip(&s, &[entry]), "archive-invalid-name");
}

#[test]
fn directory_entries_with_data_are_rejected() {
    let s = Scene::new();
    let tgz = Tar::new()
        .raw(
            b"package/lib/",
            archive::DIRECTORY,
            0o755,
            b"",
            b"hidden payload",
        )
        .gz();
    assert_eq!(rule(&s, "dirdata.tgz", &tgz), "archive-path-conflict");
    let z = zip(&[ZipEntry::stored(b"lib/", b"hidden payload")]);
    assert_eq!(rule(&s, "dirdata.zip", &z), "archive-path-conflict");
}

#[test]
fn encrypted_and_unsupported_zip_entries_are_rejected() {
    let s = Scene::new();
    let mut encrypted = ZipEntry::stored(b"secret.js", b"xxxxxxxxxxxxxxxx");
    encrypted.flags |= 1;
    assert_eq!(
        rule(&s, "enc.zip", &zip(&[encrypted])),
        "archive-unsupported-entry"
    );
    // bzip2 (12), LZMA (14), zstd (93) are not compiled in: wheels and bundles use deflate.
    for method in [12, 14, 93] {
        let mut entry = ZipEntry::stored(b"a.js", b"data");
        entry.method = method;
        assert_eq!(
            rule(&s, "method.zip", &zip(&[entry])),
            "archive-unsupported-entry",
            "{method}"
        );
    }
}

#[test]
fn signed_mcp_bundles_unpack() {
    let s = Scene::new();
    let mut bundle = zip(&[ZipEntry::stored(b"manifest.json", b"{}")]);
    // DER bytes, including the end-of-central-directory signature to mislead a naive search.
    let mut signature = vec![0x30u8; 1500];
    signature[700..704].copy_from_slice(b"PK\x05\x06");
    signature[712..716].copy_from_slice(&[0xf0, 0xff, 0xff, 0xff]); // "central size" 4 GiB
    bundle.extend_from_slice(b"MCPB_SIG_V1");
    bundle.extend_from_slice(&(signature.len() as u32).to_le_bytes());
    bundle.extend_from_slice(&signature);
    bundle.extend_from_slice(b"MCPB_SIG_END");
    let tree = s.unpack("signed.mcpb", &bundle, &default()).unwrap();
    assert_eq!(tree.files()[0].path, "manifest.json");
}

// --- links and special entries ----------------------------------------------------------

#[test]
fn tar_symlink_to_outside_dir_then_file_through_it_is_rejected() {
    let s = Scene::new();
    let outside = s.outside();
    for target in [outside.to_str().unwrap().as_bytes(), b"../../outside"] {
        let tgz = Tar::new()
            .link("escape", archive::SYMLINK, target)
            .file("escape/pwned", b"pwned")
            .gz();
        let (rule, entry, reason) = s.rejected("symlink.tgz", &tgz, &default());
        assert_eq!(rule, "archive-symlink");
        assert_eq!(entry, "escape");
        assert!(reason.contains("symbolic link to"), "{reason}");
    }
}

#[test]
fn zip_symlink_to_outside_dir_then_file_through_it_is_rejected() {
    let s = Scene::new();
    let outside = s.outside();
    let z = zip(&[
        ZipEntry::stored(b"escape", outside.to_str().unwrap().as_bytes()).mode(0o120_777),
        ZipEntry::stored(b"escape/pwned", b"pwned").mode(0o100_644),
    ]);
    let (rule, entry, _) = s.rejected("symlink.zip", &z, &default());
    assert_eq!(rule, "archive-symlink");
    assert_eq!(entry, "escape");
}

#[test]
fn symlink_to_a_host_file_is_rejected() {
    let s = Scene::new();
    let tgz = Tar::new()
        .link("package/passwd", archive::SYMLINK, b"/etc/passwd")
        .gz();
    assert_eq!(rule(&s, "host.tgz", &tgz), "archive-symlink");
    let z = zip(&[ZipEntry::stored(b"passwd", b"/etc/passwd").mode(0o120_644)]);
    assert_eq!(rule(&s, "host.zip", &z), "archive-symlink");
}

#[test]
fn hardlinks_are_rejected() {
    let s = Scene::new();
    let tgz = Tar::new()
        .link("package/shadow", archive::HARDLINK, b"/etc/shadow")
        .gz();
    assert_eq!(rule(&s, "hard.tgz", &tgz), "archive-hardlink");
    let tgz = Tar::new()
        .file("a", b"x")
        .link("b", archive::HARDLINK, b"a")
        .gz();
    assert_eq!(rule(&s, "hard2.tgz", &tgz), "archive-hardlink");
}

#[test]
fn devices_and_fifos_are_rejected() {
    let s = Scene::new();
    for kind in [archive::CHAR_DEVICE, archive::BLOCK_DEVICE, archive::FIFO] {
        let tgz = Tar::new().raw(b"package/dev", kind, 0o644, b"", b"").gz();
        assert_eq!(rule(&s, "dev.tgz", &tgz), "archive-special-file");
    }
    for mode in [0o010_644, 0o020_644, 0o060_644, 0o140_644] {
        let z = zip(&[ZipEntry::stored(b"dev", b"").mode(mode)]);
        assert_eq!(rule(&s, "dev.zip", &z), "archive-special-file", "{mode:o}");
    }
}

// --- duplicates and conflicts -------------------------------------------------------------

#[test]
fn duplicate_entries_are_rejected() {
    let s = Scene::new();
    let tgz = Tar::new()
        .file("package/index.js", b"good")
        .file("package/index.js", b"evil")
        .gz();
    assert_eq!(rule(&s, "dup.tgz", &tgz), "archive-duplicate-entry");
    let tgz = Tar::new()
        .file("package/index.js", b"good")
        .file("./package//index.js", b"evil")
        .gz();
    assert_eq!(rule(&s, "dup2.tgz", &tgz), "archive-duplicate-entry");
    // The zip crate keeps only the last of two same-named entries; the central walk sees both.
    let z = zip(&[
        ZipEntry::stored(b"index.js", b"good"),
        ZipEntry::stored(b"index.js", b"evil"),
    ]);
    let (rule_id, entry, reason) = s.rejected("dup.zip", &z, &default());
    assert_eq!(rule_id, "archive-duplicate-entry");
    assert_eq!(entry, "index.js");
    assert!(reason.contains("twice"), "{reason}");
}

#[test]
fn case_and_unicode_normalization_collisions_are_rejected() {
    let s = Scene::new();
    let tgz = Tar::new()
        .file("package/README.md", b"a")
        .file("package/readme.md", b"b")
        .gz();
    assert_eq!(rule(&s, "case.tgz", &tgz), "archive-duplicate-entry");
    let z = zip(&[
        ZipEntry::stored("caf\u{e9}.js".as_bytes(), b"a"),
        ZipEntry::stored("cafe\u{301}.js".as_bytes(), b"b"),
    ]);
    assert_eq!(rule(&s, "nfc.zip", &z), "archive-duplicate-entry");
    let tgz = Tar::new()
        .file("Lib/a.js", b"a")
        .file("lib/b.js", b"b")
        .gz();
    assert_eq!(rule(&s, "case-dir.tgz", &tgz), "archive-duplicate-entry");
}

#[test]
fn a_file_where_a_directory_is_needed_is_rejected() {
    let s = Scene::new();
    let tgz = Tar::new().file("lib", b"x").file("lib/index.js", b"y").gz();
    assert_eq!(rule(&s, "conflict.tgz", &tgz), "archive-path-conflict");
    let tgz = Tar::new().file("lib/index.js", b"y").file("lib", b"x").gz();
    assert_eq!(rule(&s, "conflict2.tgz", &tgz), "archive-path-conflict");
    let tgz = Tar::new().dir("lib/").dir("lib/").gz();
    assert_eq!(rule(&s, "dupdir.tgz", &tgz), "archive-duplicate-entry");
}

// --- bombs and limits ---------------------------------------------------------------------

/// A .tgz whose single entry declares and holds `mib` MiB of zeros.
fn gzip_bomb(name: &str, mib: u64) -> Vec<u8> {
    let header = tar_header(name.as_bytes(), archive::REGULAR, mib << 20, 0o644, b"");
    let deflate = deflate_zeros(&header, mib);
    gzip_member(&deflate, crc_zeros(&header, mib), 512 + (mib << 20))
}

#[test]
fn gzip_bomb_of_several_gib_is_rejected_by_the_ratio() {
    let s = Scene::new();
    // 5 GiB of zeros in ~5 MiB; the entry is within the per-entry limit only if it is lifted,
    // so the ratio is what trips.
    let bomb = gzip_bomb("package/zeros", 5 << 10);
    assert!(bomb.len() < 8 << 20);
    let limits = Limits {
        max_entry_bytes: u64::MAX,
        max_total_bytes: u64::MAX,
        ..default()
    };
    let (rule, entry, reason) = s.rejected("bomb.tgz", &bomb, &limits);
    assert_eq!(rule, "archive-compression-ratio", "{reason}");
    assert_eq!(entry, "package/zeros");
    // With default limits the declared 5 GiB is refused before reading.
    assert_eq!(
        s.rejected("bomb.tgz", &bomb, &default()).0,
        "archive-entry-too-large"
    );
}

#[test]
fn total_and_per_entry_limits_count_real_bytes() {
    let s = Scene::new();
    let no_ratio = Limits {
        max_ratio: u64::MAX,
        max_total_bytes: 40 << 20,
        ..default()
    };
    // Three 16 MiB entries, one gzip member each (read in sequence): the third crosses 40 MiB.
    let mut tgz = Vec::new();
    for i in 0..3 {
        let header = tar_header(
            format!("z{i}").as_bytes(),
            archive::REGULAR,
            16 << 20,
            0o644,
            b"",
        );
        tgz.extend(gzip_member(
            &deflate_zeros(&header, 16),
            crc_zeros(&header, 16),
            512 + (16 << 20),
        ));
    }
    let (rule, entry, _) = s.rejected("total.tgz", &tgz, &no_ratio);
    assert_eq!(rule, "archive-too-large");
    assert_eq!(entry, "z2");
    let small_entries = Limits {
        max_entry_bytes: 1 << 20,
        ..no_ratio
    };
    assert_eq!(
        s.rejected("entry.tgz", &tgz, &small_entries).0,
        "archive-entry-too-large"
    );
}

/// Raw deflate of `mib` MiB of zeros and its CRC.
fn zeros_entry(name: &str, mib: u64) -> ZipEntry {
    ZipEntry::deflated(
        name.as_bytes(),
        deflate_zeros(b"", mib),
        crc_zeros(b"", mib),
        (mib << 20) as u32,
    )
}

#[test]
fn zip_bomb_of_several_gib_is_rejected_by_the_ratio() {
    let s = Scene::new();
    // 16 honest entries of 400 MiB each: 6.25 GiB, every header true.
    let entries: Vec<_> = (0..16)
        .map(|i| zeros_entry(&format!("zeros{i}"), 400))
        .collect();
    let bomb = zip(&entries);
    assert!(bomb.len() < 16 << 20);
    let (rule, entry, _) = s.rejected("bomb.zip", &bomb, &default());
    assert_eq!(rule, "archive-compression-ratio");
    assert_eq!(entry, "zeros0");
    // Without the ratio check, the total limit still trips.
    let no_ratio = Limits {
        max_ratio: u64::MAX,
        max_total_bytes: 100 << 20,
        ..default()
    };
    let (rule, entry, _) = s.rejected("bomb.zip", &bomb, &no_ratio);
    assert_eq!(rule, "archive-too-large");
    assert_eq!(entry, "zeros0");
}

#[test]
fn zip_whose_headers_lie_about_sizes_is_rejected() {
    let s = Scene::new();
    // Local and central headers agree on 1,000 bytes; the data inflates to 64 MiB.
    let mut liar = zeros_entry("small.txt", 64);
    liar.size = 1000;
    let (rule, entry, reason) = s.rejected("liar.zip", &zip(&[liar]), &default());
    assert_eq!(rule, "archive-header-mismatch");
    assert_eq!(entry, "small.txt");
    assert!(reason.contains("declares 1000 bytes"), "{reason}");
    // Central directory and local header disagree on the size.
    let mut split = ZipEntry::stored(b"a.txt", b"hello");
    split.central_size = Some(2);
    assert_eq!(rule_of_zip(&s, &[split]), "archive-header-mismatch");
    // ... or on the name.
    let mut renamed = ZipEntry::stored(b"innocent.txt", b"hello");
    renamed.central_name = Some(b"other.txt".to_vec());
    assert_eq!(rule_of_zip(&s, &[renamed]), "archive-header-mismatch");
    // Declaring more than the data holds is a truncated entry.
    let mut short = ZipEntry::stored(b"a.txt", b"hello");
    short.size = 10;
    short.central_size = Some(10);
    let err = s.malformed("short.zip", &zip(&[short]));
    assert!(
        err.contains("ends after 5 of its 10 declared bytes"),
        "{err}"
    );
}

fn rule_of_zip(s: &Scene, entries: &[ZipEntry]) -> String {
    rule(s, "x.zip", &zip(entries))
}

#[test]
fn zip_with_a_wrong_crc_is_malformed() {
    let s = Scene::new();
    let mut bad = ZipEntry::stored(b"a.txt", b"hello");
    bad.crc ^= 1;
    let err = s.malformed("crc.zip", &zip(&[bad]));
    assert!(err.contains("a.txt"), "{err}");
}

#[test]
fn two_hundred_thousand_tiny_entries_trip_the_count_limit() {
    let s = Scene::new();
    let entries: Vec<_> = (0..200_000)
        .map(|i| ZipEntry::stored(format!("f{i}").as_bytes(), b""))
        .collect();
    let z = zip(&entries);
    let (rule, _, reason) = s.rejected("many.zip", &z, &default());
    assert_eq!(rule, "archive-too-many-entries");
    assert!(reason.contains("100000"), "{reason}");
    // Tar, with a lower limit so the test stays small.
    let mut tar = Tar::new();
    for i in 0..2_000 {
        tar = tar.file(&format!("f{i}"), b"");
    }
    let limits = Limits {
        max_entries: 1_000,
        ..default()
    };
    assert_eq!(
        s.rejected("many.tgz", &tar.gz(), &limits).0,
        "archive-too-many-entries"
    );
}

#[test]
fn names_held_in_memory_are_capped() {
    let s = Scene::new();
    // 20,000 distinct names of ~1,000 bytes: within the count and length limits, but 20 MB of
    // names to remember.
    let dirs = ["a", "b", "c"].map(|c| c.repeat(240)).join("/");
    let entries: Vec<_> = (0..20_000)
        .map(|i| ZipEntry::stored(format!("{dirs}/{i:06}-{}", "x".repeat(200)).as_bytes(), b""))
        .collect();
    let (rule, _, reason) = s.rejected("names.zip", &zip(&entries), &default());
    assert_eq!(rule, "archive-too-many-entries");
    assert!(reason.contains("entry names total more than"), "{reason}");
}

#[test]
fn two_thousand_level_deep_path_is_rejected() {
    let s = Scene::new();
    let deep = format!("{}f", "a/".repeat(2_000));
    let tgz = Tar::new().long_file(deep.as_bytes(), b"x").gz();
    let (rule, entry, reason) = s.rejected("deep.tgz", &tgz, &default());
    assert_eq!(rule, "archive-path-too-long");
    assert!(entry.starts_with("a/a/a/"), "{entry}");
    assert!(reason.contains("4002 bytes"), "{reason}");
    let long_paths = Limits {
        max_path_len: 10_000,
        ..default()
    };
    assert_eq!(
        s.rejected("deep.tgz", &tgz, &long_paths).0,
        "archive-path-too-deep"
    );
    let z = zip(&[ZipEntry::stored(deep.as_bytes(), b"x")]);
    assert_eq!(
        rule_of_zip(&s, &[ZipEntry::stored(deep.as_bytes(), b"x")]),
        "archive-path-too-long"
    );
    assert_eq!(
        s.rejected("deep.zip", &z, &long_paths).0,
        "archive-path-too-deep"
    );
}

#[test]
fn long_names_within_limits_are_read() {
    let s = Scene::new();
    let name = format!("package/{}/index.js", "d".repeat(150));
    let tgz = Tar::new().long_file(name.as_bytes(), b"ok").gz();
    let tree = s.unpack("long.tgz", &tgz, &default()).unwrap();
    assert_eq!(
        tree.files()[0].path,
        format!("{}/index.js", "d".repeat(150))
    );
}

// --- malformed input ----------------------------------------------------------------------

#[test]
fn truncated_and_garbage_files_are_malformed() {
    let s = Scene::new();
    let tgz = Tar::new()
        .file("package/package.json", &[b'x'; 200_000])
        .gz();
    let err = s.malformed("truncated.tgz", &tgz[..tgz.len() / 2]);
    assert!(err.contains("truncated.tgz"), "{err}");
    let z = zip(&[ZipEntry::stored(b"a.txt", &[b'y'; 10_000])]);
    s.malformed("truncated.zip", &z[..z.len() / 2]);
    s.malformed("garbage.tgz", b"this is not an archive at all");
    s.malformed("garbage.zip", b"PK\x03\x04 and then nonsense");
    s.malformed("empty.whl", b"");
    s.malformed("not-tar.tgz", &gzip(&[7u8; 4096]));
}

// --- directories --------------------------------------------------------------------------

#[test]
fn directories_are_walked_in_place_without_following_links() {
    let s = Scene::new();
    let root = s.dir.path().join("project");
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::create_dir_all(root.join("node_modules/dep")).unwrap();
    std::fs::write(root.join("package.json"), "{}").unwrap();
    std::fs::write(root.join("src/index.js"), "x").unwrap();
    std::fs::write(root.join(".git/config"), "x").unwrap();
    std::fs::write(root.join("node_modules/dep/index.js"), "x").unwrap();
    std::os::unix::fs::symlink("src/index.js", root.join("alias.js")).unwrap();
    let tree = sandbox::unpack_in(&root, &default(), &s.sandboxes()).unwrap();
    assert_eq!(tree.root(), std::fs::canonicalize(&root).unwrap());
    let paths: Vec<_> = tree.files().iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        ["node_modules/dep/index.js", "package.json", "src/index.js"]
    );
    assert_eq!(tree.skipped(), ["alias.js"]);
    s.assert_clean();

    std::fs::write(s.outside().join("secret"), "x").unwrap();
    std::os::unix::fs::symlink(s.outside().join("secret"), root.join("secret")).unwrap();
    let err = sandbox::unpack_in(&root, &default(), &s.sandboxes()).unwrap_err();
    assert_eq!(err.rule().map(|r| r.id), Some("archive-symlink"));
    std::fs::remove_file(root.join("secret")).unwrap();
    std::os::unix::fs::symlink("../outside", root.join("up")).unwrap();
    let err = sandbox::unpack_in(&root, &default(), &s.sandboxes()).unwrap_err();
    assert_eq!(err.rule().map(|r| r.id), Some("archive-symlink"), "{err}");
}

#[test]
fn directory_limits_apply() {
    let s = Scene::new();
    let root = s.dir.path().join("project");
    std::fs::create_dir_all(&root).unwrap();
    for i in 0..5 {
        std::fs::write(root.join(format!("f{i}")), vec![0u8; 100]).unwrap();
    }
    let few = Limits {
        max_entries: 4,
        ..default()
    };
    let err = sandbox::unpack_in(&root, &few, &s.sandboxes()).unwrap_err();
    assert_eq!(err.rule().map(|r| r.id), Some("archive-too-many-entries"));
    let small = Limits {
        max_total_bytes: 250,
        ..default()
    };
    let err = sandbox::unpack_in(&root, &small, &s.sandboxes()).unwrap_err();
    assert_eq!(err.rule().map(|r| r.id), Some("archive-too-large"));
}

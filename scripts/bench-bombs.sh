#!/usr/bin/env bash
# Benchmark (not a test): decompression bombs against the release binary.
#
# Builds, in a temporary directory, a gzip bomb (.tgz, 13 tar entries of 400 MiB of zeros:
# 5.1 GiB), a zip bomb (.zip, 16 deflated entries of 400 MiB: 6.25 GiB, every header honest)
# and a lying zip (one entry whose headers declare 1,000 bytes and whose data inflates to
# 4 GiB), then runs `mcp-audit audit FILE --format json` on each under /usr/bin/time -v and
# prints the exit code, the rule that refused it, wall time and peak RSS.
# Targets (issue 2): each refused in under 10 s with peak RSS under 256 MB.
#
# Usage: scripts/bench-bombs.sh [path/to/mcp-audit]   (default: target/release/mcp-audit)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$root/target/release/mcp-audit}"
if [[ ! -x "$bin" ]]; then
    echo "building the release binary" >&2
    (cd "$root" && cargo build --release --bin mcp-audit)
fi
if [[ ! -x /usr/bin/time ]]; then
    echo "needs /usr/bin/time (apt-get install time)" >&2
    exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import struct, sys, zlib

work = sys.argv[1]
MIB = 1 << 20
ZEROS = bytes(MIB)

def tar_header(name, size):
    h = bytearray(512)
    h[0:len(name)] = name.encode()
    h[100:108] = b"0000644\0"
    h[108:116] = b"0000000\0"
    h[116:124] = b"0000000\0"
    h[124:136] = b"%011o\0" % size
    h[136:148] = b"00000000000\0"
    h[156:157] = b"0"
    h[257:263] = b"ustar\0"
    h[263:265] = b"00"
    h[148:156] = b"        "
    h[148:156] = b"%06o\0 " % sum(h)
    return bytes(h)

def full_flushed(c, data):
    return c.compress(data) + c.flush(zlib.Z_FULL_FLUSH)

def zero_chunk():
    """Raw deflate of 1 MiB of zeros ending in a full flush: can be repeated verbatim."""
    return full_flushed(zlib.compressobj(9, zlib.DEFLATED, -15), ZEROS)

def crc_of_zeros(mib, crc=0):
    for _ in range(mib):
        crc = zlib.crc32(ZEROS, crc)
    return crc

chunk = zero_chunk()
final = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)

# gzip bomb: one gzip member, 13 tar entries of 400 MiB
entries, mib = 13, 400
c = zlib.compressobj(9, zlib.DEFLATED, -15)
crc, size = 0, 0
with open(f"{work}/gzip-bomb.tgz", "wb") as f:
    f.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff")
    for i in range(entries):
        header = tar_header(f"package/zeros{i:02}", mib * MIB)
        f.write(full_flushed(c, header))
        crc = zlib.crc32(header, crc)
        f.write(chunk * mib)
        crc = crc_of_zeros(mib, crc)
        size += 512 + mib * MIB
    f.write(full_flushed(c, bytes(1024)) + c.flush(zlib.Z_FINISH))
    crc = zlib.crc32(bytes(1024), crc)
    size += 1024
    f.write(struct.pack("<II", crc, size & 0xFFFFFFFF))

def write_zip(path, items):
    """items: (name, deflate bytes, crc, declared size)."""
    out, central = bytearray(), bytearray()
    for name, data, crc, declared in items:
        offset = len(out)
        n = name.encode()
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21,
                           crc, len(data), declared, len(n), 0) + n + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21,
                               crc, len(data), declared, len(n), 0, 0, 0, 0, 0, offset) + n
    cd = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(items), len(items), len(central), cd, 0)
    with open(path, "wb") as f:
        f.write(out)

# zip bomb: 16 honest entries of 400 MiB
data = chunk * 400 + final
crc400 = crc_of_zeros(400)
write_zip(f"{work}/zip-bomb.zip",
          [(f"zeros{i:02}", data, crc400, 400 * MIB) for i in range(16)])

# lying zip: headers say 1,000 bytes, the data inflates to 4 GiB - 1 MiB
data = chunk * 4095 + final
write_zip(f"{work}/lying.zip", [("small.txt", data, crc_of_zeros(4095), 1000)])
PY

printf '%-16s %10s %4s %-28s %9s %12s\n' file size exit rule wall peak-RSS
for f in gzip-bomb.tgz zip-bomb.zip lying.zip; do
    set +e
    /usr/bin/time -v -o "$work/time.txt" "$bin" audit "$work/$f" --format json \
        >"$work/out.json" 2>/dev/null
    code=$?
    set -e
    rule=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(",".join(f["rule"] for f in r["findings"]) or "-")' "$work/out.json")
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
    size=$(stat -c %s "$work/$f")
    printf '%-16s %10s %4s %-28s %9s %9s KiB\n' "$f" "$size" "$code" "$rule" "$wall" "$rss"
done

//! Just enough ELF header parsing for the `elf_header` tool (never executes anything).

pub fn describe(bytes: &[u8]) -> Result<String, String> {
    if bytes.len() < 64 || &bytes[..4] != b"\x7fELF" {
        return Err("not an ELF file".into());
    }
    let class = match bytes[4] { 1 => "ELF32", 2 => "ELF64", _ => "unknown class" };
    let e_type = u16::from_le_bytes([bytes[16], bytes[17]]);
    let kind = match e_type { 1 => "relocatable", 2 => "executable", 3 => "shared object / PIE", 4 => "core", _ => "other" };
    let machine = match u16::from_le_bytes([bytes[18], bytes[19]]) { 0x3e => "x86-64", 0xb7 => "AArch64", 0x28 => "ARM", m => return Ok(format!("{class} {kind}, machine {m:#x}")) };
    Ok(format!("{class} {kind}, {machine}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_the_fixture_header() {
        let bytes = include_bytes!("../tests/data/hello.elf");
        assert_eq!(super::describe(bytes).unwrap(), "ELF64 executable, x86-64");
    }
}

//! Excel 97–2003 files written by hand, like the spreadsheet library's own
//! test files, for the tests of hostile `.xls` input: the unit tests of
//! `xls_check` and the end-to-end tests of `tests/cli/hostile.rs` build
//! them here. The end-to-end tests include this file by its path, so it
//! uses nothing of the crate.

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

/// A minimal compound file (version 3, 512-byte sectors) holding one
/// `Workbook` stream of at least 4096 bytes: sector 0 is the FAT,
/// sector 1 the directory, the stream follows. `fat_edit` may corrupt
/// the FAT.
pub fn compound_file(stream: &[u8], fat_edit: impl FnOnce(&mut Vec<u32>)) -> Vec<u8> {
    let mut stream = stream.to_vec();
    stream.resize(stream.len().max(4096).div_ceil(512) * 512, 0);
    let stream_sectors = (stream.len() / 512) as u32;
    let mut header = vec![0u8; 512];
    header[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    header[24..26].copy_from_slice(&0x003Eu16.to_le_bytes());
    header[26..28].copy_from_slice(&3u16.to_le_bytes());
    header[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    header[30..32].copy_from_slice(&9u16.to_le_bytes());
    header[32..34].copy_from_slice(&6u16.to_le_bytes());
    header[44..48].copy_from_slice(&1u32.to_le_bytes());
    header[48..52].copy_from_slice(&1u32.to_le_bytes());
    header[56..60].copy_from_slice(&4096u32.to_le_bytes());
    header[60..64].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
    header[68..72].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
    for i in 0..109 {
        let id: u32 = if i == 0 { 0 } else { 0xFFFF_FFFF };
        header[76 + i * 4..80 + i * 4].copy_from_slice(&id.to_le_bytes());
    }
    let mut fat = vec![0xFFFF_FFFDu32, END_OF_CHAIN];
    for s in 0..stream_sectors {
        fat.push(if s + 1 == stream_sectors { END_OF_CHAIN } else { 3 + s });
    }
    fat.resize(128, 0xFFFF_FFFF);
    fat_edit(&mut fat);
    let mut dir = vec![0u8; 512];
    let entry = |dir: &mut Vec<u8>, i: usize, name: &str, kind: u8, start: u32, len: u32| {
        let e = &mut dir[i * 128..(i + 1) * 128];
        let units: Vec<u16> = name.encode_utf16().collect();
        for (k, u) in units.iter().enumerate() {
            e[k * 2..k * 2 + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[64..66].copy_from_slice(&(((units.len() + 1) * 2) as u16).to_le_bytes());
        e[66] = kind;
        e[68..72].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        e[72..76].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        e[76..80].copy_from_slice(&(if i == 0 { 1u32 } else { 0xFFFF_FFFF }).to_le_bytes());
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&len.to_le_bytes());
    };
    entry(&mut dir, 0, "Root Entry", 5, END_OF_CHAIN, 0);
    entry(&mut dir, 1, "Workbook", 2, 2, stream.len() as u32);
    let mut out = header;
    out.extend(fat.iter().flat_map(|f| f.to_le_bytes()));
    out.extend(dir);
    out.extend(stream);
    out
}

/// One BIFF record: type, length, data.
pub fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = typ.to_le_bytes().to_vec();
    r.extend((data.len() as u16).to_le_bytes());
    r.extend(data);
    r
}

/// A BIFF8 workbook stream: globals with one `BOUNDSHEET`, then a sheet
/// holding `extra` records and a NUMBER record at each of `cells`
/// (0-based row, column).
pub fn biff8(cells: &[(u16, u16)], extra: &[u8]) -> Vec<u8> {
    let bof = |dt: u16| record(0x0809, &[&0x0600u16.to_le_bytes()[..], &dt.to_le_bytes(), &[0u8; 12]].concat());
    let name = "Hộ gia đình";
    let units: Vec<u16> = name.encode_utf16().collect();
    let mut sheet_name = vec![units.len() as u8, 1];
    sheet_name.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    let globals_len = bof(5).len() + 4 + 6 + sheet_name.len() + 4;
    let mut stream = bof(5);
    stream.extend(record(0x0085, &[&(globals_len as u32).to_le_bytes()[..], &[0, 0], &sheet_name].concat()));
    stream.extend(record(0x000A, &[]));
    assert_eq!(stream.len(), globals_len);
    stream.extend(bof(0x10));
    stream.extend(extra);
    for &(row, col) in cells {
        let number = [&row.to_le_bytes()[..], &col.to_le_bytes(), &0u16.to_le_bytes(), &1.5f64.to_le_bytes()].concat();
        stream.extend(record(0x0203, &number));
    }
    stream.extend(record(0x000A, &[]));
    stream
}

/// Found by `fuzz/` (workbook_bytes, an out-of-memory after 36,875 runs):
/// a 580-byte file whose FAT is a partial last sector and whose directory
/// starts one sector past the end of the file, its chain going on from
/// there into a sector that points to itself. The library read it forever,
/// allocating until the process died.
pub fn chain_past_the_end() -> Vec<u8> {
    let mut bytes = compound_file(&biff8(&[(0, 0)], &[]), |_| {});
    bytes.truncate(512);
    bytes[48..52].copy_from_slice(&1u32.to_le_bytes());
    let fat: [u32; 17] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, END_OF_CHAIN, 0, 0];
    bytes.extend(fat.iter().flat_map(|f| f.to_le_bytes()));
    bytes
}

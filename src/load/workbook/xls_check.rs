//! A look inside an Excel 97–2003 `.xls` before the spreadsheet library
//! opens it, because opening is where a crafted file does its harm: the
//! library reads every sheet of the file (hidden ones too) into memory at
//! once, and
//!
//! - follows the compound file's sector chains without noticing a cycle: a
//!   chain that loops back reads forever (the directory chain) or until its
//!   declared length, up to 4 GB and more;
//! - makes each sheet a full rectangle from its top-left to its bottom-right
//!   cell: two cells at A1 and (65536, 65536) ask for 4.3 billion cells,
//!   137 GB, and the process aborts;
//! - reserves room for the cells a sheet's `DIMENSIONS` record claims,
//!   whatever it claims.
//!
//! So this walks the same structures the same way (MS-CFB, then the BIFF
//! records of the `Workbook` stream from each `BOUNDSHEET` offset, as the
//! library does) and refuses a file with a cyclic or out-of-file chain, or a
//! sheet whose rectangle or claimed dimensions exceed `MAX_XLS_CELLS`.
//! Anything else odd is left to the library, which reports it as a broken
//! file without harm.

use super::limits::{Exceeded, count};

/// Cells of one sheet's rectangle (or its `DIMENSIONS` claim). A sheet of
/// 65,536 rows of 20 columns is 1.3 million.
pub const MAX_XLS_CELLS: u64 = 2_000_000;

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const SIGNATURE: &[u8; 8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

fn broken() -> Exceeded {
    Exceeded {
        message: "tệp .xls có cấu trúc hỏng (chuỗi khối dữ liệu lặp vòng hoặc trỏ ra ngoài tệp); \
                  ntm không mở để khỏi treo máy"
            .to_string(),
        hint: "mở tệp bằng Excel hoặc LibreOffice rồi lưu lại thành .xlsx".to_string(),
    }
}

fn too_many(rows: u64, cols: u64) -> Exceeded {
    Exceeded {
        message: format!(
            "một trang tính của tệp .xls trải trên {} dòng × {} cột ({} ô), quá giới hạn {} ô",
            count(rows),
            count(cols),
            count(rows.saturating_mul(cols)),
            count(MAX_XLS_CELLS)
        ),
        hint: "kiểm tra lại tệp: xóa các ô, dòng, cột thừa ở xa bảng (kể cả ở trang ẩn) rồi lưu lại thành .xlsx"
            .to_string(),
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// Checks `bytes`, a compound file. `Ok` when nothing dangerous was found,
/// including files too broken to be read at all (the library says so).
pub fn check_xls(bytes: &[u8]) -> Result<(), Exceeded> {
    match workbook_stream(bytes) {
        Stream::Found(stream) => check_sheets(&stream),
        Stream::Unreadable => Ok(()),
        Stream::Dangerous => Err(broken()),
    }
}

enum Stream {
    Found(Vec<u8>),
    /// The library will fail on it cleanly.
    Unreadable,
    /// The library would loop or read past all bounds.
    Dangerous,
}

/// The sectors of a compound file, read as the library reads them: sector
/// `id` is at `(id + 1) * size` (the header takes the first sector).
struct Sectors<'a> {
    bytes: &'a [u8],
    size: usize,
    maxid: u32,
}

impl Sectors<'_> {
    fn get(&self, id: u32) -> Result<&[u8], Stream> {
        if id > self.maxid {
            return Err(Stream::Unreadable);
        }
        // A sector past the end of the file is no error for the library:
        // its buffer, padded by earlier reads, gives zeros or nothing, and
        // the chain goes on. So it goes on here too, and only a cycle stops
        // it (found by the fuzzer: a chain looping through such sectors
        // made the library allocate without end).
        let len = self.bytes.len();
        let start = ((id as usize + 1) * self.size).min(len);
        Ok(&self.bytes[start..(start + self.size).min(len)])
    }

    /// The chain from `first`, at most `len` bytes. A chain longer than the
    /// file has sectors can only be a cycle.
    fn chain(&self, mut id: u32, fats: &[u32], len: u64) -> Result<Vec<u8>, Stream> {
        let mut out = Vec::new();
        let mut steps = 0u64;
        while id != ENDOFCHAIN {
            steps += 1;
            if steps > u64::from(self.maxid) + 2 {
                return Err(Stream::Dangerous);
            }
            let sector = self.get(id)?;
            let take = (sector.len() as u64).min(len.saturating_sub(out.len() as u64)) as usize;
            out.extend_from_slice(&sector[..take]);
            if out.len() as u64 >= len {
                break;
            }
            id = *fats.get(id as usize).ok_or(Stream::Unreadable)?;
        }
        Ok(out)
    }
}

/// Mini sectors: 64 bytes each inside the mini stream. Sectors past its
/// end read as nothing, so a cycle among them would loop without end in
/// the library: any chain longer than the mini FAT is a cycle.
fn mini_chain(ministream: &[u8], mut id: u32, mini_fats: &[u32], len: u64) -> Result<Vec<u8>, Stream> {
    let mut out = Vec::new();
    let mut steps = 0usize;
    while id != ENDOFCHAIN {
        steps += 1;
        if steps > mini_fats.len() + 1 {
            return Err(Stream::Dangerous);
        }
        let start = (id as usize).saturating_mul(64).min(ministream.len());
        let sector = &ministream[start..(start + 64).min(ministream.len())];
        let take = sector.len().min(len.saturating_sub(out.len() as u64) as usize);
        out.extend_from_slice(&sector[..take]);
        if out.len() as u64 >= len {
            break;
        }
        id = *mini_fats.get(id as usize).ok_or(Stream::Unreadable)?;
    }
    Ok(out)
}

fn to_u32s(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

struct Entry {
    name: String,
    start: u32,
    len: u64,
}

/// The `Workbook` (BIFF8) or `Book` (BIFF5) stream, following MS-CFB.
fn workbook_stream(bytes: &[u8]) -> Stream {
    match read_workbook_stream(bytes) {
        Ok(stream) => Stream::Found(stream),
        Err(outcome) => outcome,
    }
}

fn read_workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, Stream> {
    let header = bytes.get(..512).ok_or(Stream::Unreadable)?;
    if &header[..8] != SIGNATURE {
        return Err(Stream::Unreadable);
    }
    let version = u16_at(header, 26).ok_or(Stream::Unreadable)?;
    let size = match u16_at(header, 30) {
        Some(0x0009) => 512usize,
        Some(0x000C) => 4096,
        _ => return Err(Stream::Unreadable),
    };
    let dir_start = u32_at(header, 48).ok_or(Stream::Unreadable)?;
    let mini_fat_start = u32_at(header, 60).ok_or(Stream::Unreadable)?;
    let mini_fat_len = u64::from(u32_at(header, 64).ok_or(Stream::Unreadable)?);
    let mut difat: Vec<u32> = to_u32s(&header[76..512]).collect();
    let sectors = Sectors { bytes, size, maxid: (bytes.len() / size) as u32 };

    // DIFAT chain, bounded as the library bounds it.
    let mut id = u32_at(header, 68).ok_or(Stream::Unreadable)?;
    let mut difat_sectors = 0u64;
    while id < RESERVED_SECTORS {
        difat_sectors += 1;
        if difat_sectors > u64::from(sectors.maxid) + 1 {
            return Err(Stream::Unreadable);
        }
        difat.extend(to_u32s(sectors.get(id)?));
        id = difat.pop().ok_or(Stream::Unreadable)?;
    }
    let mut fats = Vec::new();
    for id in difat.into_iter().filter(|id| *id < DIFSECT) {
        fats.extend(to_u32s(sectors.get(id)?));
    }

    let dirs = sectors.chain(dir_start, &fats, u64::MAX)?;
    let entries: Vec<Entry> = dirs
        .chunks_exact(128)
        .map(|c| {
            let units: Vec<u16> = c[..64].chunks_exact(2).map(|u| u16::from_le_bytes([u[0], u[1]])).collect();
            let mut name = String::from_utf16_lossy(&units);
            if let Some(nul) = name.find('\0') {
                name.truncate(nul);
            }
            let start = u32_at(c, 116).unwrap_or(ENDOFCHAIN);
            let len = if size == 512 { u64::from(u32_at(c, 120).unwrap_or(0)) } else { u64_at(c, 120).unwrap_or(0) };
            Entry { name, start, len }
        })
        .collect();
    let Some(root) = entries.first() else { return Err(Stream::Unreadable) };
    if version != 3 && root.start == ENDOFCHAIN {
        return Err(Stream::Unreadable);
    }
    let (mini_fats, ministream) = if mini_fat_len > 0 {
        let ministream = sectors.chain(root.start, &fats, root.len)?;
        let mini_fat = sectors.chain(mini_fat_start, &fats, mini_fat_len.saturating_mul(size as u64))?;
        (to_u32s(&mini_fat).collect::<Vec<_>>(), ministream)
    } else {
        (Vec::new(), Vec::new())
    };

    let named = |wanted: &str| entries.iter().find(|e| e.name.eq_ignore_ascii_case(wanted));
    let entry = named("Workbook").or_else(|| named("Book")).ok_or(Stream::Unreadable)?;
    if entry.len < 4096 {
        mini_chain(&ministream, entry.start, &mini_fats, entry.len)
    } else {
        sectors.chain(entry.start, &fats, entry.len)
    }
}

/// BIFF records: type, data. Stops (as the library fails) at a truncated
/// record.
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        let typ = u16_at(rest, 0)?;
        let len = u16_at(rest, 2)? as usize;
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some((typ, data))
    })
}

/// Every sheet the library will read, from its `BOUNDSHEET` offset.
fn check_sheets(stream: &[u8]) -> Result<(), Exceeded> {
    let mut offsets = Vec::new();
    for (typ, data) in records(stream) {
        match typ {
            0x0085 => offsets.extend(u32_at(data, 0)),
            0x000A => break,
            _ => {}
        }
    }
    for offset in offsets {
        if let Some(sheet) = stream.get(offset as usize..) {
            check_sheet(sheet)?;
        }
    }
    Ok(())
}

/// The bounding rectangle of some cells.
#[derive(Default)]
struct Bounds(Option<(u32, u32, u32, u32)>);

impl Bounds {
    fn add(&mut self, row: u32, col: u32) {
        self.0 = Some(match self.0 {
            None => (row, row, col, col),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(col)),
        });
    }

    fn check(&self) -> Result<(), Exceeded> {
        if let Some((r0, r1, c0, c1)) = self.0 {
            let (rows, cols) = (u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1);
            if rows.saturating_mul(cols) > MAX_XLS_CELLS {
                return Err(too_many(rows, cols));
            }
        }
        Ok(())
    }
}

fn check_sheet(sheet: &[u8]) -> Result<(), Exceeded> {
    let mut values = Bounds::default();
    let mut formulas = Bounds::default();
    let mut seen_bof = false;
    let mut depth = 0usize;
    let at = |data: &[u8]| Some((u32::from(u16_at(data, 0)?), u32::from(u16_at(data, 2)?)));
    for (typ, data) in records(sheet) {
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x0200 => {
                // The library reserves rows × columns cells for what the
                // record claims, with its arithmetic (wrapping on nonsense).
                if let Some((rows, cols)) = claimed_dimensions(data)
                    && rows.saturating_mul(cols) > MAX_XLS_CELLS
                {
                    return Err(too_many(rows, cols));
                }
            }
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD => values.add_opt(at(data)),
            0x0006 => {
                values.add_opt(at(data));
                formulas.add_opt(at(data));
            }
            0x00BD if data.len() >= 6 => {
                let (Some((row, first)), Some(last)) = (at(data), u16_at(data, data.len() - 2)) else { continue };
                values.add(row, first);
                values.add(row, u32::from(last));
            }
            0x000A => break,
            _ => {}
        }
        values.check()?;
        formulas.check()?;
    }
    Ok(())
}

impl Bounds {
    fn add_opt(&mut self, at: Option<(u32, u32)>) {
        if let Some((row, col)) = at {
            self.add(row, col);
        }
    }
}

/// Rows and columns a `DIMENSIONS` record makes the library reserve.
fn claimed_dimensions(r: &[u8]) -> Option<(u64, u64)> {
    let (rf, rl, mut cf, cl) = match r.len() {
        10 => (u32::from(u16_at(r, 0)?), u32::from(u16_at(r, 2)?), u32::from(u16_at(r, 4)?), u32::from(u16_at(r, 6)?)),
        14 | 16 => (u32_at(r, 0)?, u32_at(r, 4)?, u32::from(u16_at(r, 8)?), u32::from(u16_at(r, 10)?)),
        _ => return None,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    let (start, end) = if rl >= 1 && cl >= 1 { ((rf, cf), (rl - 1, cl - 1)) } else { ((rf, cf), (rf, cf)) };
    let rows = end.0.wrapping_sub(start.0).wrapping_add(1);
    let cols = end.1.wrapping_sub(start.1).wrapping_add(1);
    Some((u64::from(rows), u64::from(cols)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::workbook::xls_bytes::{biff8, chain_past_the_end, compound_file, record};

    #[test]
    fn an_ordinary_sheet_passes() {
        let cells: Vec<(u16, u16)> = (0..500).map(|r| (r, r % 14)).collect();
        assert_eq!(check_xls(&compound_file(&biff8(&cells, &[]), |_| {})), Ok(()));
    }

    #[test]
    fn cells_far_apart_are_refused() {
        let err = check_xls(&compound_file(&biff8(&[(0, 0), (65_535, 65_535)], &[]), |_| {})).unwrap_err();
        assert!(err.message.contains("65.536 dòng × 65.536 cột"), "{}", err.message);
    }

    #[test]
    fn a_lying_dimensions_record_is_refused() {
        let dims = record(
            0x0200,
            &[
                &0u32.to_le_bytes()[..],
                &1_000_000u32.to_le_bytes(),
                &0u16.to_le_bytes(),
                &200u16.to_le_bytes(),
                &[0, 0],
            ]
            .concat(),
        );
        let err = check_xls(&compound_file(&biff8(&[(0, 0)], &dims), |_| {})).unwrap_err();
        assert!(err.message.contains("1.000.000 dòng × 200 cột"), "{}", err.message);
    }

    #[test]
    fn a_cyclic_chain_is_refused() {
        // The directory's sector points back to itself.
        let bytes = compound_file(&biff8(&[(0, 0)], &[]), |fat| fat[1] = 1);
        assert_eq!(check_xls(&bytes).unwrap_err(), broken());
        // A stream claiming 4 GB whose sectors loop: the library would
        // gather 4 GB. (With its true length the loop ends at that length.)
        let mut bytes = compound_file(&biff8(&[(0, 0)], &[]), |fat| fat[5] = 2);
        assert_eq!(check_xls(&bytes), Ok(()));
        let len_at = 512 + 512 + 128 + 120;
        bytes[len_at..len_at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(check_xls(&bytes).unwrap_err(), broken());
    }

    /// Found by `fuzz/`: see `chain_past_the_end`.
    #[test]
    fn a_chain_through_sectors_past_the_end_is_refused() {
        assert_eq!(check_xls(&chain_past_the_end()).unwrap_err(), broken());
    }

    #[test]
    fn garbage_is_left_to_the_library() {
        assert_eq!(check_xls(b""), Ok(()));
        assert_eq!(check_xls(&[0u8; 600]), Ok(()));
        let mut truncated = compound_file(&biff8(&[(0, 0)], &[]), |_| {});
        truncated.truncate(1000);
        assert!(check_xls(&truncated).is_ok() || check_xls(&truncated) == Err(broken()));
    }

    #[test]
    fn the_committed_fixture_passes() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/survey/THON_05.xls");
        assert_eq!(check_xls(&std::fs::read(path).unwrap()), Ok(()));
    }
}

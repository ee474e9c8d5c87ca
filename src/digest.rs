//! Hashing ntm's caches and register rest on: the SHA-256 of a file or of
//! bytes, and the digest of several named parts (everything a document or a
//! kept survey round was made from). A leaf: it uses nothing of ntm.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use sha2::{Digest, Sha256};

/// The SHA-256 of a file, read in pieces, as lowercase hex.
pub fn sha256_file(path: &Path) -> io::Result<String> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buffer[..n]),
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        }
    }
    Ok(hex(&hasher.finalize()))
}

/// The SHA-256 of bytes in memory, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The digest of everything something is made from: a document
/// (`NewEntry::input_digest`), a kept survey round (`load::rounds`).
/// Each part is hashed with its name and length, so moving bytes from one
/// part to the next changes the digest; add parts in a fixed order.
#[derive(Debug, Clone, Default)]
pub struct InputDigest {
    hasher: Sha256,
}

impl InputDigest {
    pub fn new() -> InputDigest {
        InputDigest::default()
    }

    pub fn part(&mut self, name: &str, bytes: &[u8]) -> &mut InputDigest {
        for field in [name.as_bytes(), bytes] {
            self.hasher.update((field.len() as u64).to_le_bytes());
            self.hasher.update(field);
        }
        self
    }

    pub fn finish(&self) -> String {
        hex(&self.hasher.clone().finalize())
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn sha256_matches_known_vectors() {
        assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        let dir = tempfile::tempdir().unwrap();
        let big = vec![7u8; 200_000];
        fs::write(dir.path().join("big.bin"), &big).unwrap();
        assert_eq!(sha256_file(&dir.path().join("big.bin")).unwrap(), sha256_hex(&big));
    }

    #[test]
    fn input_digest_keeps_part_boundaries() {
        let a = InputDigest::new().part("main.typ", b"ab").part("meta.json", b"c").finish();
        let b = InputDigest::new().part("main.typ", b"a").part("meta.json", b"bc").finish();
        let a_again = InputDigest::new().part("main.typ", b"ab").part("meta.json", b"c").finish();
        assert_ne!(a, b);
        assert_eq!(a, a_again);
        assert_eq!(a.len(), 64);
    }
}

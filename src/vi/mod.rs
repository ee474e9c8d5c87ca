//! Vietnamese text, a leaf of the crate: every stage may use it and it uses
//! nothing of ntm. Folding for comparison, legacy TCVN3/VNI encodings and numbers written the
//! Vietnamese way (`.` groups thousands, `,` is the decimal mark).

pub mod fold;
pub mod legacy;
#[cfg(test)]
pub(crate) mod legacy_encode;
pub mod numtext;

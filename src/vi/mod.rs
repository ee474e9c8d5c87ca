//! Vietnamese text, a leaf of the crate: every stage may use it and it uses
//! nothing of ntm: folding for comparison (`fold`), legacy TCVN3/VNI
//! encodings (`legacy`), numbers written (`number`) and read (`numtext`) the
//! Vietnamese way, and the words of dates (`words`). Each exists once.

pub mod blank;
pub mod fold;
pub mod legacy;
#[cfg(test)]
pub(crate) mod legacy_encode;
pub mod number;
pub mod numtext;
pub mod words;

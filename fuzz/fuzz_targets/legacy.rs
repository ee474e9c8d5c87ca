//! Fuzzes the TCVN3/VNI legacy-encoding detector and converters with
//! arbitrary text (survey cells are arbitrary text).
//!
//! Checks what the survey reader relies on: `to_unicode` agrees with
//! `detect` (borrowed exactly when nothing is detected), a conversion is the
//! detected converter's output, converted text is NFC, and pure ASCII is
//! never touched.
#![no_main]

use std::borrow::Cow;

use libfuzzer_sys::fuzz_target;
use ntm::vi::legacy::{self, Legacy};

fuzz_target!(|s: &str| {
    let detected = legacy::detect(s);
    let converted = legacy::to_unicode(s);
    match (&converted, detected) {
        (Cow::Borrowed(b), None) => assert_eq!(*b, s),
        (Cow::Owned(o), Some(Legacy::Tcvn3)) => assert_eq!(o, &legacy::tcvn3_to_unicode(s)),
        (Cow::Owned(o), Some(Legacy::Vni)) => assert_eq!(o, &legacy::vni_to_unicode(s)),
        (c, d) => panic!("to_unicode {c:?} disagrees with detect {d:?}"),
    }
    if s.is_ascii() {
        assert!(detected.is_none(), "ASCII read as {detected:?}");
    }
    // The converters are total on any text, not only on detected text.
    let _ = legacy::tcvn3_to_unicode(s);
    let _ = legacy::vni_to_unicode(s);
});

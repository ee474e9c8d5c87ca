//! The form's word lists (yes/no, poverty classes, housing kinds) as
//! lookups: a cell matches a word whatever its case, diacritics or
//! punctuation, by comparing folded keys.
//!
//! Nearly every cell holds one of the listed spellings exactly, typed or
//! picked from the blank form's drop-down, so those are looked up first as
//! written: folding every cell of 50,000 households was a tenth of the
//! intake's time.

use std::collections::{BTreeMap, HashMap};

use super::text::word_key;

#[derive(Debug, Clone)]
pub(super) struct Words<T> {
    folded: BTreeMap<String, T>,
    /// Each listed spelling with the meaning its folded key has, so both
    /// paths always agree (a later word wins a key, as in `folded`).
    exact: HashMap<String, T, foldhash::fast::RandomState>,
}

impl<T> Default for Words<T> {
    fn default() -> Self {
        Words { folded: BTreeMap::new(), exact: HashMap::default() }
    }
}

impl<T: Copy> Words<T> {
    /// The words with their meanings, in the file's order.
    pub fn new<'a>(pairs: impl IntoIterator<Item = (&'a str, T)>) -> Words<T> {
        let pairs: Vec<(&str, T)> = pairs.into_iter().collect();
        let folded: BTreeMap<String, T> = pairs.iter().map(|&(w, v)| (word_key(w), v)).collect();
        let exact = pairs.iter().map(|&(w, _)| (w.to_string(), folded[&word_key(w)])).collect();
        Words { folded, exact }
    }

    /// The meaning of a cell's text; `blank` when the text folds to nothing
    /// (only whitespace), `None` when it is no listed word.
    pub fn get(&self, text: &str, blank: Option<T>) -> Option<T> {
        if let Some(&value) = self.exact.get(text) {
            return Some(value);
        }
        let key = word_key(text);
        if key.is_empty() {
            return blank;
        }
        self.folded.get(&key).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_and_folded_spellings_agree() {
        let words = Words::new([("Có", true), ("x", true), ("Không", false), ("X", false)]);
        assert_eq!(words.get("Có", None), Some(true));
        assert_eq!(words.get("CÓ", None), Some(true));
        assert_eq!(words.get("co", None), Some(true));
        // `X` came later and took the key `x`: both spellings mean what it says.
        assert_eq!(words.get("x", None), Some(false));
        assert_eq!(words.get("X", None), Some(false));
        assert_eq!(words.get("khong.", None), Some(false));
        assert_eq!(words.get("   ", Some(false)), Some(false));
        assert_eq!(words.get("có lẽ", None), None);
    }
}

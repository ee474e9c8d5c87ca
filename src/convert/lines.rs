//! Mapping of byte offsets in the Markdown input to 1-based line numbers, so
//! conversion errors can point the user at the offending line.

pub(super) struct LineIndex {
    /// Byte offset at which each line starts; the first is always 0.
    starts: Vec<usize>,
}

impl LineIndex {
    /// Lines end at LF, CRLF or a lone CR, as in CommonMark.
    pub(super) fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    pub(super) fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn maps_offsets_to_lines() {
        let index = LineIndex::new("ab\ncd\r\nef\rg\n");
        let lines: Vec<_> = (0..13).map(|o| index.line_of(o)).collect();
        assert_eq!(lines, [1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 5]);
    }
}

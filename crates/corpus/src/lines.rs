//! Which line a CSV record starts on. The csv crate reports where it began
//! parsing a record, which lies before the `\n` of a CRLF and before blank
//! lines; this reader notes where each line's content starts as the bytes go
//! by, so an origin names the line a person sees in an editor.

use std::collections::VecDeque;
use std::io::{self, Read};

/// A reader that remembers the line starts it has handed out but that have
/// not been asked for yet (a few KiB worth: the csv crate's read-ahead).
pub(crate) struct LineStarts<R> {
    inner: R,
    /// Bytes handed out so far.
    offset: u64,
    /// `\n` bytes handed out so far.
    newlines: u64,
    /// Whether the last byte handed out ended a line (true at the start).
    at_line_start: bool,
    /// `(offset, line)` of the first non-terminator byte after each run of
    /// `\r`/`\n` bytes, in order.
    starts: VecDeque<(u64, u64)>,
}

impl<R> LineStarts<R> {
    pub(crate) fn new(inner: R) -> LineStarts<R> {
        LineStarts {
            inner,
            offset: 0,
            newlines: 0,
            at_line_start: true,
            starts: VecDeque::new(),
        }
    }

    /// The 1-based line of the first content at or after byte `offset` (the
    /// csv crate's record position); earlier line starts are forgotten, so
    /// offsets must be asked for in increasing order.
    pub(crate) fn line_at(&mut self, offset: u64) -> u64 {
        while self
            .starts
            .front()
            .is_some_and(|&(start, _)| start < offset)
        {
            self.starts.pop_front();
        }
        self.starts
            .front()
            .map_or(self.newlines + 1, |&(_, line)| line)
    }
}

impl<R: Read> Read for LineStarts<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let bytes = &buf[..n];
        let mut i = 0;
        while i < n {
            if self.at_line_start {
                match bytes[i] {
                    b'\n' => self.newlines += 1,
                    b'\r' => {}
                    _ => {
                        self.starts
                            .push_back((self.offset + i as u64, self.newlines + 1));
                        self.at_line_start = false;
                    }
                }
                i += 1;
            } else {
                // Within a line: jump to its end (lines are kilobytes long).
                let Some(end) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) else {
                    break;
                };
                i += end;
                self.at_line_start = true;
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The start line of every record of `data`, as the csv crate reads it.
    fn record_lines(data: &str) -> Vec<u64> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(4)
            .from_reader(LineStarts::new(data.as_bytes()));
        let mut record = csv::ByteRecord::new();
        let mut lines = Vec::new();
        while reader.read_byte_record(&mut record).unwrap() {
            let offset = record.position().unwrap().byte();
            lines.push(reader.get_mut().line_at(offset));
        }
        lines
    }

    #[test]
    fn lines_where_records_start() {
        let cases: [(&str, &[u64]); 5] = [
            ("a,b\nc,d\n", &[1, 2]),
            ("a,b\r\nc,d\r\ne,f", &[1, 2, 3]),
            ("a,b\r\n\"x\r\ny\",1\r\n\r\n\r\nz,2\r\n", &[1, 2, 6]),
            ("\n\na\n\"\n\nb\"\nc\n", &[3, 4, 7]),
            ("a\rb\rc", &[1, 1, 1]),
        ];
        for (data, expected) in cases {
            assert_eq!(record_lines(data), expected, "{data:?}");
        }
    }
}

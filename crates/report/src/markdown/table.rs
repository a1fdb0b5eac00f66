//! Markdown tables and escaping: the leaf every section shares.

/// Escapes text for a Markdown table cell or paragraph.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            // `&` too: `&amp;` in a title must not render as `&`.
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Column alignment in a Markdown table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// `---`: text.
    Left,
    /// `---:`: numbers.
    Right,
}

/// A Markdown table written row by row into `out`: the header on `new`,
/// one line per `row`. Cells are written as given (escape and format them
/// before), and nothing follows the last row: the caller adds the empty line.
pub struct Table<'a> {
    out: &'a mut String,
    columns: usize,
}

impl<'a> Table<'a> {
    /// Writes the header and the alignment row.
    pub fn new<S: AsRef<str>>(out: &'a mut String, header: &[(S, Align)]) -> Table<'a> {
        let mut table = Table {
            out,
            columns: header.len(),
        };
        table.line(header.iter().map(|(name, _)| name.as_ref()));
        // The alignment row has no padding: `|---|---:|`.
        table.out.push('|');
        for (_, align) in header {
            table.out.push_str(match align {
                Align::Left => "---|",
                Align::Right => "---:|",
            });
        }
        table.out.push('\n');
        table
    }

    /// Writes one row: `| a | b |`.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) {
        debug_assert_eq!(cells.len(), self.columns, "a row needs one cell per column");
        self.line(cells.iter().map(AsRef::as_ref));
    }

    fn line<'c>(&mut self, cells: impl Iterator<Item = &'c str>) {
        self.out.push('|');
        for cell in cells {
            self.out.push(' ');
            self.out.push_str(cell);
            self.out.push_str(" |");
        }
        self.out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_alignment_row() {
        let mut out = String::new();
        Table::new(
            &mut out,
            &[
                ("Term", Align::Left),
                ("Hits", Align::Right),
                ("Forms", Align::Left),
            ],
        );
        assert_eq!(out, "| Term | Hits | Forms |\n|---|---:|---|\n");
    }

    #[test]
    fn rows_are_written_as_given() {
        let mut out = String::from("intro\n\n");
        let mut table = Table::new(&mut out, &[("A", Align::Left), ("B", Align::Right)]);
        table.row(&[escape("a|b"), "1,234".to_owned()]);
        table.row(&["`x_y`", "–"]);
        assert_eq!(
            out,
            "intro\n\n| A | B |\n|---|---:|\n| a\\|b | 1,234 |\n| `x_y` | – |\n"
        );
    }

    #[test]
    #[should_panic(expected = "one cell per column")]
    #[cfg(debug_assertions)]
    fn a_short_row_is_a_bug() {
        let mut out = String::new();
        Table::new(&mut out, &[("A", Align::Left), ("B", Align::Left)]).row(&["a"]);
    }
}

//! Reading the CSVs nytta takes in — actuals (docs/follow-up.md) and submissions (docs/controller-guide-en.md) — as
//! spreadsheets write them, one row at a time and in time linear in the file:
//!
//! - encoding: UTF-16 (Excel's "Unicode text", by its BOM), UTF-8 with or without a
//!   BOM, else Windows-1252 (decided per value, so a stream needs no second pass);
//! - delimiter: `;`, tab or `,`, the most frequent in the header line;
//! - every row and column counts or is reported: a row split by another delimiter than
//!   the header, a value beyond the header or under a column without a name, and a quote
//!   that is never closed are problems of their row, never silently dropped;
//! - bounded: a row longer than [`MAX_CSV_ROW_BYTES`] stops the reading with an error
//!   (it is almost always an unclosed quote that swallowed the rest of the file).

use crate::diagnostic::Text;
use crate::limits::MAX_CSV_ROW_BYTES;
use crate::text;
use std::io::{self, Read};
use std::ops::Range;

/// The encodings recognised by their byte-order mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (or, value by value, Windows-1252 where a value is not UTF-8).
    Utf8,
    /// UTF-16, little-endian (with a byte-order mark).
    Utf16Le,
    /// UTF-16, big-endian (with a byte-order mark).
    Utf16Be,
}

/// The encoding a file's first bytes announce, and the length of its BOM.
pub fn detect(bytes: &[u8]) -> (Encoding, usize) {
    if bytes.starts_with(b"\xff\xfe") {
        (Encoding::Utf16Le, 2)
    } else if bytes.starts_with(b"\xfe\xff") {
        (Encoding::Utf16Be, 2)
    } else if bytes.starts_with(b"\xef\xbb\xbf") {
        (Encoding::Utf8, 3)
    } else {
        (Encoding::Utf8, 0)
    }
}

/// Decode a whole CSV: UTF-16 by its BOM, UTF-8 (a BOM is dropped), else Windows-1252.
pub fn decode_text(bytes: &[u8]) -> String {
    let (encoding, bom) = detect(bytes);
    let body = &bytes[bom..];
    match encoding {
        Encoding::Utf16Le => encoding_rs::UTF_16LE.decode_without_bom_handling(body).0.into_owned(),
        Encoding::Utf16Be => encoding_rs::UTF_16BE.decode_without_bom_handling(body).0.into_owned(),
        Encoding::Utf8 => match std::str::from_utf8(body) {
            Ok(s) => s.to_string(),
            Err(_) => encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(body)
                .0
                .into_owned(),
        },
    }
}

/// One value's bytes as text: UTF-8, else Windows-1252.
pub fn decode_value(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// The spans of a row's values in its raw bytes `row` (which start at `start`): split at
/// the delimiters outside quotes (a doubled quote inside a quoted value turns quoting off
/// and on again), each trimmed of spaces and tabs.
fn field_spans(row: &[u8], delimiter: u8, start: usize) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut from = 0;
    let mut quoted = false;
    let mut push = |from: usize, to: usize| {
        let value = &row[from..to];
        let lead = value.iter().take_while(|b| matches!(b, b' ' | b'\t')).count();
        let trail = value[lead..]
            .iter()
            .rev()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        spans.push(start + from + lead..start + to - trail);
    };
    for (i, &b) in row.iter().enumerate() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            push(from, i);
            from = i + 1;
        }
    }
    push(from, row.len());
    spans
}

/// The delimiter of a header line: `;`, tab or `,` (the most frequent; `,` if none).
pub fn sniff_delimiter(header: &[u8]) -> u8 {
    let header = header.split(|b| *b == b'\n').next().unwrap_or_default();
    [b';', b'\t', b',']
        .into_iter()
        .map(|d| (header.iter().filter(|b| **b == d).count(), d))
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, d)| (*n, *d == b','))
        .map_or(b',', |(_, d)| d)
}

/// A readable name for a delimiter.
pub fn delimiter_name(d: u8) -> &'static str {
    match d {
        b';' => "`;`",
        b'\t' => "tabs",
        _ => "`,`",
    }
}

/// UTF-16 transcoded to UTF-8 as it is read; other input passes through (its BOM dropped).
struct Decoding<R> {
    inner: R,
    decoder: Option<encoding_rs::Decoder>,
    input: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    output: Vec<u8>,
    out_start: usize,
    out_end: usize,
    finished: bool,
}

impl<R: Read> Decoding<R> {
    fn new(mut inner: R, detect_bom: bool) -> io::Result<Self> {
        let mut input = vec![0; 64 * 1024];
        let mut end = 0;
        let mut eof = false;
        if detect_bom {
            while end < 3 {
                let n = inner.read(&mut input[end..])?;
                if n == 0 {
                    eof = true;
                    break;
                }
                end += n;
            }
        }
        let (encoding, bom) = if detect_bom {
            detect(&input[..end])
        } else {
            (Encoding::Utf8, 0)
        };
        let decoder = match encoding {
            Encoding::Utf8 => None,
            Encoding::Utf16Le => Some(encoding_rs::UTF_16LE.new_decoder_without_bom_handling()),
            Encoding::Utf16Be => Some(encoding_rs::UTF_16BE.new_decoder_without_bom_handling()),
        };
        let output = if decoder.is_some() {
            vec![0; 64 * 1024]
        } else {
            Vec::new()
        };
        Ok(Decoding {
            inner,
            decoder,
            input,
            start: bom,
            end,
            eof,
            output,
            out_start: 0,
            out_end: 0,
            finished: false,
        })
    }

    fn fill(&mut self) -> io::Result<()> {
        if self.start == self.end && !self.eof {
            let n = self.inner.read(&mut self.input)?;
            self.start = 0;
            self.end = n;
            self.eof = n == 0;
        }
        Ok(())
    }
}

impl<R: Read> Read for Decoding<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        loop {
            if self.decoder.is_none() {
                self.fill()?;
                let n = out.len().min(self.end - self.start);
                out[..n].copy_from_slice(&self.input[self.start..self.start + n]);
                self.start += n;
                return Ok(n);
            }
            if self.out_start < self.out_end {
                let n = out.len().min(self.out_end - self.out_start);
                out[..n].copy_from_slice(&self.output[self.out_start..self.out_start + n]);
                self.out_start += n;
                return Ok(n);
            }
            if self.finished {
                return Ok(0);
            }
            self.fill()?;
            let last = self.eof;
            let Some(decoder) = &mut self.decoder else { return Ok(0) };
            let (result, read, written, _) =
                decoder.decode_to_utf8(&self.input[self.start..self.end], &mut self.output, last);
            self.start += read;
            self.out_start = 0;
            self.out_end = written;
            if last && result == encoding_rs::CoderResult::InputEmpty {
                self.finished = true;
            }
        }
    }
}

/// Keeps the bytes the CSV parser has pulled since the last row it returned, so that a
/// row's own text can be looked at (its line breaks and quotes); refuses to pull more
/// than a row's limit beyond it.
struct Tee<R> {
    inner: R,
    kept: Vec<u8>,
    /// Offset of `kept[0]` in the stream.
    base: u64,
    /// End of the last row returned.
    released: u64,
    too_long: bool,
}

/// Slack for what the CSV parser reads ahead of a row (its buffer is 8 KiB).
const READ_AHEAD: u64 = 64 * 1024;

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.base + self.kept.len() as u64 - self.released > MAX_CSV_ROW_BYTES as u64 + READ_AHEAD {
            self.too_long = true;
            return Err(io::Error::new(io::ErrorKind::InvalidData, "row too long"));
        }
        let n = self.inner.read(out)?;
        self.kept.extend_from_slice(&out[..n]);
        Ok(n)
    }
}

impl<R> Tee<R> {
    fn bytes(&self, from: u64, to: u64) -> &[u8] {
        let from = (from.saturating_sub(self.base) as usize).min(self.kept.len());
        let to = (to.saturating_sub(self.base) as usize).clamp(from, self.kept.len());
        &self.kept[from..to]
    }

    /// Forget the bytes before `upto` (in amortised linear time).
    fn release(&mut self, upto: u64) {
        self.released = upto;
        let k = (upto.saturating_sub(self.base) as usize).min(self.kept.len());
        if k >= 64 * 1024 && k * 2 >= self.kept.len() {
            self.kept.drain(..k);
            self.base += k as u64;
        }
    }
}

/// One non-blank row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The line (1-based, as a text editor or spreadsheet counts) where the row starts.
    pub line: u64,
    /// The line where it ends (later than `line` for a value with line breaks).
    pub end_line: u64,
    /// The row's text in the decoded input, without its line end.
    pub span: Range<usize>,
    /// The values as written (not trimmed).
    pub fields: Vec<String>,
    /// Where each value is in the decoded input, spaces around it left out (a quoted
    /// value with its quotes).
    pub field_spans: Vec<Range<usize>>,
    /// What is wrong with the row's shape (delimiter, quotes, values without a column).
    pub problem: Option<Text>,
}

impl Row {
    /// Where the value of column `i` is, for a finding about it; the whole row when the
    /// row is shorter (the value is missing) or the value is empty.
    pub fn span_of(&self, i: usize) -> Range<usize> {
        self.field_spans
            .get(i)
            .filter(|s| !s.is_empty())
            .cloned()
            .unwrap_or_else(|| self.span.clone())
    }

    /// The trimmed value of column `i`, `""` when the row is shorter.
    pub fn get(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", |f| f.trim())
    }
    /// The value of column `i` exactly as written.
    pub fn exact(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", String::as_str)
    }
}

/// Why reading could not go on.
#[derive(Debug)]
pub enum CsvError {
    /// The input could not be read.
    Io(io::Error),
    /// A row (starting at `line`) is longer than [`MAX_CSV_ROW_BYTES`].
    TooLong {
        /// The line the row starts on.
        line: u64,
    },
}

impl CsvError {
    /// The message in Swedish (`Display` gives the English).
    pub fn swedish(&self) -> String {
        match self {
            CsvError::Io(e) => format!("kan inte läsas: {e}"),
            CsvError::TooLong { line } => format!(
                "raden som börjar på rad {line} är längre än {} MiB, gränsen för en rad; \
                 ett citattecken (\") som aldrig stängs gör resten av filen till ett värde: stäng det",
                MAX_CSV_ROW_BYTES / (1024 * 1024)
            ),
        }
    }
}

impl std::fmt::Display for CsvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CsvError::Io(e) => write!(f, "cannot read: {e}"),
            CsvError::TooLong { line } => write!(
                f,
                "the row starting on line {line} is longer than {} MiB, the limit for one row; \
                 a quote (\") that is never closed makes the rest of the file one value: close it",
                MAX_CSV_ROW_BYTES / (1024 * 1024)
            ),
        }
    }
}

/// A CSV read row by row. The header is the first row.
pub struct CsvReader<'r> {
    reader: csv::Reader<Tee<Box<dyn Read + 'r>>>,
    delimiter: u8,
    /// The header's names, trimmed and lower-case.
    columns: Vec<String>,
    header_span: Range<usize>,
    /// Columns a row must reach unless it is blank.
    required: Vec<usize>,
    /// Line number at the end of the last row returned.
    line: u64,
    record: csv::ByteRecord,
    done: bool,
}

impl<'r> CsvReader<'r> {
    /// Read a file's bytes: its encoding is detected (UTF-16 by BOM) as it is read.
    pub fn new(input: impl Read + 'r) -> Result<Self, CsvError> {
        Self::open(Box::new(input), true)
    }

    /// Read text already decoded (spans then index into `text`).
    pub fn from_text(text: &'r str) -> Result<Self, CsvError> {
        Self::open(Box::new(text.as_bytes()), false)
    }

    fn open(input: Box<dyn Read + 'r>, detect_bom: bool) -> Result<Self, CsvError> {
        let mut decoding = Decoding::new(input, detect_bom).map_err(CsvError::Io)?;
        // The header line, to choose the delimiter.
        let mut first = Vec::new();
        let mut chunk = vec![0; 64 * 1024];
        loop {
            let n = decoding.read(&mut chunk).map_err(CsvError::Io)?;
            first.extend_from_slice(&chunk[..n]);
            if n == 0 || chunk[..n].contains(&b'\n') {
                break;
            }
            if first.len() > MAX_CSV_ROW_BYTES {
                return Err(CsvError::TooLong { line: 1 });
            }
        }
        let delimiter = sniff_delimiter(&first);
        let chained: Box<dyn Read + 'r> = Box::new(io::Cursor::new(first).chain(decoding));
        let tee = Tee {
            inner: chained,
            kept: Vec::new(),
            base: 0,
            released: 0,
            too_long: false,
        };
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(tee);
        let mut this = CsvReader {
            reader,
            delimiter,
            columns: Vec::new(),
            header_span: 0..0,
            required: Vec::new(),
            line: 1,
            record: csv::ByteRecord::new(),
            done: false,
        };
        if let Some(header) = this.next_record()? {
            this.columns = header.fields.iter().map(|f| f.trim().to_lowercase()).collect();
            this.header_span = header.span;
        }
        Ok(this)
    }

    /// The delimiter found in the header.
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// The header's names, trimmed and lower-case.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The header's text in the decoded input.
    pub fn header_span(&self) -> Range<usize> {
        self.header_span.clone()
    }

    /// The index of a column by name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// The first name the header gives twice, with both (1-based) column numbers.
    pub fn duplicate_column(&self) -> Option<(&str, usize, usize)> {
        self.columns.iter().enumerate().find_map(|(j, name)| {
            let i = self.columns[..j].iter().position(|c| c == name && !c.is_empty())?;
            Some((name.as_str(), i + 1, j + 1))
        })
    }

    /// Columns that every non-blank row must reach (a shorter row is reported).
    pub fn require(&mut self, columns: &[usize]) {
        self.required = columns.to_vec();
    }

    /// The next non-blank row, `None` at the end. After an error there are no more rows.
    pub fn next_row(&mut self) -> Option<Result<Row, CsvError>> {
        loop {
            match self.next_record() {
                Err(e) => return Some(Err(e)),
                Ok(None) => return None,
                Ok(Some(row)) if row.fields.iter().all(|f| f.trim().is_empty()) => continue,
                Ok(Some(mut row)) => {
                    row.problem = self.shape_problem(&row);
                    return Some(Ok(row));
                }
            }
        }
    }

    /// The next record, blank or not, with its lines and span.
    fn next_record(&mut self) -> Result<Option<Row>, CsvError> {
        if self.done {
            return Ok(None);
        }
        let read = self.reader.read_byte_record(&mut self.record);
        let read = match read {
            Ok(read) => read,
            Err(e) => {
                self.done = true;
                if self.reader.get_ref().too_long {
                    return Err(CsvError::TooLong { line: self.line });
                }
                return Err(match e.into_kind() {
                    csv::ErrorKind::Io(e) => CsvError::Io(e),
                    other => CsvError::Io(io::Error::other(format!("{other:?}"))),
                });
            }
        };
        if !read {
            self.done = true;
            return Ok(None);
        }
        let end = self.reader.position().byte();
        let tee = self.reader.get_ref();
        let from = tee.released;
        let raw = tee.bytes(from, end);
        // Line ends (and blank lines) before the row belong to no row.
        let lead = raw.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        let body = &raw[lead..];
        let body_len = body.len() - body.iter().rev().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        let line = self.line + raw[..lead].iter().filter(|b| **b == b'\n').count() as u64;
        let end_line = line + body[..body_len].iter().filter(|b| **b == b'\n').count() as u64;
        let odd_quotes = body[..body_len].iter().filter(|b| **b == b'"').count() % 2 == 1;
        self.line += raw.iter().filter(|b| **b == b'\n').count() as u64;
        let start = from as usize + lead;
        let fields: Vec<String> = self.record.iter().map(decode_value).collect();
        // A quote never closed takes the line end and what follows into its value.
        let unclosed = odd_quotes && fields.iter().any(|f| f.contains(['\n', '\r']));
        let problem = unclosed.then(|| {
            if end_line > line {
                text!(
                    sv: "ett citattecken (\") på rad {line} stängs aldrig, så raderna {line}–{end_line} lästes som ett värde: stäng citattecknet";
                    en: "a quote (\") on line {line} is never closed, so lines {line}–{end_line} were read as one value: close the quote"
                )
            } else {
                // Only the row's own line end was taken in (the last row of the file).
                text!(
                    sv: "ett citattecken (\") på rad {line} stängs aldrig: stäng citattecknet";
                    en: "a quote (\") on line {line} is never closed: close the quote"
                )
            }
        });
        let field_spans = field_spans(&body[..body_len], self.delimiter, start);
        self.reader.get_mut().release(end);
        Ok(Some(Row {
            line,
            end_line,
            span: start..start + body_len,
            fields,
            field_spans,
            problem,
        }))
    }

    /// What is wrong with a non-blank row's shape, if anything.
    fn shape_problem(&self, row: &Row) -> Option<Text> {
        if row.problem.is_some() {
            return row.problem.clone();
        }
        let n = self.columns.len();
        let found = row.fields.len();
        let delim = delimiter_name(self.delimiter);
        let delim_sv = if self.delimiter == b'\t' { "tabbar" } else { delim };
        if found < n && self.required.iter().any(|&c| c >= found) {
            let other = [b';', b'\t', b',']
                .into_iter()
                .filter(|d| *d != self.delimiter)
                .find(|d| row.fields.iter().any(|f| f.as_bytes().contains(d)));
            let missing: Vec<&str> = self
                .required
                .iter()
                .filter(|&&c| c >= found)
                .map(|&c| self.columns[c].as_str())
                .collect();
            return Some(match other {
                Some(other) => {
                    let o = delimiter_name(other);
                    let o_sv = if other == b'\t' { "tabbar" } else { o };
                    text!(
                        sv: "raden har {found} {} där rubrikraden har {n} kolumner åtskilda med {delim_sv}; \
                             raden verkar åtskild med {o_sv}: använd samma avgränsare i hela filen",
                        if found == 1 { "värde" } else { "värden" };
                        en: "the row has {found} value{} where the header has {n} columns separated by {delim}; \
                             the row seems separated by {o}: use one delimiter in the whole file",
                        if found == 1 { "" } else { "s" }
                    )
                }
                None => {
                    let m = missing.join("`, `");
                    text!(
                        sv: "raden har {found} {} där rubrikraden har {n} kolumner åtskilda med {delim_sv}, \
                             så `{m}` saknas: fyll i, eller kontrollera avgränsarna",
                        if found == 1 { "värde" } else { "värden" };
                        en: "the row has {found} value{} where the header has {n} columns separated by {delim}, \
                             so `{m}` is missing: fill it in, or check the delimiters",
                        if found == 1 { "" } else { "s" }
                    )
                }
            });
        }
        if let Some(i) = (n..found).find(|&i| !row.fields[i].trim().is_empty()) {
            return Some(text!(
                sv: "raden har ett värde i kolumn {}, utanför rubrikradens {n} kolumner: \
                     namnge kolumnen i rubrikraden eller ta bort värdet",
                i + 1;
                en: "the row has a value in column {}, beyond the {n} columns of the header: \
                     name the column in the header or remove the value",
                i + 1
            ));
        }
        if let Some(i) = (0..n.min(found)).find(|&i| self.columns[i].is_empty() && !row.fields[i].trim().is_empty()) {
            return Some(text!(
                sv: "raden har ett värde i kolumn {}, som saknar namn i rubrikraden: \
                     namnge kolumnen eller ta bort värdet",
                i + 1;
                en: "the row has a value in column {}, which has no name in the header: \
                     name the column or remove the value",
                i + 1
            ));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Row> {
        let mut r = CsvReader::from_text(text).unwrap();
        r.require(&[0, 1, 2]);
        std::iter::from_fn(|| r.next_row()).map(Result::unwrap).collect()
    }

    #[test]
    fn lines_count_blank_lines_crlf_and_multiline_values() {
        let text = "a;b;c\r\n1;2;3\r\n\r\n;;\r\n\"x\ny\";2;3\r\n4;5;6";
        let r = rows(text);
        assert_eq!(r.len(), 3);
        assert_eq!((r[0].line, r[1].line, r[1].end_line, r[2].line), (2, 5, 6, 7));
        assert_eq!(&text[r[2].span.clone()], "4;5;6");
        assert!(r.iter().all(|r| r.problem.is_none()), "{r:?}");
    }

    #[test]
    fn another_delimiter_unclosed_quote_and_stray_values_are_problems() {
        let r = rows("a;b;c\n1,2,3\n1;2;3;x\n1;2;3;;\n");
        assert!(r[0].problem.as_ref().unwrap().en.contains("separated by `,`"), "{r:?}");
        assert!(r[1].problem.as_ref().unwrap().en.contains("column 4"));
        assert!(r[2].problem.is_none());
        let r = rows("a,b,c\n1,\"2,3\n4,5,6\n");
        assert_eq!(r.len(), 1);
        assert_eq!(
            r[0].problem.as_ref().unwrap().en,
            "a quote (\") on line 2 is never closed, so lines 2–3 were read as one value: close the quote"
        );
        // On the last row only its own line end is taken in: no line 3 to name.
        let r = rows("a,b,c\n1,\"2,3\n");
        assert_eq!(
            r[0].problem.as_ref().unwrap().en,
            "a quote (\") on line 2 is never closed: close the quote"
        );
        let r = rows("a,,c\n1,2,3\n");
        assert!(r[0].problem.as_ref().unwrap().en.contains("no name"));
    }

    #[test]
    fn utf16_and_windows_1252_are_decoded() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "a;b;c\r\nGöteborg;2;3\r\n".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let mut r = CsvReader::new(&bytes[..]).unwrap();
        assert_eq!(r.columns(), ["a", "b", "c"]);
        assert_eq!(r.next_row().unwrap().unwrap().fields[0], "Göteborg");
        let mut r = CsvReader::new(&b"a,b\nG\xf6teborg,1\n"[..]).unwrap();
        assert_eq!(r.next_row().unwrap().unwrap().fields[0], "Göteborg");
        assert_eq!(decode_text(b"\xfe\xff\0a"), "a");
    }

    #[test]
    fn a_row_beyond_the_limit_stops_the_reading() {
        let text = format!("a,b\n1,\"{}", "x".repeat(MAX_CSV_ROW_BYTES + 200_000));
        let mut r = CsvReader::from_text(&text).unwrap();
        assert!(matches!(r.next_row(), Some(Err(CsvError::TooLong { line: 2 }))));
        assert!(r.next_row().is_none());
    }

    #[test]
    fn duplicate_columns_are_found() {
        let r = CsvReader::from_text("line,year,Amount,amount\n").unwrap();
        assert_eq!(r.duplicate_column(), Some(("amount", 3, 4)));
    }
}

//! Opening a CSV or JSONL file as a stream of UTF-8: the encoding is guessed
//! from the first 64 KiB as [`core_text::decode`](fn@core_text::decode) would, then the rest is
//! transcoded while it is read, so a large file is never held in memory.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use encoding_rs::{Encoding, UTF_8};
use encoding_rs_io::{DecodeReaderBytes, DecodeReaderBytesBuilder};

use crate::error::CorpusError;

/// How many leading bytes decide the encoding.
pub(crate) const SNIFF_LEN: usize = 64 * 1024;

/// A file opened for streaming as UTF-8.
pub(crate) struct TextStream {
    /// The decoded bytes: UTF-8 (invalid sequences of a UTF-8 file are passed
    /// through for the caller to find; other encodings are transcoded).
    pub reader: DecodeReaderBytes<Counted<File>, Vec<u8>>,
    /// The file's encoding.
    pub encoding: &'static Encoding,
    /// Bytes of the file read so far (shared with the reader).
    pub bytes_read: Arc<AtomicU64>,
    /// The file's size.
    pub total_bytes: u64,
}

/// Opens `path`, guesses its encoding and returns the decoding stream.
/// Binary files (a NUL byte early on, without a UTF-16 BOM) are an error.
pub(crate) fn open_text(path: &Path) -> Result<TextStream, CorpusError> {
    let io_error = |source| CorpusError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = File::open(path).map_err(io_error)?;
    let total_bytes = file.metadata().map_err(io_error)?.len();
    let mut head = Vec::with_capacity(SNIFF_LEN);
    (&mut file)
        .take(SNIFF_LEN as u64)
        .read_to_end(&mut head)
        .map_err(io_error)?;
    if core_text::looks_binary(&head) {
        return Err(CorpusError::Input {
            path: path.to_path_buf(),
            message: "file is binary, not text".to_owned(),
        });
    }
    let encoding = sniff(&head, head.len() as u64 >= total_bytes);
    file.seek(SeekFrom::Start(0)).map_err(io_error)?;
    let bytes_read = Arc::new(AtomicU64::new(0));
    let counted = Counted {
        inner: file,
        count: Arc::clone(&bytes_read),
    };
    let mut builder = DecodeReaderBytesBuilder::new();
    builder.strip_bom(true);
    if encoding == UTF_8 {
        // Pass UTF-8 through untouched so that invalid bytes later in the
        // file are found per record instead of silently replaced.
        builder.utf8_passthru(true);
    } else {
        builder.encoding(Some(encoding));
    }
    Ok(TextStream {
        reader: builder.build(counted),
        encoding,
        bytes_read,
        total_bytes,
    })
}

/// The encoding of a file that starts with `head` (`whole`: `head` is the
/// entire file), decided exactly as [`core_text::decode`](fn@core_text::decode) decides.
pub(crate) fn sniff(head: &[u8], whole: bool) -> &'static Encoding {
    // A cut through the last character must not make UTF-8 look invalid.
    let head = match std::str::from_utf8(head) {
        Err(e) if !whole && e.error_len().is_none() => &head[..e.valid_up_to()],
        _ => head,
    };
    let name = core_text::decode(head).encoding;
    Encoding::for_label(name.as_bytes()).unwrap_or(UTF_8)
}

/// The text of field `name` read from a stream of `encoding` with the
/// number of invalid UTF-8 sequences repaired in it, or a lowercase reason
/// why it is not text.
///
/// A UTF-8 stream passes its bytes through untouched, so a few bad bytes in
/// one field are repaired there as [`core_text::repair_utf8`] does (the
/// record is kept, and the caller names the repair); a transcoded stream
/// that wrote U+FFFD had bytes of no character in its encoding.
///
/// simdutf8 checks the bytes where they are (several times faster than the
/// standard library on German text, whose umlauts keep leaving its ASCII
/// path); the one copy is the `String` itself.
pub(crate) fn field_text(
    bytes: &[u8],
    name: &str,
    encoding: &'static Encoding,
) -> Result<(String, usize), String> {
    match simdutf8::basic::from_utf8(bytes) {
        Err(_) if encoding == UTF_8 => Ok(core_text::repair_utf8(bytes)),
        Err(_) => Err(format!("field `{name}` is not valid UTF-8")),
        // Only a transcoder writes U+FFFD for bytes it cannot map.
        Ok(text) if encoding != UTF_8 && text.contains('\u{FFFD}') => Err(format!(
            "field `{name}` has bytes that are not valid {}",
            encoding.name()
        )),
        Ok(text) => Ok((text.to_owned(), 0)),
    }
}

/// A reader that counts the bytes it hands out, for progress bars.
pub(crate) struct Counted<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_follows_core_text() {
        let cases: [(&[u8], bool, &str); 6] = [
            ("Gespräche".as_bytes(), true, "UTF-8"),
            (b"\xef\xbb\xbfGespr\xc3\xa4che", true, "UTF-8"),
            (b"\xff\xfeG\x00", true, "UTF-16LE"),
            (b"Gespr\xe4che \xfcber Garantien", true, "windows-1252"),
            // A head cut inside `ä` is still UTF-8 ...
            (b"Gespr\xc3", false, "UTF-8"),
            // ... and so is a whole file ending in half a character: the
            // cut character is repaired, the rest stays UTF-8.
            (b"Gespr\xc3", true, "UTF-8"),
        ];
        for (head, whole, expected) in cases {
            assert_eq!(sniff(head, whole).name(), expected, "{head:?}");
        }
    }

    fn read_all(bytes: &[u8]) -> (String, &'static str, u64) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        std::fs::write(&path, bytes).unwrap();
        let mut stream = open_text(&path).unwrap();
        let mut out = Vec::new();
        stream.reader.read_to_end(&mut out).unwrap();
        assert_eq!(stream.total_bytes, bytes.len() as u64);
        let read = stream.bytes_read.load(Ordering::Relaxed);
        (
            String::from_utf8_lossy(&out).into_owned(),
            stream.encoding.name(),
            read,
        )
    }

    #[test]
    fn streams_are_utf8_without_bom() {
        let cases: [(&[u8], &str, &str); 4] = [
            (b"text\nDialog\n", "text\nDialog\n", "UTF-8"),
            (b"\xef\xbb\xbftext\nDialog\n", "text\nDialog\n", "UTF-8"),
            (b"text\nGespr\xe4che\n", "text\nGespräche\n", "windows-1252"),
            (b"\xfe\xff\x00t\x00\xe4", "tä", "UTF-16BE"),
        ];
        for (bytes, text, encoding) in cases {
            let (decoded, name, read) = read_all(bytes);
            assert_eq!((decoded.as_str(), name), (text, encoding));
            assert_eq!(read, bytes.len() as u64);
        }
    }

    #[test]
    fn binary_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        std::fs::write(&path, b"PK\x03\x04\x00\x00").unwrap();
        let error = open_text(&path).err().unwrap().to_string();
        assert!(
            error.ends_with("a.csv: file is binary, not text"),
            "{error}"
        );
    }

    #[test]
    fn field_problems_name_the_field() {
        assert_eq!(field_text(b"ok", "text", UTF_8).unwrap(), ("ok".into(), 0));
        // A bad byte in a UTF-8 stream is repaired, not a reason to skip.
        assert_eq!(
            field_text(b"F\xfcr a\xffb", "text", UTF_8).unwrap(),
            ("Für a\u{fffd}b".into(), 2)
        );
        let shift_jis = Encoding::for_label(b"shift_jis").unwrap();
        assert_eq!(
            field_text("a\u{FFFD}".as_bytes(), "title", shift_jis).unwrap_err(),
            "field `title` has bytes that are not valid Shift_JIS"
        );
    }
}

//! Typesetting: a document is a Typst template (a file in `templates/`, readable and editable
//! by whoever keeps the regency's servers) filled with one JSON file of data, laid out and
//! written as PDF by Typst embedded as a library (docs/documents.md says why Typst).
//!
//! What the template is given cannot change what it does: the data is read with `json(...)`
//! and every string in it is text to Typst, never markup, so a proposal titled `#pagebreak()`
//! or `*bold*` prints as typed. The template sees only its data and the files named here: no
//! disk, no network, no packages.
//!
//! The fonts are embedded in the binary (Libertinus Serif, SIL Open Font License): they cover
//! Indonesian and the names people have (Ṣalāḥuddin, Nguyễn, Ø), and the text stays
//! searchable and copyable in the PDF.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// A document's template: its name (the file in `templates/`) and its text, built in.
#[derive(Clone, Copy, Debug)]
pub struct Template {
    pub file: &'static str,
    pub text: &'static str,
}

pub const CERTIFICATE: Template = Template {
    file: "certificate.typ",
    text: include_str!("templates/certificate.typ"),
};

pub const RECAP: Template = Template {
    file: "recap.typ",
    text: include_str!("templates/recap.typ"),
};

pub const DECREE: Template = Template {
    file: "decree.typ",
    text: include_str!("templates/decree.typ"),
};

pub const PROPOSAL: Template = Template {
    file: "proposal.typ",
    text: include_str!("templates/proposal.typ"),
};

pub const SCORES: Template = Template {
    file: "scores.typ",
    text: include_str!("templates/scores.typ"),
};

pub const BOOK: Template = Template {
    file: "compendium.typ",
    text: include_str!("templates/compendium.typ"),
};

pub const CONTENTS: Template = Template {
    file: "contents.typ",
    text: include_str!("templates/contents.typ"),
};

/// The faces every document may use.
const FONTS: [&[u8]; 4] = [
    include_bytes!("fonts/LibertinusSerif-Regular.otf"),
    include_bytes!("fonts/LibertinusSerif-Bold.otf"),
    include_bytes!("fonts/LibertinusSerif-Italic.otf"),
    include_bytes!("fonts/LibertinusSerif-BoldItalic.otf"),
];

/// What every document shares: the fonts, read once, and Typst's standard library.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONTS
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    Shared {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// A template that did not lay out: a fault of the template (or of this code), never of the
/// data, which is only ever text to it.
#[derive(Debug)]
pub struct TypesetError {
    pub template: &'static str,
    pub messages: Vec<String>,
}

impl std::fmt::Display for TypesetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "template {}: {}",
            self.template,
            self.messages.join("; ")
        )
    }
}

impl std::error::Error for TypesetError {}

/// Lays out `template` with `data` (read by the template as `json("data.json")`) and `files`
/// (images by name, e.g. `("crest.png", png)`), and returns the PDF.
pub fn pdf(
    template: Template,
    data: &impl serde::Serialize,
    files: &[(String, Bytes)],
) -> Result<Vec<u8>, TypesetError> {
    let fail = |messages: Vec<String>| TypesetError {
        template: template.file,
        messages,
    };
    let data = serde_json::to_vec(data).map_err(|e| fail(vec![e.to_string()]))?;
    let main = file_id(template.file);
    let world = Job {
        main,
        source: Source::new(main, template.text.to_string()),
        data: Bytes::new(data),
        // By id once: a compendium looks up thousands of photos.
        files: files
            .iter()
            .map(|(name, bytes)| (file_id(name), bytes.clone()))
            .collect(),
    };
    let laid_out = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| fail(messages(&errors)))?;
    let pdf = typst_pdf::pdf(&laid_out, &typst_pdf::PdfOptions::default())
        .map_err(|errors| fail(messages(&errors)));
    // Typst remembers what it laid out, so the next certificate from the same template costs a
    // fraction of the first (docs/documents.md); what no recent document used is let go, so a
    // server that prints all year does not keep every document in memory.
    typst::comemo::evict(EVICT_AFTER);
    pdf
}

/// How many documents later an unused remembered layout is let go.
const EVICT_AFTER: usize = 30;

fn messages(errors: &[SourceDiagnostic]) -> Vec<String> {
    errors.iter().map(|e| e.message.to_string()).collect()
}

fn file_id(path: &str) -> FileId {
    // The names are ours (`templates/…`, `data.json`, the files' names), all valid paths.
    let vpath = VirtualPath::new(path)
        .unwrap_or_else(|_| VirtualPath::new("invalid").expect("a plain name"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One document being laid out: its template, its data, its files; nothing else is readable.
struct Job {
    main: FileId,
    source: Source,
    data: Bytes,
    files: std::collections::HashMap<FileId, Bytes>,
}

impl World for Job {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main {
            Ok(self.source.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == file_id("data.json") {
            return Ok(self.data.clone());
        }
        self.files.get(&id).cloned().ok_or(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    /// Documents print the dates they are given, never "today" from the template.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

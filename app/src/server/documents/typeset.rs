//! Typesetting: a document is a Typst template (a file in `templates/`, readable and editable
//! by whoever keeps the regency's servers) filled with one JSON file of data, laid out and
//! written as PDF by Typst embedded as a library (docs/documents.md says why Typst).
//!
//! The built-in templates can be replaced, file by file, from the directory named by
//! `INOVASI_TEMPLATES_DIR` (`Templates::from_dir`, read once when the server starts), so that
//! the regency's IT officer can adjust a document without building the server. A replaced
//! template that does not lay out is refused with its file, line and Typst's message, which
//! names the value it could not find (`TypesetError`).
//!
//! What the template is given cannot change what it does: the data is read with `json(...)`
//! and every string in it is text to Typst, never markup, so a proposal titled `#pagebreak()`
//! or `*bold*` prints as typed. The template sees only its data and the files named here: no
//! disk, no network, no packages.
//!
//! The fonts are embedded in the binary (Libertinus Serif, SIL Open Font License): they cover
//! Indonesian and the names people have (Ṣalāḥuddin, Nguyễn, Ø), and the text stays
//! searchable and copyable in the PDF.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
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

/// Every template, for `Templates::from_dir` to know the names.
pub const ALL: [Template; 7] = [CERTIFICATE, RECAP, DECREE, PROPOSAL, SCORES, BOOK, CONTENTS];

/// The templates in use: the built-in ones, each replaced by the text of a file of the same
/// name when the deployment gives one.
#[derive(Clone, Debug, Default)]
pub struct Templates {
    replaced: HashMap<&'static str, Arc<str>>,
}

impl Templates {
    /// The templates built into the server.
    pub fn built_in() -> Templates {
        Templates::default()
    }

    /// The built-in templates with those `dir` holds (`certificate.typ`, …) in their place. A
    /// `.typ` file of another name is refused, naming the names there are (a misspelt file
    /// would otherwise be silently ignored); other files are not looked at.
    pub fn from_dir(dir: &Path) -> Result<Templates, String> {
        let shown = dir.display();
        let entries = std::fs::read_dir(dir).map_err(|e| format!("{shown}: {e}"))?;
        let mut texts = Vec::new();
        for entry in entries {
            let path = entry.map_err(|e| format!("{shown}: {e}"))?.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if !name.ends_with(".typ") {
                continue;
            }
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            texts.push((name.to_string(), text));
        }
        Templates::replacing(texts)
    }

    /// The built-in templates with `texts` (by file name) in place of theirs.
    pub fn replacing(texts: Vec<(String, String)>) -> Result<Templates, String> {
        let mut replaced = HashMap::new();
        for (name, text) in texts {
            let Some(template) = ALL.iter().find(|t| t.file == name) else {
                let known: Vec<&str> = ALL.iter().map(|t| t.file).collect();
                return Err(format!(
                    "{name} is not a document's template; the templates are {}",
                    known.join(", ")
                ));
            };
            replaced.insert(template.file, Arc::from(text));
        }
        Ok(Templates { replaced })
    }

    /// The names of the templates replaced, for the server's start-up log.
    pub fn replaced(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = self.replaced.keys().copied().collect();
        names.sort_unstable();
        names
    }

    fn text(&self, template: Template) -> &str {
        self.replaced
            .get(template.file)
            .map_or(template.text, |text| text)
    }
}

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

/// A template that did not lay out: a fault of the template (a replaced one, or this code),
/// never of the data, which is only ever text to it. `line`: where in the template the first
/// error is (from 1), when Typst places it there; the messages name what was wrong, e.g.
/// `dictionary does not contain key "nmae"` for a misspelt field.
#[derive(Debug)]
pub struct TypesetError {
    pub template: &'static str,
    pub line: Option<u32>,
    pub messages: Vec<String>,
}

impl std::fmt::Display for TypesetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "template {}", self.template)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        write!(f, ": {}", self.messages.join("; "))
    }
}

impl std::error::Error for TypesetError {}

/// Lays out `template` (as `templates` has it) with `data` (read by the template as
/// `json("data.json")`) and `files` (images by name, e.g. `("crest.png", png)`), and returns
/// the PDF.
pub fn pdf(
    templates: &Templates,
    template: Template,
    data: &impl serde::Serialize,
    files: &[(String, Bytes)],
) -> Result<Vec<u8>, TypesetError> {
    let fail = |line: Option<u32>, messages: Vec<String>| TypesetError {
        template: template.file,
        line,
        messages,
    };
    let data = serde_json::to_vec(data).map_err(|e| fail(None, vec![e.to_string()]))?;
    let main = file_id(template.file);
    let world = Job {
        main,
        source: Source::new(main, templates.text(template).to_string()),
        data: Bytes::new(data),
        // By id once: a compendium looks up thousands of photos.
        files: files
            .iter()
            .map(|(name, bytes)| (file_id(name), bytes.clone()))
            .collect(),
    };
    let laid_out = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| fail(world.line_of(&errors), messages(&errors)))?;
    let pdf = typst_pdf::pdf(&laid_out, &typst_pdf::PdfOptions::default())
        .map_err(|errors| fail(world.line_of(&errors), messages(&errors)));
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
    files: HashMap<FileId, Bytes>,
}

impl Job {
    /// The template's line (from 1) of the first error placed in it: the error's own place, or
    /// else the innermost call in the template that led to it.
    fn line_of(&self, errors: &[SourceDiagnostic]) -> Option<u32> {
        errors.iter().find_map(|error| {
            std::iter::once(error.span)
                .chain(error.trace.iter().map(|point| point.span.into()))
                .filter(|span| span.id() == Some(self.main))
                .find_map(|span| self.range(span))
                .and_then(|range| self.source.lines().byte_to_line(range.start))
                .and_then(|line| u32::try_from(line + 1).ok())
        })
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A template reading a field the data does not have, on its third line.
    const MISSPELT: &str = "#let data = json(\"data.json\")\n= Piagam\n#data.nmae\n";

    #[test]
    fn a_replaced_template_that_fails_names_its_line_and_the_missing_field() {
        let templates =
            Templates::replacing(vec![("certificate.typ".into(), MISSPELT.into())]).expect("known");
        assert_eq!(templates.replaced(), vec!["certificate.typ"]);
        let data = serde_json::json!({ "name": "Dinas Kesehatan" });
        let error = pdf(&templates, CERTIFICATE, &data, &[]).expect_err("a missing field");
        assert_eq!(error.template, "certificate.typ");
        assert_eq!(error.line, Some(3));
        assert!(
            error.messages.iter().any(|m| m.contains("\"nmae\"")),
            "{error}"
        );
        // The other templates are the built-in ones still.
        assert_eq!(templates.text(RECAP), RECAP.text);
    }

    #[test]
    fn a_template_of_an_unknown_name_is_refused_naming_the_names() {
        let refused = Templates::replacing(vec![("piagam.typ".into(), String::new())])
            .expect_err("unknown name");
        assert!(refused.contains("piagam.typ"), "{refused}");
        assert!(refused.contains("certificate.typ"), "{refused}");
    }

    #[test]
    fn a_directory_replaces_the_templates_it_holds_and_ignores_other_files() {
        let dir = std::env::temp_dir().join(format!("inovasi-templates-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("recap.typ"), "= Berita acara\n").expect("write");
        std::fs::write(dir.join("README.txt"), "catatan").expect("write");
        let templates = Templates::from_dir(&dir).expect("read");
        assert_eq!(templates.replaced(), vec!["recap.typ"]);
        assert_eq!(templates.text(RECAP), "= Berita acara\n");
        std::fs::write(dir.join("sertifikat.typ"), "").expect("write");
        assert!(Templates::from_dir(&dir).is_err());
        std::fs::remove_dir_all(&dir).expect("clean up");
        assert!(
            Templates::from_dir(&dir).is_err(),
            "a directory that is not there"
        );
    }
}

//! Blind judging: a proposal's reading copy with nothing that names the agency or its people.
//! The agency's name is dropped, team members become "Anggota 1, 2 …" (their roles stay),
//! files are renamed "Lampiran 1.pdf" …, and any mention of the agency, its head or a team
//! member inside an answer is blacked out. (What a file itself contains is the agency's to keep
//! anonymous; the form's help text says so.)

use serde_json::Value;

use crate::models::{question_field, ProposalPrint, QuestionKind};

/// What replaces a name inside a text.
pub const MASK: &str = "▇▇▇";

/// Names shorter than this are not masked inside texts (they would black out ordinary words).
const MIN_NAME_CHARS: usize = 4;

/// Anonymises `print` in place. `names` are the agency's own: name, short name, head.
pub fn anonymise(print: &mut ProposalPrint, names: &[String]) {
    let mut hidden: Vec<String> = names.iter().map(|n| n.trim().to_string()).collect();
    print.state.agency_name = String::new();
    print.state.head_note = None;

    // Team members: keep the role, number the person.
    for q in print.form.sections.iter().flat_map(|s| s.questions.iter()) {
        if q.kind != QuestionKind::Team {
            continue;
        }
        if let Some(Value::Array(members)) = print.state.fields.get_mut(&question_field(q.id)) {
            for (i, m) in members.iter_mut().enumerate() {
                if let Some(obj) = m.as_object_mut() {
                    if let Some(Value::String(name)) = obj.get("name") {
                        hidden.push(name.trim().to_string());
                    }
                    obj.insert("name".into(), Value::String(format!("Anggota {}", i + 1)));
                }
            }
        }
    }

    for (i, a) in print.state.attachments.iter_mut().enumerate() {
        a.file_name = format!("Lampiran {}.{}", i + 1, extension(&a.content_type));
    }

    let hidden = hidden_names(hidden);
    for value in print.state.fields.values_mut() {
        mask_value(value, &hidden);
    }
}

/// The names to black out, in the order to do it: long enough to be names (not ordinary words),
/// longest first, so "Dinas Kesehatan Kabupaten" goes before "Dinas Kesehatan".
fn hidden_names(mut names: Vec<String>) -> Vec<String> {
    names.retain(|n| n.chars().count() >= MIN_NAME_CHARS);
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.dedup();
    names
}

/// A text shown to a judge outside the reading copy (the title in their list) with the agency's
/// names blacked out by the same rules as the copy itself.
pub fn mask_names(text: &str, names: &[String]) -> String {
    let mut out = text.to_string();
    for n in hidden_names(names.iter().map(|n| n.trim().to_string()).collect()) {
        out = mask(&out, &n);
    }
    out
}

fn mask_value(value: &mut Value, names: &[String]) {
    match value {
        Value::String(s) => {
            for n in names {
                *s = mask(s, n);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| mask_value(v, names)),
        Value::Object(map) => map.values_mut().for_each(|v| mask_value(v, names)),
        _ => {}
    }
}

/// `text` with every case-insensitive occurrence of `name` replaced by the mask.
pub fn mask(text: &str, name: &str) -> String {
    let needle: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return text.to_string();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let mut j = 0;
        let mut k = i;
        while j < needle.len() && k < chars.len() {
            let mut lower = chars[k].1.to_lowercase();
            if lower.next() != Some(needle[j]) || lower.next().is_some() {
                break;
            }
            j += 1;
            k += 1;
        }
        if j == needle.len() {
            out.push_str(MASK);
            i = k;
        } else {
            out.push(chars[i].1);
            i += 1;
        }
    }
    out
}

/// A file extension for a stored content type (the types uploads accept).
pub fn extension(content_type: &str) -> &'static str {
    match content_type {
        "application/pdf" => "pdf",
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        _ => "bin",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_masked_whatever_their_case() {
        assert_eq!(
            mask("Petugas DISDUKCAPIL dan Disdukcapil desa", "Disdukcapil"),
            "Petugas ▇▇▇ dan ▇▇▇ desa"
        );
        assert_eq!(mask("tidak ada", "Disdukcapil"), "tidak ada");
        assert_eq!(mask("Dinas Kesehatané", "kesehatané"), "Dinas ▇▇▇");
    }

    #[test]
    fn a_title_in_the_list_is_masked_like_the_copy() {
        let names = vec![
            "Rumah Sakit Umum Daerah Sukamaju".to_string(),
            "RSUD".to_string(),
            "dr. Ani".to_string(),
        ];
        assert_eq!(
            mask_names("Antrean Poliklinik Daring RSUD", &names),
            "Antrean Poliklinik Daring ▇▇▇"
        );
        assert_eq!(mask_names("Layanan Ramah", &names), "Layanan Ramah");
    }
}

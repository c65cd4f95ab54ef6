//! The words of each kind of notice as the admins set them (`/admin/templates`,
//! docs/notifications.md): read wherever a notice is said — the notifications page, the
//! outbox page, the e-mail, the gateway — and changed only through a check that the text uses
//! no placeholder its kind cannot fill and holds no markup.

use crate::error::{AppError, FieldError, Input, Problem, ServerProblem};
use crate::i18n::Lang;
use crate::models::{
    check_placeholders_in, placeholders_of, sample_notice, NoticeTemplate, NoticeWording,
    PlaceholderError, NOTICE_TEMPLATES,
};
use crate::server::infra::audit::{self, AuditAction};
use crate::server::infra::db::now_ms;
use crate::server::Db;

/// The longest wording, per language.
pub const TEXT_MAX: usize = 500;

/// Every wording the admins set.
pub async fn load(db: &Db) -> Result<NoticeWording, AppError> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT template, lang, text FROM notice_templates")
            .fetch_all(&db.pool)
            .await?;
    Ok(NoticeWording(
        rows.into_iter()
            .filter_map(|(template, lang, text)| {
                Lang::parse(&lang).map(|lang| (NoticeWording::slot(&template, lang), text))
            })
            .collect(),
    ))
}

/// Each template with its default, the admins' words and the example said in the words that
/// apply (`today`: the example's day).
pub async fn page(db: &Db, today: i64) -> Result<Vec<NoticeTemplate>, AppError> {
    let wording = load(db).await?;
    Ok(NOTICE_TEMPLATES
        .iter()
        .filter_map(|(template, key)| {
            let sample = sample_notice(template, today)?;
            Some(NoticeTemplate {
                template: template.to_string(),
                kind: sample.kind().to_string(),
                default_id: key.text(Lang::Id).to_string(),
                default_en: key.text(Lang::En).to_string(),
                text_id: wording.get(template, Lang::Id).map(str::to_string),
                text_en: wording.get(template, Lang::En).map(str::to_string),
                placeholders: placeholders_of(key.text(Lang::Id))
                    .into_iter()
                    .map(|p| format!("{{{p}}}"))
                    .collect(),
                preview_id: sample.sentence_in(Lang::Id, &wording),
                preview_en: sample.sentence_in(Lang::En, &wording),
            })
        })
        .collect())
}

/// Whether `text` looks like markup: a `<` that opens a tag (`<b>`, `</p>`, `<!--`). The
/// words are plain text everywhere they go; a tag would show as typed.
fn has_markup(text: &str) -> bool {
    text.match_indices('<').any(|(i, _)| {
        text[i + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!')
    })
}

/// Checks one language's words for `template` (empty, or the default itself: back to the
/// default, so a later better default reaches it).
fn check(template: &str, lang: Lang, input: Input, text: &str) -> Result<Option<String>, AppError> {
    let Some((_, key)) = NOTICE_TEMPLATES.iter().find(|(t, _)| *t == template) else {
        return Err(AppError::NotFound);
    };
    let text = text.trim();
    if text.is_empty() || text == key.text(lang) {
        return Ok(None);
    }
    if text.chars().count() > TEXT_MAX {
        return Err(FieldError::new(
            input,
            Problem::TooLong {
                max: TEXT_MAX as u32,
            },
        )
        .into());
    }
    let known = placeholders_of(key.text(Lang::Id));
    let problem = match check_placeholders_in(text, &known) {
        Ok(()) if has_markup(text) => ServerProblem::Markup,
        Ok(()) => return Ok(Some(text.to_string())),
        Err(PlaceholderError::Unknown(name)) => ServerProblem::UnknownPlaceholder {
            name,
            known: known.iter().map(|p| format!("{{{p}}}")).collect(),
        },
        Err(PlaceholderError::Unmatched) => ServerProblem::UnmatchedBrace,
    };
    Err(FieldError::new(input, Problem::Server(problem)).into())
}

/// Sets the words of `template` in both languages (an empty one goes back to its default),
/// checked first: refused whole, nothing stored. Audited `notice_template.save`.
pub async fn save(
    db: &Db,
    admin_id: i64,
    template: &str,
    text_id: &str,
    text_en: &str,
) -> Result<(), AppError> {
    let id = check(template, Lang::Id, Input::MessageId, text_id)?;
    let en = check(template, Lang::En, Input::MessageEn, text_en)?;
    let mut tx = db.begin_write().await?;
    let now = now_ms();
    for (lang, text) in [(Lang::Id, &id), (Lang::En, &en)] {
        sqlx::query("DELETE FROM notice_templates WHERE template = $1 AND lang = $2")
            .bind(template)
            .bind(lang.code())
            .execute(&mut *tx)
            .await?;
        if let Some(text) = text {
            sqlx::query(
                "INSERT INTO notice_templates (template, lang, text, updated_by, updated_at)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(template)
            .bind(lang.code())
            .bind(text)
            .bind(admin_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
    }
    let action = if id.is_none() && en.is_none() {
        AuditAction::NoticeTemplateReset
    } else {
        AuditAction::NoticeTemplateSave
    };
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin_id, action, "notice_template", template)
            .after(serde_json::json!({ "id": id, "en": en })),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_told_apart_from_a_comparison() {
        assert!(has_markup("Halo <b>{title}</b>"));
        assert!(has_markup("</p>"));
        assert!(has_markup("<!-- x -->"));
        assert!(!has_markup("nilai < 60 dan 3<4"));
    }

    #[test]
    fn words_are_checked_against_their_own_kind() {
        let id = |text: &str| check("submitted", Lang::Id, Input::MessageId, text);
        assert_eq!(id("  "), Ok(None));
        assert_eq!(
            id(crate::i18n::PageKey::NoticeSubmitted.text(Lang::Id)),
            Ok(None)
        );
        assert_eq!(
            id("«{title}» diajukan."),
            Ok(Some("«{title}» diajukan.".into()))
        );
        // `{reason}` belongs to other kinds, not to a hand-in.
        assert!(matches!(
            id("{title}: {reason}"),
            Err(AppError::Invalid(FieldError {
                problem: Problem::Server(ServerProblem::UnknownPlaceholder { .. }),
                ..
            }))
        ));
        assert!(matches!(
            check("submitted", Lang::En, Input::MessageEn, "<b>{title}</b>"),
            Err(AppError::Invalid(FieldError {
                problem: Problem::Server(ServerProblem::Markup),
                ..
            }))
        ));
        assert_eq!(
            check("nothing", Lang::Id, Input::MessageId, ""),
            Err(AppError::NotFound)
        );
    }
}

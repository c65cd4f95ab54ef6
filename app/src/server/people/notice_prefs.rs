//! How each person wants each kind of notice beyond the app: e-mailed at once, gathered into a
//! daily digest, or in the app only (`notification_prefs`; no row means at once). Mandatory
//! kinds are always e-mailed at once and cannot be set.

use std::collections::BTreeMap;

use crate::error::{AppError, FieldError, Input, Problem, ServerProblem};
use crate::models::{
    normalise_phone, notice_is_mandatory, notice_kinds_for, CurrentUser, Delivery, NoticePref,
    NoticePrefs,
};
use crate::server::Db;

/// The person's choices for the kinds of notice their role receives.
pub async fn load(
    db: &Db,
    user: &CurrentUser,
    mail_configured: bool,
) -> Result<NoticePrefs, AppError> {
    let stored: Vec<(String, String)> =
        sqlx::query_as("SELECT kind, channel FROM notification_prefs WHERE user_id = $1")
            .bind(user.id)
            .fetch_all(&db.pool)
            .await?;
    let prefs = notice_kinds_for(user.role)
        .iter()
        .map(|kind| {
            let mandatory = notice_is_mandatory(kind);
            let delivery = stored
                .iter()
                .find(|(k, _)| k == kind)
                .and_then(|(_, c)| Delivery::parse(c))
                .filter(|_| !mandatory)
                .unwrap_or(Delivery::Email);
            NoticePref {
                kind: kind.to_string(),
                delivery,
                mandatory,
            }
        })
        .collect();
    let phone: Option<String> = sqlx::query_scalar("SELECT phone FROM users WHERE id = $1")
        .bind(user.id)
        .fetch_one(&db.pool)
        .await?;
    Ok(NoticePrefs {
        prefs,
        phone,
        email: user.email.clone(),
        mail_configured,
    })
}

/// Stores the person's choices: `choices` maps a kind to `email`, `digest` or `app`. A kind the
/// role does not receive, a mandatory kind set to anything but `email`, or an unknown choice is
/// a tampered form: refused whole, nothing stored. `phone`, when the form had it: their WhatsApp
/// number (empty: none), refused whole too when it is not a telephone number.
pub async fn save(
    db: &Db,
    user: &CurrentUser,
    choices: &BTreeMap<String, String>,
    phone: Option<&str>,
) -> Result<(), AppError> {
    let phone = match phone.map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(typed) => Some(Some(normalise_phone(typed).ok_or_else(|| {
            FieldError::new(Input::Phone, Problem::Server(ServerProblem::NotAPhone))
        })?)),
    };
    let kinds = notice_kinds_for(user.role);
    let mut rows = Vec::with_capacity(choices.len());
    for (kind, channel) in choices {
        let delivery = Delivery::parse(channel)
            .ok_or_else(|| FieldError::new(Input::Delivery, Problem::NotAllowed))?;
        if !kinds.contains(&kind.as_str())
            || (notice_is_mandatory(kind) && delivery != Delivery::Email)
        {
            return Err(FieldError::new(Input::Delivery, Problem::NotAllowed).into());
        }
        rows.push((kind.as_str(), delivery));
    }
    let mut tx = db.begin_write().await?;
    for (kind, delivery) in rows {
        sqlx::query("DELETE FROM notification_prefs WHERE user_id = $1 AND kind = $2")
            .bind(user.id)
            .bind(kind)
            .execute(&mut *tx)
            .await?;
        if delivery != Delivery::Email {
            sqlx::query(
                "INSERT INTO notification_prefs (user_id, kind, channel) VALUES ($1, $2, $3)",
            )
            .bind(user.id)
            .bind(kind)
            .bind(delivery.as_str())
            .execute(&mut *tx)
            .await?;
        }
    }
    if let Some(phone) = phone {
        sqlx::query("UPDATE users SET phone = $1 WHERE id = $2")
            .bind(phone)
            .bind(user.id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Keeps the language the person reads the app in, for their e-mails.
pub async fn set_language(db: &Db, user_id: i64, lang: crate::i18n::Lang) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET lang = $1 WHERE id = $2")
        .bind(lang.code())
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

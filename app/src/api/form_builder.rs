//! The proposal form builder (admins): the form as stored, saving it whole, and a preview that
//! is the agencies' own wizard.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{FormBuilderData, OutlineTag, SectionDraft, WizardData};

#[server(prefix = "/api", endpoint = "fetch_form_builder")]
pub async fn fetch_form_builder() -> Result<FormBuilderData, AppError> {
    use crate::server::{http::authz, year::form_builder};
    let auth = authz::authorize::<FetchFormBuilder>().await?;
    form_builder::load(&auth.state.db).await
}

/// Saves the whole form, after applying the edit a button asked for (`edit`: move or remove a
/// section or question). Refused once any proposal has been written.
#[server(prefix = "/api", endpoint = "save_form")]
pub async fn save_form(
    sections: Option<Vec<SectionDraft>>,
    edit: Option<String>,
) -> Result<(), AppError> {
    use crate::error::{FieldError, Problem};
    use crate::server::{http::authz, year::form_builder};
    use crate::validation::form_builder::{parse, Edit};
    let auth = authz::authorize::<SaveForm>().await?;
    let mut sections = sections.unwrap_or_default();
    if let Some(edit) = edit.as_deref().filter(|e| !e.is_empty()) {
        Edit::parse(edit)
            .ok_or_else(|| FieldError::new(crate::error::Input::Edit, Problem::NotAllowed))?
            .apply(&mut sections);
    }
    let form = parse(&sections)?;
    form_builder::replace(&auth.state.db, auth.user()?, &form).await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_FORM);
    Ok(())
}

/// Which section of the province's proposal outline each question of the current form fills
/// (`tags`: question id and section name; an empty name: none). Allowed after the form is
/// fixed: it changes no answer, only where the nomination dossier prints it.
#[server(prefix = "/api", endpoint = "save_outline_tags")]
pub async fn save_outline_tags(tags: Option<Vec<OutlineTag>>) -> Result<(), AppError> {
    use crate::server::{http::authz, year::form_builder};
    let auth = authz::authorize::<SaveOutlineTags>().await?;
    form_builder::tag_outline(&auth.state.db, auth.user()?, &tags.unwrap_or_default()).await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_FORM_OUTLINE_SAVED);
    Ok(())
}

/// The form exactly as an agency's wizard shows it, in preview mode (nothing is kept or sent).
#[server(prefix = "/api", endpoint = "fetch_form_preview")]
pub async fn fetch_form_preview() -> Result<WizardData, AppError> {
    use crate::models::Role;
    use crate::server::infra::db::now_ms;
    use crate::server::{http::authz, year::competitions, year::form};
    let auth = authz::authorize::<FetchFormPreview>().await?;
    let db = &auth.state.db;
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let mut form = form::load(db, competition.id, 0).await?;
    // No agency's deadline applies to a preview.
    form.deadline_at = None;
    Ok(WizardData {
        form,
        proposal_id: "preview".into(),
        proposal: None,
        user_id: auth.user()?.id,
        role: Role::AgencyMember,
        now: now_ms(),
        preview: true,
    })
}

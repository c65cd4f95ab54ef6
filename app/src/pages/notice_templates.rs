use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{fetch_notice_templates, SaveNoticeTemplate};
use crate::components::{
    field_error, kept_form, loaded, textarea_text, FieldProblem, PageTitle, QueryError,
};
use crate::i18n::{t, PageKey};
use crate::models::{notice_kind_label, NoticeTemplate};

/// `/admin/templates`: the words each kind of notice is said in — in the app, the e-mail and
/// the messaging gateway — per language: the default, the admins' own (plain forms, checked
/// for placeholders the kind cannot fill), an example as people will read it, and a way back
/// to the default.
#[component]
pub fn NoticeTemplatesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_notice_templates());
    view! {
        <PageTitle page=PageKey::TemplatesNav />
        <h1 id="page-title">{t(PageKey::TemplatesNav)}</h1>
        <p class="muted">{t(PageKey::TemplatesIntro)}</p>
        <QueryError />
        {loaded(data, |templates| {
            // Saved: said at the top too, with a link down to it (the page is long).
            let saved = use_query_map().read_untracked().get("saved");
            let saved = templates.iter().find(|tpl| saved.as_deref() == Some(tpl.template.as_str())).map(|tpl| {
                view! {
                    <p class="card notice-info" role="status">
                        <a href=format!("#template-{}", tpl.template)>{t(label(&tpl.template, &tpl.kind))}</a>
                        ": " {t(PageKey::Saved)}
                    </p>
                }
            });
            view! {
                {saved}
                {templates.into_iter().map(|template| view! { <TemplateCard template /> }).collect_view()}
            }
        })}
    }
}

/// The label of a template: its kind's, with which outcome for screening's two.
fn label(template: &str, kind: &str) -> PageKey {
    match template {
        "screened_in" => PageKey::TemplateScreenedIn,
        "screened_out" => PageKey::TemplateScreenedOut,
        _ => notice_kind_label(kind),
    }
}

#[component]
fn TemplateCard(template: NoticeTemplate) -> impl IntoView {
    let save = ServerAction::<SaveNoticeTemplate>::new();
    let reset = ServerAction::<SaveNoticeTemplate>::new();
    let name = template.template.clone();
    let id = format!("template-{name}");
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    let (id_field, en_field) = (format!("{id}-id"), format!("{id}-en"));
    let (id_error, en_error) = (format!("{id}-id-error"), format!("{id}-en-error"));
    let changed = template.text_id.is_some() || template.text_en.is_some();
    // Refused (a placeholder its kind cannot fill, markup): as typed, the error beside it.
    let kept = kept_form::<SaveNoticeTemplate>().filter(|k| k.template == name);
    let refused = kept.is_some();
    let (text_id, text_en) = match kept {
        Some(k) => (k.text_id, k.text_en),
        None => (
            template
                .text_id
                .clone()
                .unwrap_or(template.default_id.clone()),
            template
                .text_en
                .clone()
                .unwrap_or(template.default_en.clone()),
        ),
    };
    let error = |field: &str| refused.then(|| field_error(field)).flatten();
    let (id_err, en_err) = (error("message_id"), error("message_en"));
    let invalid = |e: &Option<String>| e.is_some().then_some("true");
    let reset_name = name.clone();
    view! {
        <section class="card notice-template" id=id aria-labelledby=labelled_by>
            <h2 id=title_id>
                {t(label(&template.template, &template.kind))}
                {changed.then(|| view! { " " <span class="badge">{t(PageKey::TemplateChanged)}</span> })}
            </h2>
            <p class="muted">
                {t(PageKey::TemplatePlaceholders)} " "
                {if template.placeholders.is_empty() {
                    leptos::either::Either::Left(t(PageKey::NoPlaceholders))
                } else {
                    leptos::either::Either::Right(template.placeholders.join(" "))
                }}
            </p>
            <dl class="template-preview">
                <dt>{t(PageKey::TemplatePreviewId)}</dt>
                <dd>{template.preview_id}</dd>
                <dt>{t(PageKey::TemplatePreviewEn)}</dt>
                <dd>{template.preview_en}</dd>
            </dl>
            <ActionForm action=save>
                <input type="hidden" name="template" value=name />
                <div class="field">
                    <label for=id_field.clone()>{t(PageKey::TemplateTextId)}</label>
                    <textarea id=id_field name="text_id" rows="3" maxlength="500"
                        aria-invalid=invalid(&id_err) aria-describedby=id_error.clone()
                        autofocus=id_err.is_some()>{textarea_text(&text_id)}</textarea>
                    <FieldProblem id=id_error message=id_err />
                </div>
                <div class="field">
                    <label for=en_field.clone()>{t(PageKey::TemplateTextEn)}</label>
                    <textarea id=en_field name="text_en" rows="3" maxlength="500"
                        aria-invalid=invalid(&en_err) aria-describedby=en_error.clone()
                        autofocus=en_err.is_some()>{textarea_text(&text_en)}</textarea>
                    <FieldProblem id=en_error message=en_err />
                </div>
                <button type="submit" class="button primary">{t(PageKey::TemplateSave)}</button>
            </ActionForm>
            {changed.then(|| view! {
                <ActionForm action=reset>
                    <input type="hidden" name="template" value=reset_name.clone() />
                    <button type="submit" class="button">{t(PageKey::TemplateReset)}</button>
                </ActionForm>
            })}
        </section>
    }
}

//! `/admin/rounds`: the rounds the year is judged in, from a ready-made list, and who goes on
//! from each; fixed once judging has begun. Plain forms throughout.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{fetch_rounds, ApplyRoundPreset, SaveRoundRules};
use crate::components::{field_error, kept_form, loaded, FieldProblem, PageTitle, QueryError};
use crate::error::{Field, Input};
use crate::i18n::{format_date, t, two_decimals, use_i18n, Lang, PageKey};
use crate::models::{AdvanceRule, RoundInfo, RoundKind, RoundPlan, RoundPreset, RoundRuleInput};

#[component]
pub fn RoundsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_rounds());
    let saved = use_query_map().read_untracked().get("saved").is_some();
    view! {
        <PageTitle page=PageKey::RoundsTitle />
        <h1>{t(PageKey::RoundsTitle)}</h1>
        <QueryError anchor=round_input />
        {saved.then(|| view! { <p class="card notice-info" role="status">{t(PageKey::Saved)}</p> })}
        {loaded(data, |plan| view! { <Plan plan /> })}
    }
}

/// The words of a round's kind.
pub fn kind_key(kind: RoundKind) -> PageKey {
    match kind {
        RoundKind::Desk => PageKey::RoundKindDesk,
        RoundKind::Presentation => PageKey::RoundKindPresentation,
        RoundKind::Field => PageKey::RoundKindField,
    }
}

/// Who a rule sends on, in words: "the best 10", "a score of 85 or more".
pub fn rule_text(rule: AdvanceRule, value: Option<f64>, lang: Lang) -> String {
    let n = |v: Option<f64>| match (rule, v) {
        (AdvanceRule::PassMark, Some(v)) => two_decimals(v, lang),
        (_, Some(v)) => format!("{v:.0}"),
        (_, None) => "–".to_string(),
    };
    let key = match rule {
        AdvanceRule::TopN => PageKey::RuleTopN,
        AdvanceRule::TopNPerCategory => PageKey::RuleTopNPerCategory,
        AdvanceRule::PassMark => PageKey::RulePassMark,
        AdvanceRule::Choice => PageKey::RuleChoice,
    };
    key.text(lang).replace("{n}", &n(value))
}

fn option_key(rule: AdvanceRule) -> PageKey {
    match rule {
        AdvanceRule::TopN => PageKey::RuleOptTopN,
        AdvanceRule::TopNPerCategory => PageKey::RuleOptTopNPerCategory,
        AdvanceRule::PassMark => PageKey::RuleOptPassMark,
        AdvanceRule::Choice => PageKey::RuleOptChoice,
    }
}

fn preset_key(preset: RoundPreset) -> PageKey {
    match preset {
        RoundPreset::Single => PageKey::RoundsPresetSingle,
        RoundPreset::Regency => PageKey::RoundsPresetRegency,
        RoundPreset::Kipp => PageKey::RoundsPresetKipp,
    }
}

/// The id of the input a refused post is about: the round's rule or number.
fn round_input(field: &Field) -> Option<String> {
    match field {
        Field::Round { position, part } => Some(format!("round-{position}-{}", part.name())),
        Field::Input(Input::Preset) => Some("rounds-presets".into()),
        _ => None,
    }
}

#[component]
fn Plan(plan: RoundPlan) -> impl IntoView {
    let i18n = use_i18n();
    let total = plan.rounds.len();
    let editable = plan.editable;
    let rules_form = (editable && total > 1).then(|| {
        let rows: Vec<RoundInfo> = plan.rounds[..total - 1].to_vec();
        view! { <RulesForm rows /> }
    });
    view! {
        <section class="card" aria-labelledby="rounds-list-title">
            <h2 id="rounds-list-title">{move || format!("{} {}", PageKey::RoundsTitle.text(i18n.lang.get()), plan.year)}</h2>
            <p class="muted">{t(PageKey::RoundsHint)}</p>
            <ol class="list">
                {plan.rounds.into_iter().map(|r| {
                    let last = r.position as usize == total;
                    let heading = move || PageKey::RoundOf.text(i18n.lang.get())
                        .replace("{n}", &r.position.to_string())
                        .replace("{total}", &total.to_string())
                        .replace("{kind}", kind_key(r.kind).text(i18n.lang.get()));
                    let (rule, value, reason) = (r.rule, r.value, r.reason.clone());
                    view! {
                        <li class="list-item">
                            <span class="list-title">{heading}</span>
                            {r.current.then(|| view! { <span class="badge pass">{t(PageKey::RoundCurrent)}</span> })}
                            {r.locked_at.map(|at| view! {
                                <span class="muted">{move || PageKey::RoundLockedOn.text(i18n.lang.get()).replace("{date}", &format_date(at, i18n.lang.get()))}</span>
                            })}
                            <span class="muted">
                                {move || if last {
                                    PageKey::RoundIsLast.text(i18n.lang.get()).to_string()
                                } else {
                                    let rule = rule.map_or_else(|| "–".to_string(), |rule| rule_text(rule, value, i18n.lang.get()));
                                    PageKey::RoundGoesOn.text(i18n.lang.get()).replace("{rule}", &rule)
                                }}
                            </span>
                            {(!reason.is_empty()).then(|| view! {
                                <span>{move || PageKey::RoundReason.text(i18n.lang.get()).replace("{reason}", &reason)}</span>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {(!editable).then(|| view! { <p class="notice-info card">{t(PageKey::RoundsFixedNotice)}</p> })}
        </section>
        {editable.then(|| view! { <Presets /> })}
        {rules_form}
    }
}

#[component]
fn Presets() -> impl IntoView {
    let problem = field_error(Input::Preset.name());
    view! {
        <section class="card" aria-labelledby="rounds-presets">
            <h2 id="rounds-presets" tabindex="-1">{t(PageKey::RoundsPresets)}</h2>
            <p class="muted">{t(PageKey::RoundsPresetsHint)}</p>
            <FieldProblem id="rounds-presets-error".to_string() message=problem />
            <div class="sheet-actions preset-actions">
                {RoundPreset::ALL.into_iter().map(|preset| {
                    let apply = ServerAction::<ApplyRoundPreset>::new();
                    view! {
                        <ActionForm action=apply>
                            <input type="hidden" name="preset" value=preset.as_str() />
                            <button type="submit" class="button small">{t(preset_key(preset))}</button>
                        </ActionForm>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}

/// One rule per round but the last: as stored, or as typed when the save was refused.
#[component]
fn RulesForm(rows: Vec<RoundInfo>) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveRoundRules>::new();
    let kept: Vec<RoundRuleInput> = kept_form::<SaveRoundRules>()
        .and_then(|k| k.rules)
        .unwrap_or_default();
    view! {
        <section class="card" aria-labelledby="rounds-rules-title">
            <h2 id="rounds-rules-title">{t(PageKey::RoundsRulesTitle)}</h2>
            <ActionForm action=save>
                {rows.into_iter().enumerate().map(|(i, r)| {
                    let position = r.position as usize;
                    let typed = kept.iter().find(|k| k.position.trim() == position.to_string()).cloned();
                    let rule = typed.as_ref().map_or_else(
                        || r.rule.map(AdvanceRule::as_str).unwrap_or_default().to_string(),
                        |k| k.rule.clone(),
                    );
                    let value = typed.map_or_else(
                        || r.value.map(|v| if r.rule == Some(AdvanceRule::PassMark) { v.to_string() } else { format!("{v:.0}") }).unwrap_or_default(),
                        |k| k.value,
                    );
                    let id = move |what: &str| format!("round-{position}-{what}");
                    let name = move |what: &str| format!("rules[{i}][{what}]");
                    let rule_err = field_error(&format!("rounds.{position}.rule"));
                    let value_err = field_error(&format!("rounds.{position}.value"));
                    let kind = r.kind;
                    view! {
                        <fieldset class="criterion">
                            <legend>{move || PageKey::RoundN.text(i18n.lang.get())
                                .replace("{n}", &position.to_string())
                                .replace("{kind}", kind_key(kind).text(i18n.lang.get()))}</legend>
                            <input type="hidden" name=name("position") value=position.to_string() />
                            <div class="criterion-grid">
                                <div class="field">
                                    <label for=id("rule")>{t(PageKey::RoundRuleLabel)}</label>
                                    <select id=id("rule") name=name("rule")
                                        aria-invalid=rule_err.is_some().then_some("true") aria-describedby=id("rule-error")
                                        autofocus=rule_err.is_some()>
                                        {AdvanceRule::ALL.into_iter().map(|option| view! {
                                            <option value=option.as_str() selected={rule == option.as_str()}>{t(option_key(option))}</option>
                                        }).collect_view()}
                                    </select>
                                    <FieldProblem id=id("rule-error") message=rule_err />
                                </div>
                                <div class="field">
                                    <label for=id("value")>{t(PageKey::RoundValueLabel)}</label>
                                    <input type="text" inputmode="decimal" id=id("value") name=name("value") value=value maxlength="10"
                                        aria-invalid=value_err.is_some().then_some("true")
                                        aria-describedby=format!("{} {}", id("value-error"), id("value-hint"))
                                        autofocus=value_err.is_some() />
                                    <p class="muted" id=id("value-hint")>{t(PageKey::RoundValueHint)}</p>
                                    <FieldProblem id=id("value-error") message=value_err />
                                </div>
                            </div>
                        </fieldset>
                    }
                }).collect_view()}
                <button type="submit" class="button primary">{t(PageKey::RoundsSaveRules)}</button>
            </ActionForm>
        </section>
    }
}

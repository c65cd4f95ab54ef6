//! `/admin/rounds`: the rounds the year is judged in, from a ready-made list, and who goes on
//! from each; fixed once judging has begun. Plain forms throughout.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{
    fetch_rounds, ApplyRoundPreset, SaveRoundCombination, SaveRoundRules, SaveVisitClaims,
};
use crate::components::{field_error, kept_form, loaded, FieldProblem, PageTitle, QueryError};
use crate::error::{Field, Input};
use crate::i18n::{format_date, labels, t, use_i18n, Lang, PageKey};
use crate::models::{
    AdvanceRule, Combination, RoundInfo, RoundKind, RoundPlan, RoundPreset, RoundRuleInput,
    RoundWeightInput,
};

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
        Field::Input(Input::Combination) => Some("combination-last_decides".into()),
        // The shares' total: the first share, where the person starts correcting.
        Field::Input(Input::RoundWeights) => Some("round-1-weight".into()),
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
    let combination = plan.combination;
    let weighed = combination == Combination::Weights;
    let combination_form = (editable && total > 1).then(|| {
        let rounds = plan.rounds.clone();
        view! { <CombinationForm rounds combination /> }
    });
    // A field round's checklist is written until its first visit is reported, judging or not:
    // the organisers often write it once they know the finalists.
    let claims_forms = plan
        .rounds
        .iter()
        .filter(|r| r.kind == RoundKind::Field && r.locked_at.is_none())
        .map(|r| view! { <ClaimsForm round=r.clone() /> })
        .collect_view();
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
                        .replace("{kind}", labels::round_kind(r.kind).text(i18n.lang.get()));
                    let (rule, value, reason) = (r.rule, r.value, r.reason.clone());
                    let weight = r.weight.filter(|_| weighed && total > 1);
                    view! {
                        <li class="list-item">
                            <span class="list-title">{heading}</span>
                            {r.current.then(|| view! { <span class="badge pass">{t(PageKey::RoundCurrent)}</span> })}
                            {r.locked_at.map(|at| view! {
                                <span class="muted">{move || PageKey::RoundLockedOn.text(i18n.lang.get()).replace("{date}", &format_date(at, i18n.lang.get()))}</span>
                                <a href=crate::routes::round_recap(r.position) download>
                                    {move || PageKey::RoundRecapLink.text(i18n.lang.get()).replace("{n}", &r.position.to_string())}
                                </a>
                            })}
                            <span class="muted">
                                {move || if last {
                                    PageKey::RoundIsLast.text(i18n.lang.get()).to_string()
                                } else {
                                    let rule = rule.map_or_else(|| "–".to_string(), |rule| labels::rule_text(rule, value, i18n.lang.get()));
                                    PageKey::RoundGoesOn.text(i18n.lang.get()).replace("{rule}", &rule)
                                }}
                            </span>
                            {weight.map(|w| view! {
                                <span class="muted">{move || PageKey::RoundWeightIs.text(i18n.lang.get()).replace("{n}", &share_text(w, i18n.lang.get()))}</span>
                            })}
                            {(!reason.is_empty()).then(|| view! {
                                <span>{move || PageKey::RoundReason.text(i18n.lang.get()).replace("{reason}", &reason)}</span>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {(total > 1).then(|| view! {
                <p>{move || PageKey::CombinationIs.text(i18n.lang.get()).replace("{how}", labels::combination(combination).text(i18n.lang.get()))}</p>
            })}
            {(!editable).then(|| view! { <p class="notice-info card">{t(PageKey::RoundsFixedNotice)}</p> })}
        </section>
        {editable.then(|| view! { <Presets /> })}
        {rules_form}
        {combination_form}
        {claims_forms}
    }
}

/// The claims a field round's visitors verify, one per line: as stored, or as typed when the
/// save was refused; read-only once a visit is reported.
#[component]
fn ClaimsForm(round: RoundInfo) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveVisitClaims>::new();
    let position = round.position.to_string();
    let typed = kept_form::<SaveVisitClaims>()
        .filter(|k| k.position.trim() == position)
        .map(|k| k.claims);
    let text = typed.unwrap_or_else(|| round.claims.join("\n"));
    let id = format!("round-{position}-claims");
    let error = field_error(&format!("rounds.{position}.claims"));
    let title_id = format!("claims-title-{position}");
    let labelled_by = title_id.clone();
    let heading = {
        let position = position.clone();
        move || {
            PageKey::VisitClaimsTitle
                .text(i18n.lang.get())
                .replace("{n}", &position)
        }
    };
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 id=title_id>{heading}</h2>
            <p class="muted" id=format!("{id}-hint")>{t(PageKey::VisitClaimsHint)}</p>
            {if round.visited {
                view! {
                    <ol class="list">
                        {round.claims.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                    </ol>
                    <p class="notice-info">{t(PageKey::VisitClaimsFixed)}</p>
                }.into_any()
            } else {
                view! {
                    <ActionForm action=save>
                        <input type="hidden" name="position" value=position.clone() />
                        <div class="field">
                            <label for=id.clone()>{t(PageKey::VisitClaimsLabel)}</label>
                            <textarea id=id.clone() name="claims" rows="8"
                                aria-invalid=error.is_some().then_some("true")
                                aria-describedby=format!("{id}-hint {id}-error")
                                autofocus=error.is_some()>{text}</textarea>
                            <FieldProblem id=format!("{id}-error") message=error />
                        </div>
                        <button type="submit" class="button primary">{t(PageKey::VisitClaimsSave)}</button>
                    </ActionForm>
                }.into_any()
            }}
        </section>
    }
}

/// How the rounds make one result: the last round deciding, or a share for every round; as
/// stored, or as typed when the save was refused.
#[component]
fn CombinationForm(rounds: Vec<RoundInfo>, combination: Combination) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveRoundCombination>::new();
    let kept = kept_form::<SaveRoundCombination>();
    let chosen = kept
        .as_ref()
        .and_then(|k| Combination::parse(k.combination.trim()))
        .unwrap_or(combination);
    let typed: Vec<RoundWeightInput> = kept.and_then(|k| k.weights).unwrap_or_default();
    let combination_err = field_error(Input::Combination.name());
    let total_err = field_error(Input::RoundWeights.name());
    view! {
        <section class="card" aria-labelledby="combination-title">
            <h2 id="combination-title">{t(PageKey::CombinationTitle)}</h2>
            <p class="muted">{t(PageKey::CombinationHint)}</p>
            <ActionForm action=save>
                <fieldset class="field">
                    <legend>{t(PageKey::CombinationLabel)}</legend>
                    {Combination::ALL.into_iter().map(|option| {
                        let (id, label_for) = (format!("combination-{}", option.as_str()), format!("combination-{}", option.as_str()));
                        view! {
                            <label class="check" for=label_for>
                                <input type="radio" id=id name="combination" value=option.as_str() checked={chosen == option}
                                    aria-describedby="combination-error" />
                                {t(labels::combination(option))}
                            </label>
                        }
                    }).collect_view()}
                    <FieldProblem id="combination-error".to_string() message=combination_err />
                </fieldset>
                <fieldset class="field">
                    <legend>{t(PageKey::RoundWeightLabel)}</legend>
                    <div class="criterion-grid">
                        {rounds.into_iter().enumerate().map(|(i, r)| {
                            let position = r.position as usize;
                            let weight = typed
                                .iter()
                                .find(|k| k.position.trim() == position.to_string())
                                .map(|k| k.weight.clone())
                                .unwrap_or_else(|| r.weight.map(|w| share_text(w, i18n.lang.get_untracked())).unwrap_or_default());
                            let id = format!("round-{position}-weight");
                            let err = field_error(&format!("rounds.{position}.weight"));
                            let bad = err.is_some() || (position == 1 && total_err.is_some());
                            let kind = r.kind;
                            view! {
                                <div class="field">
                                    <label for=id.clone()>{move || PageKey::RoundN.text(i18n.lang.get())
                                        .replace("{n}", &position.to_string())
                                        .replace("{kind}", labels::round_kind(kind).text(i18n.lang.get()))}</label>
                                    <input type="hidden" name=format!("weights[{i}][position]") value=position.to_string() />
                                    <input type="text" inputmode="decimal" id=id.clone() name=format!("weights[{i}][weight]") value=weight maxlength="6"
                                        aria-invalid=bad.then_some("true")
                                        aria-describedby=format!("{id}-error round-weights-error")
                                        autofocus=bad />
                                    <FieldProblem id=format!("{id}-error") message=err />
                                </div>
                            }
                        }).collect_view()}
                    </div>
                    <FieldProblem id="round-weights-error".to_string() message=total_err />
                </fieldset>
                <button type="submit" class="button primary">{t(PageKey::CombinationSave)}</button>
            </ActionForm>
        </section>
    }
}

/// A stored share as the form shows it: "40", or "37,5" in Indonesian (the server reads either
/// separator).
fn share_text(w: f64, lang: Lang) -> String {
    if w.fract() == 0.0 {
        format!("{w:.0}")
    } else if lang == Lang::Id {
        w.to_string().replace('.', ",")
    } else {
        w.to_string()
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
                                .replace("{kind}", labels::round_kind(kind).text(i18n.lang.get()))}</legend>
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

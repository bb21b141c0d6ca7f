use super::common::{FormError, Notice, category_label, load_error};
use crate::api::reads::get_wallet;
use crate::domain::passbook::YearSummary;
use crate::i18n::Ui;
use crate::model::WalletEntry;
use crate::shell::current_lang;
use leptos::prelude::*;

#[component]
pub fn WalletPage() -> impl IntoView {
    let lang = current_lang();
    let ui = lang.ui();
    let wallet = Resource::new_blocking(|| (), |_| get_wallet());
    view! {
        <Notice/>
        <FormError/>
        <h1>{ui.wallet_title}</h1>
        <Suspense fallback=move || view! { <p>{ui.loading}</p> }>
            {move || Suspend::new(async move {
                match wallet.await {
                    Ok(w) => {
                        let years = w.years.clone();
                        view! {
                            <section class="card balance">
                                <p class="muted">{ui.my_balance}</p>
                                <p class="balance-figure" data-testid="balance">{w.balance} " " <small>{ui.points_unit}</small></p>
                                {(w.held > 0).then(|| view! {
                                    <p class="muted" data-testid="held">{ui.points_held} " " {w.held} " " {ui.points_unit}</p>
                                })}
                            </section>
                            {if w.entries.is_empty() {
                                view! { <p class="muted">{ui.wallet_empty}</p> }.into_any()
                            } else {
                                years.into_iter().enumerate().map(|(i, y)| {
                                    let entries: Vec<WalletEntry> = w.entries.iter().filter(|e| e.year == y.year).cloned().collect();
                                    let shown = entries.len();
                                    let newest = i == 0;
                                    // The newest year is open; older ones fold away below their summary.
                                    view! {
                                        <YearCard summary=y/>
                                        <details class="year-entries" open=newest>
                                            <summary>{ui.wallet_entries} " (" {shown} ")"</summary>
                                            <ul class="entries">
                                                {entries.into_iter().map(|e| view! { <Entry e/> }).collect_view()}
                                            </ul>
                                        </details>
                                    }
                                }).collect_view().into_any()
                            }}
                        }.into_any()
                    }
                    Err(e) => load_error(e, lang),
                }
            })}
        </Suspense>
    }
}

#[component]
fn YearCard(summary: YearSummary) -> impl IntoView {
    let ui = current_lang().ui();
    let pct = |permille: i64| format!("{}.{}%", permille / 10, permille % 10);
    view! {
        <section class="card year" data-year=summary.year>
            <h2>{summary.year}{ui.year_suffix}</h2>
            <p class="year-figures">
                <span data-testid="year-entries">{summary.entries}</span> " " {ui.year_entries} " · "
                {ui.year_earned} " " <strong data-testid="year-earned">{summary.earned}</strong> " " {ui.points_unit}
                {(summary.spent != 0).then(|| view! { " · " {ui.year_spent} " " {summary.spent} " " {ui.points_unit} })}
            </p>
            <ul class="shares">
                {summary.shares.iter().map(|s| {
                    let width = format!("width:{}%", (s.permille / 10).clamp(0, 100));
                    view! {
                        <li>
                            <span class="share-label">{category_label(ui, s.category.code())}</span>
                            <span class="bar"><span style=width></span></span>
                            <span class="share-pct">{pct(s.permille)}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="muted small">{ui.civic_share} " " <span data-testid="civic-share">{pct(summary.civic_participation_permille)}</span></p>
        </section>
    }
}

fn cause_label(ui: &Ui, kind: &str) -> &'static str {
    match kind {
        "checkin" => ui.cause_checkin,
        "award" => ui.cause_award,
        "reversal" => ui.cause_reversal,
        "hold" => ui.cause_hold,
        "release" => ui.cause_release,
        _ => ui.cause_other,
    }
}

#[component]
fn Entry(e: WalletEntry) -> impl IntoView {
    let ui = current_lang().ui();
    let (class, sign) = if e.amount >= 0 { ("amount plus", "+") } else { ("amount minus", "") };
    let title = match &e.cause_name {
        Some(name) => format!("{} · {}", cause_label(ui, &e.cause_kind), name),
        None => cause_label(ui, &e.cause_kind).to_string(),
    };
    let memo = (!e.memo.is_empty() && !e.memo.starts_with("post:")).then(|| e.memo.clone());
    let can_ask = e.review.as_ref().is_none_or(|r| r.answer.is_some());
    view! {
        <li class="entry" id=format!("entry-{}", e.transfer_id)>
            <span class="cause">{title}</span>
            <span class=class>{sign}{e.amount}</span>
            <span class="muted small detail">
                {e.time_label}
                {e.category.as_deref().map(|c| format!(" · {}", category_label(ui, c)))}
                {e.confirmed_by.map(|n| format!(" · {}{}", ui.confirmed_by, n))}
            </span>
            {memo.map(|m| view! { <span class="small detail">{ui.reason}{m}</span> })}
            {e.reversed.then(|| view! { <span class="badge detail">{ui.entry_reversed}</span> })}
            {e.review.map(|r| view! {
                <span class="small detail review">
                    {ui.your_question}{r.question}<br/>
                    {match r.answer {
                        Some(a) => format!("{}{}", ui.staff_answer, a),
                        None => ui.awaiting_answer.to_string(),
                    }}
                </span>
            })}
            {can_ask.then(|| view! {
                <details class="detail ask">
                    <summary>{ui.ask_why}</summary>
                    <form method="post" action="/api/wallet/ask" class="form">
                        <input type="hidden" name="transfer_id" value=e.transfer_id.to_string()/>
                        <textarea name="question" rows="2" maxlength="500" required placeholder=ui.ask_placeholder
                            aria-label=ui.ask_why></textarea>
                        <button type="submit" class="btn">{ui.ask_submit}</button>
                    </form>
                </details>
            })}
        </li>
    }
}

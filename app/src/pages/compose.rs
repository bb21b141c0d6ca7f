//! Writing a post: text, an optional topic, up to nine photos, and for
//! department staff the choice to post as the official account.

use super::common::{FormError, KeptPhotos, load_error, query};
use crate::api::reads::current_user;
use crate::api::social::get_topics;
use crate::domain::post::MAX_PHOTOS;
use crate::error::AppError;
use crate::islands::{MultiPhotoPicker, UploadForm};
use crate::shell::current_lang;
use leptos::prelude::*;

#[component]
pub fn NewPostPage() -> impl IntoView {
    let lang = current_lang();
    let ui = lang.ui();
    let data = Resource::new_blocking(|| (), |_| async { (current_user().await, get_topics().await) });
    view! {
        <h1>{ui.compose_title}</h1>
        <FormError/>
        <Suspense fallback=move || view! { <p>{ui.loading}</p> }>
            {move || Suspend::new(async move {
                let (user, topics) = data.await;
                let user = match user {
                    Ok(Some(u)) => u,
                    Ok(None) => return load_error(AppError::NotLoggedIn, lang),
                    Err(e) => return load_error(e, lang),
                };
                let kept = query("kept_photos");
                let kept_count = kept.split(',').filter(|s| !s.trim().is_empty()).count();
                let topic = {
                    let t = query("topic");
                    if t.is_empty() { query("t") } else { t }
                };
                let suggestions: Vec<String> = topics.unwrap_or_default().into_iter().take(8).map(|t| t.topic).collect();
                view! {
                    <section class="card">
                        <UploadForm action="/api/posts/create".into() submit_label=ui.compose_submit.into()
                            sending_label=ui.compose_sending.into()>
                            <label for="text">{ui.compose_text}</label>
                            <textarea id="text" name="text" rows="4" maxlength="1000"
                                placeholder=ui.compose_text_hint>{query("text")}</textarea>
                            <label for="topic">{ui.compose_topic}</label>
                            <input id="topic" name="topic" list="topic-list" maxlength="21" value=topic placeholder="#老物件"/>
                            <datalist id="topic-list">
                                {suggestions.iter().map(|t| view! { <option value=format!("#{t}")/> }).collect_view()}
                            </datalist>
                            <small>{ui.compose_topic_hint}</small>
                            <p class="hint-box small">{ui.compose_not_checkin}</p>
                            <input type="hidden" name="kept_photos" value=kept.clone()/>
                            {(kept_count > 0).then(|| view! {
                                <p class="hint-box">{ui.photos_kept_before}{kept_count}{ui.photos_kept_after}</p>
                                <KeptPhotos ids=kept.clone()/>
                            })}
                            <MultiPhotoPicker label=ui.compose_photos.into() hint=ui.compose_photos_hint.into()
                                too_large=ui.photo_too_large_client.into() too_many=ui.too_many_photos_client.into()
                                max=MAX_PHOTOS as u32/>
                            {user.department_name.clone().map(|d| view! {
                                <label class="check">
                                    <input type="checkbox" name="as_department" value="on"
                                        checked=query("as_department") == "on"/>
                                    {ui.post_as_department}{d}
                                </label>
                            })}
                        </UploadForm>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}
